import { sql } from 'kysely';
import type { Accounts, PreparedAccount } from '~/auth/accounts.server';
import { hashLinkToken } from '~/auth/tokens.server';
import { asSystem, type Tx } from '~/db/db.server';
import type { PoolRole } from '~/db/types';
import { invitationState, signupLinkState } from './invitations.server';

// How a person comes into a pool: through an invitation to their address, or a pool's sign-up link.
// Nobody is signed in yet and the link's secret is the permission, so these run as the system.

type InvitationProblem = 'invitation_unknown' | 'invitation_expired' | 'invitation_used' | 'invitation_revoked';
type SignupLinkProblem = 'link_unknown' | `link_${Exclude<ReturnType<typeof signupLinkState>, 'open'>}`;

const INVITATION_PROBLEMS = {
  accepted: 'invitation_used',
  revoked: 'invitation_revoked',
  expired: 'invitation_expired',
} as const satisfies Record<string, InvitationProblem>;

function invitationProblem(invitation: Parameters<typeof invitationState>[0]): InvitationProblem | null {
  const state = invitationState(invitation);
  return state === 'sent' || state === 'opened' ? null : INVITATION_PROBLEMS[state];
}

function signupLinkProblem(link: Parameters<typeof signupLinkState>[0]): SignupLinkProblem | null {
  const state = signupLinkState(link);
  return state === 'open' ? null : `link_${state}`;
}

/** The invitation behind a link, if it can still be used; marks it opened. */
export async function openInvitation(accounts: Accounts, token: string) {
  return asSystem(async (tx) => {
    const invitation = await tx
      .selectFrom('invitations')
      .leftJoin('pools', 'pools.id', 'invitations.pool_id')
      .select([
        'invitations.id',
        'invitations.email',
        'invitations.pool_id',
        'invitations.role',
        'invitations.expires_at',
        'invitations.opened_at',
        'invitations.accepted_at',
        'invitations.revoked_at',
        'pools.name as pool_name',
      ])
      .where('token_hash', '=', hashLinkToken(token))
      .executeTakeFirst();
    if (!invitation) return { ok: false as const, problem: 'invitation_unknown' as const };
    const problem = invitationProblem(invitation);
    if (problem) return { ok: false as const, problem };
    await tx
      .updateTable('invitations')
      .set({ opened_at: sql`coalesce(opened_at, now())` })
      .where('id', '=', invitation.id)
      .execute();
    return { ok: true as const, invitation, hasAccount: await accounts.hasAccount(tx, invitation.email) };
  });
}

/** The invitation behind a link's token, or what stops it; `lock` holds it for the transaction. */
async function usableInvitation(tx: Tx, token: string, { lock = false } = {}) {
  const query = tx.selectFrom('invitations').selectAll().where('token_hash', '=', hashLinkToken(token));
  const invitation = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!invitation) return { ok: false as const, problem: 'invitation_unknown' as const };
  const problem = invitationProblem(invitation);
  return problem ? { ok: false as const, problem } : { ok: true as const, invitation };
}

/**
 * Accepts an invitation: the account (a new one, or the existing one if the password is its
 * password), the profile and the pool membership, all at once or not at all.
 */
export async function acceptInvitation(
  accounts: Accounts,
  input: { token: string; displayName: string; password: string },
) {
  // Looked at before the account is prepared, so a dead link makes no account; checked again, locked, below.
  const invited = await asSystem((tx) => usableInvitation(tx, input.token));
  if (!invited.ok) return invited;
  const prepared = await accounts.withPassword(invited.invitation.email, input.password);
  return joinWith(prepared, () =>
    asSystem(async (tx) => {
      const usable = await usableInvitation(tx, input.token, { lock: true });
      if (!usable.ok) return usable;
      const { invitation } = usable;
      const account = await prepared.inside(tx);
      if (!account) return { ok: false as const, problem: 'invalid_credentials' as const };
      const membership = invitation.pool_id ? { poolId: invitation.pool_id, role: invitation.role } : null;
      await welcome(tx, account, input.displayName, membership);
      await tx
        .updateTable('invitations')
        .set({ accepted_at: new Date(), accepted_by: account.id })
        .where('id', '=', invitation.id)
        .execute();
      return { ok: true as const, user: { id: account.id, email: account.email } };
    }),
  );
}

/** The pool behind a shareable sign-up link, if the link can still be used. */
export async function openSignupLink(token: string) {
  return asSystem(async (tx) => {
    const link = await tx
      .selectFrom('invitation_links')
      .innerJoin('pools', 'pools.id', 'invitation_links.pool_id')
      .select([
        'invitation_links.expires_at',
        'invitation_links.uses',
        'invitation_links.max_uses',
        'invitation_links.revoked_at',
        'pools.name as pool_name',
      ])
      .where('token', '=', token)
      .executeTakeFirst();
    if (!link) return { ok: false as const, problem: 'link_unknown' as const };
    const problem = signupLinkProblem(link);
    return problem ? { ok: false as const, problem } : { ok: true as const, pool: link.pool_name };
  });
}

/**
 * Joins a pool through a sign-up link: the account (a new one, or the existing one if the password
 * is its password), the profile and the membership, and the use counted, all at once or not at all.
 * The link's row is locked, so two people cannot both take its last place.
 */
export async function joinByLink(
  accounts: Accounts,
  input: { token: string; email: string; displayName: string; password: string },
) {
  // Looked at before the account is prepared, so a dead link makes no account; checked again, locked, below.
  const open = await openSignupLink(input.token);
  if (!open.ok) return open;
  const prepared = await accounts.withPassword(input.email, input.password);
  return joinWith(prepared, () =>
    asSystem(async (tx) => {
      const link = await tx
        .selectFrom('invitation_links')
        .select(['id', 'pool_id', 'expires_at', 'uses', 'max_uses', 'revoked_at'])
        .where('token', '=', input.token)
        .forUpdate()
        .executeTakeFirst();
      if (!link) return { ok: false as const, problem: 'link_unknown' as const };
      const problem = signupLinkProblem(link);
      if (problem) return { ok: false as const, problem };
      const account = await prepared.inside(tx);
      if (!account) return { ok: false as const, problem: 'invalid_credentials' as const };
      await welcome(tx, account, input.displayName, { poolId: link.pool_id, role: 'member' });
      await tx
        .updateTable('invitation_links')
        .set({ uses: link.uses + 1 })
        .where('id', '=', link.id)
        .execute();
      return { ok: true as const, user: { id: account.id, email: account.email } };
    }),
  );
}

/**
 * Joining with an account prepared before the transaction: an account made outside it (Supabase's
 * admin API) is removed again when joining does not happen, refused or failed.
 */
async function joinWith<Result extends { ok: boolean }>(
  prepared: PreparedAccount,
  join: () => Promise<Result>,
): Promise<Result> {
  let result: Result | null = null;
  try {
    result = await join();
    return result;
  } finally {
    if (!result?.ok) await prepared.undo();
  }
}

/**
 * A profile for someone new and their place in the pool, if any. A new account's profile takes the
 * chosen name even when Supabase's trigger made it already (handle_new_user); a person who had an
 * account keeps the name they gave it.
 */
async function welcome(
  tx: Tx,
  account: { id: string; isNew: boolean },
  displayName: string,
  membership: { poolId: string; role: PoolRole } | null,
) {
  const userId = account.id;
  await tx
    .insertInto('profiles')
    .values({ id: userId, display_name: displayName })
    .onConflict((oc) =>
      account.isNew ? oc.column('id').doUpdateSet({ display_name: displayName }) : oc.column('id').doNothing(),
    )
    .execute();
  if (!membership) return;
  await tx
    .insertInto('pool_memberships')
    .values({ pool_id: membership.poolId, user_id: userId, role: membership.role })
    .onConflict((oc) => oc.columns(['pool_id', 'user_id']).doNothing())
    .execute();
}
