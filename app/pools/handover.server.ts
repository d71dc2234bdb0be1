import type { Tx } from '~/db/db.server';
import { inviteMany } from '~/people/invitations.server';

/** The organisations a pool can be handed over to: municipalities, clients and chain partners. */
export async function listHandoverOrganisations(tx: Tx) {
  return tx
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', 'in', ['municipality', 'client', 'chain_partner'])
    .orderBy('name')
    .execute();
}

/**
 * Hands a pool's management to an organisation's staff: they are invited as coordinators (they become
 * coordinators when they accept), the pool's status becomes 'handed_over', and the handover is recorded.
 * Unless the handing coordinator stays on to guide, they step back to member.
 */
export async function handOverPool(
  tx: Tx,
  input: { poolId: string; organisationId: string; staffEmails: string[]; note: string; stayOn: boolean; by: string },
) {
  await tx
    .insertInto('pool_handovers')
    .values({
      pool_id: input.poolId,
      organisation_id: input.organisationId,
      note: input.note,
      handed_over_by: input.by,
    })
    .execute();
  const invited = await inviteMany(tx, {
    emails: input.staffEmails,
    poolId: input.poolId,
    role: 'coordinator',
    invitedBy: input.by,
  });
  await tx.updateTable('pools').set({ status: 'handed_over' }).where('id', '=', input.poolId).execute();
  if (!input.stayOn) {
    // Last, because stepping back ends this coordinator's right to change the pool.
    await tx
      .updateTable('pool_memberships')
      .set({ role: 'member' })
      .where('pool_id', '=', input.poolId)
      .where('user_id', '=', input.by)
      .execute();
  }
  return invited;
}

export async function listHandovers(tx: Tx, poolId: string) {
  return tx
    .selectFrom('pool_handovers')
    .innerJoin('organisations', 'organisations.id', 'pool_handovers.organisation_id')
    .select([
      'pool_handovers.id',
      'pool_handovers.created_at',
      'pool_handovers.note',
      'organisations.name as organisation',
    ])
    .where('pool_handovers.pool_id', '=', poolId)
    .orderBy('pool_handovers.created_at', 'desc')
    .execute();
}
