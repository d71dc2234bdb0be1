import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { forbidden } from '~/http.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { readQuery } from '~/input/request.server';
import { listSearchablePools, MEMBERS_EXPORT_LIMIT, searchMembers } from '~/people/directory.server';
import { membersCsv } from '~/people/export.server';
import { memberSearchSchema } from '~/people/schema.server';

/** The member search as CSV: only the pools the user coordinates, contact details only with consent. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = readQuery(request, memberSearchSchema);
  const members = await withUser(user, async (tx) => {
    if ((await listSearchablePools(tx)).length === 0) throw forbidden();
    return searchMembers(tx, filters);
  });
  const { t } = i18nFor(await detectLocale(request));
  if (!members) {
    return new Response(t('people.search.exportTooMany', { count: MEMBERS_EXPORT_LIMIT }), {
      status: 413,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(membersCsv(members, t), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="expertpool-leden.csv"',
      'Cache-Control': 'no-store',
    },
  });
}
