import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { attachmentHeader } from '~/http.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { reportCsv } from '~/monitoring/export.server';
import { loadReport, reportPeriod } from '~/monitoring/report.server';

/** The report's figures and targets as CSV that the import takes back (`?period=` as the report's). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'read');
  const locale = await detectLocale(request);
  const chosen = reportPeriod(new URL(request.url));
  if (!chosen.ok) {
    return new Response(i18nFor(locale).t(chosen.errors.period ?? 'monitoring.errors.period'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const report = await withUser(user, (tx) => loadReport(tx, municipality.id, locale, chosen.period));
  return new Response(reportCsv(report), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentHeader(
        `monitoring-${municipality.name}-${chosen.period?.code ?? new Date().toISOString().slice(0, 10)}`,
        'csv',
        'monitoring',
      ),
      'Cache-Control': 'private, no-store',
    },
  });
}
