import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { readQuery } from '~/input/request.server';
import { searchMunicipalities } from '~/places/queries.server';
import { municipalitySearchSchema } from '~/places/schema.server';

/**
 * The municipalities a place filter offers for what was typed (public reference data, as on the pages
 * that ask anyone for their municipality). Kept a minute by the browser: the list changes when an admin
 * adds a municipality, which may show a minute late.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { q } = readQuery(request, municipalitySearchSchema);
  const user = await getUser(request);
  const found = await withUser(user, (tx) => searchMunicipalities(tx, q));
  return json(found, { headers: { 'Cache-Control': 'private, max-age=60' } });
}
