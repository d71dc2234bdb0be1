import { sql } from 'kysely';
import type { User } from '~/auth/user';
import type { Tx } from '~/db/db.server';
import { listVisiblePools } from '~/pools/queries.server';
import { ALL_STATUSES, PUBLISHED_STATUSES } from './framework';
import { listIndicators } from '~/indicators/queries.server';
import { listMunicipalities, listRegions } from '~/places/queries.server';
import { listSavedSearches } from './queries.server';
import type { RegisterFilters } from './schema.server';
import {
  COUNT_CAP,
  countRegister,
  PAGE_SIZE,
  rankedSelection,
  registerSelection,
  searchRegister,
  suggestSearch,
} from './search.server';

/** Everything the register page shows for a selection: one page of results and the filter options. */
export async function loadRegister(tx: Tx, user: User | null, filters: RegisterFilters) {
  const [pools, isAdmin] = await Promise.all([
    user ? listVisiblePools(tx, user.id) : Promise.resolve([]),
    user
      ? tx
          .selectNoFrom(sql<boolean>`private.is_admin()`.as('yes'))
          .executeTakeFirstOrThrow()
          .then((r) => r.yes)
      : false,
  ]);
  const inAPool = pools.some((p) => p.my_role !== null);
  const selection = await registerSelection(tx, filters, !inAPool && !isAdmin);
  const ranked = rankedSelection(selection);
  const [rows, counted, indicators, regions, municipalities, saved] = await Promise.all([
    searchRegister(tx, selection),
    ranked ? null : countRegister(tx, selection),
    listIndicators(tx),
    listRegions(tx),
    listMunicipalities(tx),
    user ? listSavedSearches(tx) : Promise.resolve([]),
  ]);
  // A ranked page counted its matches; past the last page it has no row to say how many.
  const total = counted ?? rows[0]?.total ?? (filters.page > 1 ? await countRegister(tx, selection) : 0);
  return {
    rows,
    total,
    // Only a search that found nothing gets a suggestion, so other pages pay nothing for it.
    suggestion: total === 0 ? await suggestSearch(tx, filters) : null,
    pages: Math.max(1, Math.ceil(Math.min(total, COUNT_CAP) / PAGE_SIZE)),
    capped: total > COUNT_CAP,
    countCap: COUNT_CAP,
    indicators,
    regions,
    municipalities,
    pools: pools.map((p) => ({ id: p.id, name: p.name })),
    saved,
    canWrite: inAPool,
    isAdmin,
    // Members see their pool's drafts and reviews too, so they may filter on them.
    statuses: inAPool ? ALL_STATUSES : PUBLISHED_STATUSES,
  };
}
