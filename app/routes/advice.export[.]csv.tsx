import type { LoaderFunctionArgs } from '@remix-run/node';
import { registerCsv } from '~/advice/export.server';
import { indicatorNames } from '~/indicators/framework';
import { listIndicators } from '~/indicators/queries.server';
import { parseRegisterFilters } from '~/advice/schema.server';
import { loadRegisterExport } from '~/advice/register.server';
import { getUser } from '~/auth/auth.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';

/** The register's current selection as CSV, with what RLS lets this person read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const filters = parseRegisterFilters(new URL(request.url).searchParams);
  const locale = await detectLocale(request);
  const [rows, indicators] = await withUser(user, (tx) =>
    Promise.all([loadRegisterExport(tx, user, filters), listIndicators(tx)]),
  );
  const { t } = i18nFor(locale);
  const csv = registerCsv(rows, t, config.appUrl, indicatorNames(indicators, locale));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="adviezen-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
