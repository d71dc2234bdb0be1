import { sql } from 'kysely';
import type { User } from '~/auth/user';
import type { Tx } from '~/db/db.server';
import { listPoolRoles } from '~/pools/queries.server';
import { ALL_STATUSES, PUBLISHED_STATUSES } from './framework';
import { listIndicators } from '~/indicators/queries.server';
import { loadPlaceFilter } from '~/places/queries.server';
import { listSavedSearches } from './queries.server';
import type { RegisterFilters } from './schema.server';
import {
  COUNT_CAP,
  countRegister,
  exportRegister,
  PAGE_SIZE,
  rankedSelection,
  registerSelection,
  searchRegister,
  suggestSearch,
} from './search.server';

/**
 * What the register needs to know of the person: their pools with their role, whether they are an
 * admin, and so whether they see published advice only (RegisterSelection.publishedOnly).
 */
async function registerAudience(tx: Tx, user: User | null) {
  const [pools, isAdmin] = await Promise.all([
    user ? listPoolRoles(tx, user.id) : Promise.resolve([]),
    user
      ? tx
          .selectNoFrom(sql<boolean>`private.is_admin()`.as('yes'))
          .executeTakeFirstOrThrow()
          .then((r) => r.yes)
      : false,
  ]);
  const inAPool = pools.some((p) => p.my_role !== null);
  return { pools, isAdmin, inAPool, publishedOnly: !inAPool && !isAdmin };
}

/** Everything the register page shows for a selection: one page of results and the filter options. */
export async function loadRegister(tx: Tx, user: User | null, filters: RegisterFilters) {
  const { pools, isAdmin, inAPool, publishedOnly } = await registerAudience(tx, user);
  const selection = await registerSelection(tx, filters, publishedOnly);
  const ranked = rankedSelection(selection);
  const [rows, counted, indicators, place, saved] = await Promise.all([
    searchRegister(tx, selection),
    ranked ? null : countRegister(tx, selection),
    listIndicators(tx),
    loadPlaceFilter(tx, { regionId: filters.region, municipalityId: filters.municipality }),
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
    place,
    pools: pools.map((p) => ({ id: p.id, name: p.name })),
    saved,
    canWrite: inAPool,
    isAdmin,
    // Members see their pool's drafts and reviews too, so they may filter on them.
    statuses: inAPool ? ALL_STATUSES : PUBLISHED_STATUSES,
  };
}

/**
 * The register's selection for CSV and the printed report (exportRegister), told like the page who
 * reads published advice only: a broad search by a municipality reader then reads the advice RLS
 * lets them see, not every match.
 */
export async function loadRegisterExport(tx: Tx, user: User | null, filters: RegisterFilters, cap?: number) {
  const { publishedOnly } = await registerAudience(tx, user);
  return exportRegister(tx, await registerSelection(tx, filters, publishedOnly), cap);
}
