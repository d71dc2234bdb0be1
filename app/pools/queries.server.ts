import { sql, type NotNull } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { PoolRole } from '~/db/types';

/**
 * Every pool the user may see, as RLS decides: members and coordinators their own pools, municipality
 * readers the pools serving their municipality, admins all. Their own role is attached when they have one.
 */
function visiblePools(tx: Tx, userId: string) {
  return tx
    .selectFrom('pools')
    .leftJoin('pool_memberships as mine', (join) =>
      join.onRef('mine.pool_id', '=', 'pools.id').on('mine.user_id', '=', userId),
    )
    .select(['pools.id', 'pools.name', 'mine.role as my_role'])
    .orderBy('pools.name');
}

/** The visible pools with the user's role only: without the member count, which counts each pool's memberships. */
export async function listPoolRoles(tx: Tx, userId: string) {
  return visiblePools(tx, userId).execute();
}

/** The visible pools as the pool lists show them: with status, region and member count. */
export async function listVisiblePools(tx: Tx, userId: string) {
  return visiblePools(tx, userId)
    .leftJoin('regions', 'regions.id', 'pools.region_id')
    .select([
      'pools.status',
      'regions.name as region_name',
      sql<number>`private.pool_size(pools.id)`.as('member_count'),
    ])
    .execute();
}

/** The pools the person belongs to (as member or coordinator). */
export async function listMyPools(tx: Tx, userId: string) {
  const pools = await listVisiblePools(tx, userId);
  return pools.filter((pool) => pool.my_role !== null);
}

export async function getPool(tx: Tx, poolId: string, userId: string) {
  const pool = await tx
    .selectFrom('pools')
    .leftJoin('regions', 'regions.id', 'pools.region_id')
    .leftJoin('pool_memberships as mine', (join) =>
      join.onRef('mine.pool_id', '=', 'pools.id').on('mine.user_id', '=', userId),
    )
    .select([
      'pools.id',
      'pools.name',
      'pools.status',
      'pools.assignment',
      sql<string | null>`to_char(pools.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string | null>`to_char(pools.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      'regions.name as region_name',
      'mine.role as my_role',
    ])
    .where('pools.id', '=', poolId)
    .executeTakeFirst();
  if (!pool) return null;
  const [members, serves] = await Promise.all([
    tx
      .selectFrom('pool_peers')
      .select(['user_id', 'display_name', 'role', 'has_photo', 'languages', 'themes'])
      // The view's columns: a membership's and a profile's not-null ones, and what it always computes.
      .$narrowType<{
        user_id: NotNull;
        display_name: NotNull;
        role: PoolRole;
        has_photo: NotNull;
        languages: NotNull;
        themes: NotNull;
      }>()
      .where('pool_id', '=', poolId)
      .orderBy('display_name')
      .execute(),
    tx
      .selectFrom('pool_municipalities')
      .innerJoin('municipalities', 'municipalities.id', 'pool_municipalities.municipality_id')
      .select('municipalities.name')
      .where('pool_id', '=', poolId)
      .orderBy('municipalities.name')
      .execute(),
  ]);
  return { ...pool, members, serves: serves.map((s) => s.name) };
}

/**
 * Whether the pool has a member (not a coordinator) besides the user, for the empty pool's next step.
 * RLS shows memberships to the pool's own people and admins only: a reader always gets false, so pages
 * ask this only of those (coordinators, admins, members). Stops at the first one: counting them all
 * checked row level security on each of a large pool's memberships.
 */
export async function hasOtherMembers(tx: Tx, poolId: string, userId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('pool_memberships')
    .select('user_id')
    .where('pool_id', '=', poolId)
    .where('role', '=', 'member')
    .where('user_id', '!=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
