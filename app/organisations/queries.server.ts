import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';

/** One organisation for its admin page; null when there is none (or the reader may not see it). */
export async function getOrganisation(tx: Tx, organisationId: string) {
  return (
    (await tx
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where('id', '=', organisationId)
      .executeTakeFirst()) ?? null
  );
}

/** Who works for the organisation, by name and e-mail (admins only: others get an empty list). */
export async function listOrganisationMembers(tx: Tx, organisationId: string) {
  const { rows } = await sql<{ user_id: string; display_name: string; email: string }>`
    select user_id, display_name, email from public.organisation_member_list(${organisationId})`.execute(tx);
  return rows;
}

/** Member counts per organisation, for the admin overview (RLS: admins see every row). */
export async function countOrganisationMembers(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('organisation_members')
    .select(['organisation_id', sql<number>`count(*)::int`.as('n')])
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

export type MemberOutcome = 'saved' | 'noAccount' | 'alreadyMember';

/** Ties the account with this e-mail address to the organisation; only admins may (RLS). */
export async function addOrganisationMember(tx: Tx, organisationId: string, email: string): Promise<MemberOutcome> {
  const found = await sql<{ id: string | null }>`select public.admin_find_user(${email}) as id`.execute(tx);
  const userId = found.rows[0]?.id;
  if (!userId) return 'noAccount';
  const done = await tx
    .insertInto('organisation_members')
    .values({ organisation_id: organisationId, user_id: userId })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) > 0 ? 'saved' : 'alreadyMember';
}

export async function removeOrganisationMember(tx: Tx, organisationId: string, userId: string): Promise<boolean> {
  const done = await tx
    .deleteFrom('organisation_members')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(done.numDeletedRows) > 0;
}
