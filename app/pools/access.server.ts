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
