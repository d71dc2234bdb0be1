import { sql, type NotNull } from 'kysely';
import type { ContactPreference, LearningRoute } from '~/db/types';
import type { Tx } from '~/db/db.server';
import { escapeLike } from '~/db/like.server';
import type { MemberSearch } from './schema.server';

/** Rows per page of the member search; the CSV has them all, up to MEMBERS_EXPORT_LIMIT. */
export const MEMBERS_PER_PAGE = 50;
/**
 * The most rows one CSV carries: ten times a national organisation's members, and a bound on one
 * request's work. A search with more is refused with a word to narrow it, never cut short unsaid.
 */
export const MEMBERS_EXPORT_LIMIT = 10_000;

/** The directory's members (not coordinators) that match the filters. */
function matchingMembers(tx: Tx, filters: Partial<MemberSearch>) {
  let query = tx.selectFrom('pool_member_directory as d').where('d.role', '=', 'member');
  if (filters.q) query = query.where('d.display_name', 'ilike', `%${escapeLike(filters.q)}%`);
  if (filters.poolId) query = query.where('d.pool_id', '=', filters.poolId);
  if (filters.regionId)
    query = query.where(
      'd.municipality_id',
      'in',
      tx.selectFrom('municipalities').select('id').where('region_id', '=', filters.regionId),
    );
  if (filters.municipalityId) query = query.where('d.municipality_id', '=', filters.municipalityId);
  if (filters.language) query = query.where(sql<boolean>`${filters.language} = any(d.languages)`);
  if (filters.theme) query = query.where(sql<boolean>`${filters.theme} = any(d.themes)`);
  if (filters.availability) query = query.where(sql<boolean>`${filters.availability} = any(d.availability)`);
  return query;
}

/**
 * Members of the pools the user coordinates (admins: all pools), filtered, by pool and name. The view
 * decides whose rows come back and withholds contact details unless the member gave coordinators that
 * consent.
 */
function memberRows(tx: Tx, filters: Partial<MemberSearch>) {
  return (
    matchingMembers(tx, filters)
      .innerJoin('pools', 'pools.id', 'd.pool_id')
      .select([
        'd.pool_id',
        'pools.name as pool_name',
        'd.user_id',
        'd.display_name',
        'd.municipality_name',
        'd.arrival_year',
        'd.languages',
        'd.themes',
        'd.availability',
        'd.route',
        'd.contact_preference',
        'd.email',
        'd.phone',
      ])
      // The view's columns: a membership's and a profile's not-null ones and arrays it always builds.
      .$narrowType<{
        pool_id: NotNull;
        user_id: NotNull;
        display_name: NotNull;
        languages: NotNull;
        themes: NotNull;
        availability: NotNull;
        route: LearningRoute | null;
        contact_preference: ContactPreference | null;
      }>()
      .orderBy('pools.name')
      .orderBy('d.display_name')
      // Ties (two people of one name in a pool) in a fixed order, so no one falls between two pages.
      .orderBy('d.user_id')
  );
}

/** Every matching member, for the CSV; null when more than `limit` match (the CSV would be cut short). */
export async function searchMembers(tx: Tx, filters: Partial<MemberSearch>, limit = MEMBERS_EXPORT_LIMIT) {
  const rows = await memberRows(tx, filters)
    .limit(limit + 1)
    .execute();
  return rows.length > limit ? null : rows;
}

/**
 * One page of the member search and how many match in all. A page past the last one shows the last
 * (a bookmark after members left), so a page number never ends in an empty table.
 */
export async function searchMembersPage(tx: Tx, filters: Partial<MemberSearch>) {
  const { total } = await matchingMembers(tx, filters)
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(total) / MEMBERS_PER_PAGE));
  const page = Math.min(filters.page ?? 1, pages);
  const members = await memberRows(tx, filters)
    .limit(MEMBERS_PER_PAGE)
    .offset((page - 1) * MEMBERS_PER_PAGE)
    .execute();
  return { members, total: Number(total), page, pages, perPage: MEMBERS_PER_PAGE };
}

/** The pools whose members the user may search: those they coordinate (admins: all). */
export async function listSearchablePools(tx: Tx) {
  return tx
    .selectFrom('pools')
    .select(['id', 'name'])
    .where(sql<boolean>`private.is_pool_coordinator(pools.id) or private.is_admin()`)
    .orderBy('name')
    .execute();
}
