import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { newLinkToken } from '~/auth/tokens.server';
import type { Tx } from '~/db/db.server';
import type { PoolRole } from '~/db/types';

const INVITATION_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationState = 'sent' | 'opened' | 'accepted' | 'expired' | 'revoked';

export interface SentInvitation {
  email: string;
  token: string;
  expiresAt: Date;
}

/**
 * Records an invitation as the coordinator (RLS checks they coordinate the pool) and returns the
 * link's secret; only its hash is stored.
 */
export async function createInvitation(
  tx: Tx,
  input: { email: string; poolId: string; role: PoolRole; invitedBy: string },
): Promise<SentInvitation> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
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
  return { email: input.email, token, expiresAt };
}

/**
 * Invites each address once: people already in the pool and people with an open invitation are
 * reported, not invited again; an expired open invitation is revoked and replaced by a fresh one.
 */
export async function inviteMany(
  tx: Tx,
  input: { emails: string[]; poolId: string; role: PoolRole; invitedBy: string },
) {
  const sent: SentInvitation[] = [];
  const members: string[] = [];
  const duplicates: string[] = [];
  for (const email of input.emails) {
    const inPool = await sql<{
      member: boolean | null;
    }>`select private.pool_has_email(${input.poolId}::uuid, ${email}) as member`
      .execute(tx)
      .then((r) => r.rows[0]?.member);
    if (inPool) {
      members.push(email);
      continue;
    }
    const open = await tx
      .selectFrom('invitations')
      .select(['id', 'expires_at'])
      .where('pool_id', '=', input.poolId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (open && open.expires_at > new Date()) {
      duplicates.push(email);
      continue;
    }
    if (open) await tx.updateTable('invitations').set({ revoked_at: new Date() }).where('id', '=', open.id).execute();
    sent.push(await createInvitation(tx, { ...input, email }));
  }
  return { sent, members, duplicates };
}

/** A pool's invitations, newest first, each with the state a coordinator needs to act on. */
export async function listInvitations(tx: Tx, poolId: string) {
  const rows = await tx
    .selectFrom('invitations')
    .select([
      'id',
      'email',
      'role',
      'created_at',
      'last_sent_at',
      'send_count',
      'expires_at',
      'opened_at',
      'accepted_at',
      'revoked_at',
    ])
    .where('pool_id', '=', poolId)
    .orderBy('last_sent_at', 'desc')
    .execute();
  const now = new Date();
  return rows.map((row) => ({ ...row, state: invitationState(row, now) }));
}

export function invitationState(
  row: { revoked_at: Date | null; accepted_at: Date | null; expires_at: Date; opened_at: Date | null },
  now = new Date(),
): InvitationState {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  if (row.expires_at <= now) return 'expired';
  return row.opened_at ? 'opened' : 'sent';
}

/**
 * Sends an open invitation again with a new link (the old link stops working) and a new expiry.
 * Null when it was accepted or revoked meanwhile, or the user may not touch it (RLS).
 */
export async function resendInvitation(tx: Tx, invitationId: string) {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
  const row = await tx
    .updateTable('invitations')
    .set({
      token_hash: hash,
      expires_at: expiresAt,
      opened_at: null,
      last_sent_at: new Date(),
      send_count: sql`send_count + 1`,
    })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(['email'])
    .executeTakeFirst();
  return row ? { email: row.email, token, expiresAt } : null;
}

export async function revokeInvitation(tx: Tx, invitationId: string): Promise<boolean> {
  const result = await tx
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Sign-up links ---------------------------------------------------------------------------

export type SignupLinkState = 'open' | 'expired' | 'full' | 'revoked';

export async function createSignupLink(
  tx: Tx,
  input: { poolId: string; days: number; maxUses: number; createdBy: string },
) {
  await tx
    .insertInto('invitation_links')
    .values({
      pool_id: input.poolId,
      token: randomBytes(24).toString('base64url'),
      expires_at: new Date(Date.now() + input.days * DAY_MS),
      max_uses: input.maxUses,
      created_by: input.createdBy,
    })
    .execute();
}

export async function listSignupLinks(tx: Tx, poolId: string) {
  const rows = await tx
    .selectFrom('invitation_links')
    .select(['id', 'token', 'expires_at', 'max_uses', 'uses', 'revoked_at', 'created_at'])
    .where('pool_id', '=', poolId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, state: signupLinkState(row) }));
}

export function signupLinkState(
  row: { revoked_at: Date | null; expires_at: Date; uses: number; max_uses: number },
  now = new Date(),
): SignupLinkState {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at <= now) return 'expired';
  if (row.uses >= row.max_uses) return 'full';
  return 'open';
}

export async function revokeSignupLink(tx: Tx, linkId: string): Promise<boolean> {
  const result = await tx
    .updateTable('invitation_links')
    .set({ revoked_at: new Date() })
    .where('id', '=', linkId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
