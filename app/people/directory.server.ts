import { sql, type NotNull } from 'kysely';
import type { ContactPreference, LearningRoute } from '~/db/types';
import type { Tx } from '~/db/db.server';
import type { MemberSearch } from './schema.server';

/**
 * Members of the pools the user coordinates (admins: all pools), filtered. The view decides whose rows
 * come back and withholds contact details unless the member gave coordinators that consent.
 */
export async function searchMembers(tx: Tx, filters: Partial<MemberSearch>) {
  let query = tx
    .selectFrom('pool_member_directory as d')
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
    .where('d.role', '=', 'member');
  if (filters.q) query = query.where('d.display_name', 'ilike', `%${filters.q.replace(/[\\%_]/g, '\\$&')}%`);
  if (filters.poolId) query = query.where('d.pool_id', '=', filters.poolId);
  if (filters.municipalityId) query = query.where('d.municipality_id', '=', filters.municipalityId);
  if (filters.language) query = query.where(sql<boolean>`${filters.language} = any(d.languages)`);
  if (filters.theme) query = query.where(sql<boolean>`${filters.theme} = any(d.themes)`);
  if (filters.availability) query = query.where(sql<boolean>`${filters.availability} = any(d.availability)`);
  return query.orderBy('pools.name').orderBy('d.display_name').limit(1000).execute();
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
