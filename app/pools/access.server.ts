import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';

/**
 * The pool as the user may see it, and whether they manage it (its coordinators and admins).
 * RLS decides; this only lets a route answer 404/403 clearly before it tries.
 */
export async function poolAccess(tx: Tx, poolId: string, userId: string) {
  // One statement: the pool, and the person's admin role and membership, each a lookup by key.
  const found = await tx
    .selectFrom('pools')
    .select((eb) => [
      'pools.id',
      'pools.name',
      'pools.status',
      eb
        .exists(
          eb
            .selectFrom('user_roles')
            .select(sql`1`.as('one'))
            .where('user_id', '=', userId)
            .where('role', '=', 'admin'),
        )
        .as('is_admin'),
      eb
        .selectFrom('pool_memberships')
        .select('role')
        .whereRef('pool_id', '=', 'pools.id')
        .where('user_id', '=', userId)
        .as('my_role'),
    ])
    .where('pools.id', '=', poolId)
    .executeTakeFirst();
  if (!found) throw notFound();
  const { is_admin: admin, my_role: myRole, ...pool } = found;
  return {
    pool,
    isAdmin: Boolean(admin),
    myRole,
    manages: Boolean(admin) || myRole === 'coordinator',
  };
}

/** As poolAccess, but only for the pool's coordinators and admins. */
export async function requirePoolManager(tx: Tx, poolId: string, userId: string) {
  const access = await poolAccess(tx, poolId, userId);
  if (!access.manages) throw forbidden();
  return access;
}

/**
 * Whether the user may appoint the pool's coordinators (promote, demote, invite as coordinator, hand the
 * pool over): admins, and the pool's coordinators an admin assigned to its region. The database decides
 * (private.appoints_coordinators); pages ask so they offer only what it will allow.
 */
export async function mayAppointCoordinators(tx: Tx, poolId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select private.appoints_coordinators(${poolId}::uuid) as ok`.execute(tx);
  return rows[0]?.ok ?? false;
}
