import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';

/**
 * The pool as the user may see it, and whether they manage it (its coordinators and admins).
 * RLS decides; this only lets a route answer 404/403 clearly before it tries.
 */
export async function poolAccess(tx: Tx, poolId: string, userId: string) {
  const [pool, admin, mine] = await Promise.all([
    tx.selectFrom('pools').select(['id', 'name', 'status']).where('id', '=', poolId).executeTakeFirst(),
    tx
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId)
      .where('role', '=', 'admin')
      .executeTakeFirst(),
    tx
      .selectFrom('pool_memberships')
      .select('role')
      .where('pool_id', '=', poolId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  ]);
  if (!pool) throw notFound();
  return {
    pool,
    isAdmin: Boolean(admin),
    myRole: mine?.role ?? null,
    manages: Boolean(admin) || mine?.role === 'coordinator',
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
