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

export type OrganisationRole = 'member' | 'admin';

/** Whether the person may add and remove this organisation's people: an admin, or one of its own admins. */
export async function managesOrganisationPeople(tx: Tx, organisationId: string): Promise<boolean> {
  const { rows } = await sql<{
    ok: boolean;
  }>`select private.manages_organisation_people(${organisationId}) as ok`.execute(tx);
  return Boolean(rows[0]?.ok);
}

/** Organisations whose people this person manages as the organisation's own admin. */
export async function listOrganisationsIAdminister(tx: Tx, userId: string) {
  return tx
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('organisation_members.user_id', '=', userId)
    .where('organisation_members.role', '=', 'admin')
    .orderBy('organisations.name')
    .execute();
}

/** Who works for the organisation, by name and e-mail (for those who manage its people; others get none). */
export async function listOrganisationMembers(tx: Tx, organisationId: string) {
  const { rows } = await sql<{ user_id: string; display_name: string; email: string; role: OrganisationRole }>`
    select user_id, display_name, email, role from private.organisation_member_list(${organisationId})`.execute(tx);
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

/** Ties the account with this e-mail address to the organisation; admins and its own admins may (RLS). */
export async function addOrganisationMember(
  tx: Tx,
  organisationId: string,
  email: string,
  role: OrganisationRole = 'member',
): Promise<MemberOutcome> {
  const found = await sql<{ id: string | null }>`
    select private.organisation_find_user(${organisationId}, ${email}) as id`.execute(tx);
  const userId = found.rows[0]?.id;
  if (!userId) return 'noAccount';
  const done = await tx
    .insertInto('organisation_members')
    .values({ organisation_id: organisationId, user_id: userId, role })
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

/** Makes a colleague one of the organisation's own admins, or an ordinary member again. */
export async function setOrganisationRole(tx: Tx, organisationId: string, userId: string, role: OrganisationRole) {
  const done = await tx
    .updateTable('organisation_members')
    .set({ role })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}
