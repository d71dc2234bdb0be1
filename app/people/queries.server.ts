import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { UserRole } from '~/db/types';

/** The organisation-wide roles (admin, coordinator) a person holds. */
export async function listRoles(tx: Tx, userId: string): Promise<UserRole[]> {
  const rows = await tx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

/**
 * What the dashboard needs to know about who this is: organisation roles, reader assignments and
 * whether they coordinate a pool (which a pool's coordinator may do through the membership alone,
 * without the organisation role). One statement: each is a lookup by the person's id.
 */
export async function getStanding(tx: Tx, userId: string) {
  const row = await tx
    .selectNoFrom((eb) => [
      sql<UserRole[]>`array(select r.role from public.user_roles r where r.user_id = ${userId})`.as('roles'),
      sql<string[]>`array(
        select m.name from public.municipality_readers r join public.municipalities m on m.id = r.municipality_id
        where r.user_id = ${userId} order by m.name)`.as('reader_for'),
      eb
        .exists(
          eb
            .selectFrom('pool_memberships')
            .select(sql`1`.as('one'))
            .where('user_id', '=', userId)
            .where('role', '=', 'coordinator'),
        )
        .as('coordinates_a_pool'),
    ])
    .executeTakeFirstOrThrow();
  return {
    isAdmin: row.roles.includes('admin'),
    isCoordinator: row.roles.includes('coordinator'),
    coordinatesAPool: Boolean(row.coordinates_a_pool),
    readerFor: row.reader_for,
  };
}
