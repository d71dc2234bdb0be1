import type { Tx } from '~/db/db.server';

export async function getDisplayName(tx: Tx, userId: string): Promise<string | null> {
  const row = await tx.selectFrom('profiles').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** What the dashboard needs to know about who this is: organisation roles and reader assignments. */
export async function getStanding(tx: Tx, userId: string) {
  const [roles, readerFor] = await Promise.all([
    tx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    tx
      .selectFrom('municipality_readers')
      .innerJoin('municipalities', 'municipalities.id', 'municipality_readers.municipality_id')
      .select('municipalities.name')
      .where('municipality_readers.user_id', '=', userId)
      .orderBy('municipalities.name')
      .execute(),
  ]);
  return {
    isAdmin: roles.some((r) => r.role === 'admin'),
    isCoordinator: roles.some((r) => r.role === 'coordinator'),
    readerFor: readerFor.map((r) => r.name),
  };
}
