import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { attachmentHeader } from '~/http.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { monitoringCsv } from '~/monitoring/export.server';
import { loadMonitoring } from '~/monitoring/queries.server';

/** The monitoring page's figures as CSV, with what the database lets this person read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const monitoring = await withUser(user, (tx) => loadMonitoring(tx, municipality.id, locale));
  const csv = monitoringCsv(monitoring, i18nFor(locale).t, config.appUrl);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentHeader(`monitoring-${municipality.name}-${day}`, 'csv', 'monitoring'),
      'Cache-Control': 'private, no-store',
    },
  });
}
