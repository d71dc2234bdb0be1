import type { Tx } from '~/db/db.server';
import type { UserRole } from '~/db/types';

/** The organisation-wide roles (admin, coordinator) a person holds. */
export async function listRoles(tx: Tx, userId: string): Promise<UserRole[]> {
  const rows = await tx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

/** What the dashboard needs to know about who this is: organisation roles and reader assignments. */
export async function getStanding(tx: Tx, userId: string) {
  const [roles, readerFor] = await Promise.all([
    listRoles(tx, userId),
    tx
      .selectFrom('municipality_readers')
      .innerJoin('municipalities', 'municipalities.id', 'municipality_readers.municipality_id')
      .select('municipalities.name')
      .where('municipality_readers.user_id', '=', userId)
      .orderBy('municipalities.name')
      .execute(),
  ]);
  return {
    isAdmin: roles.includes('admin'),
    isCoordinator: roles.includes('coordinator'),
    readerFor: readerFor.map((r) => r.name),
  };
}
