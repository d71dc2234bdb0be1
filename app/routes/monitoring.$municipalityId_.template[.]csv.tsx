import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { templateCsv } from '~/monitoring/export.server';
import { listCoreIndicators } from '~/monitoring/queries.server';

/** An import file to fill in, listing the municipality's own core indicators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'write');
  const cores = await withUser(user, (tx) => listCoreIndicators(tx, municipality.id));
  return new Response(templateCsv(cores, new Date().getFullYear()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="kernindicatoren-sjabloon.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}
