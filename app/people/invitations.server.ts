import { newLinkToken } from '~/auth/tokens.server';
import type { Tx } from '~/db/db.server';

const INVITATION_TTL_DAYS = 14;

/**
 * Records an invitation as the coordinator (RLS checks they coordinate the pool) and returns the
 * link's secret; only its hash is stored.
 */
export async function createInvitation(
  tx: Tx,
  input: { email: string; poolId: string; role: 'member' | 'coordinator'; invitedBy: string },
) {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  await tx
    .insertInto('invitations')
    .values({
      email: input.email,
      pool_id: input.poolId,
      role: input.role,
      token_hash: hash,
      created_by: input.invitedBy,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}
