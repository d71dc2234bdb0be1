import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { newLinkToken } from '~/auth/tokens.server';

/** How long the set-password link of a new admin stays good: long enough to pass it on to the person. */
const SET_PASSWORD_TTL_MS = 24 * 60 * 60 * 1000;

export type AdminGrant =
  /** With Supabase Auth the account must exist first (GoTrue owns auth.users). */
  | { outcome: 'no-account' }
  /** The account was closed (deleted data, or banned): it stays closed. */
  | { outcome: 'closed' }
  | { outcome: 'granted' | 'already-admin'; userId: string; created: boolean; hasPassword: boolean };

/**
 * `npm run admin:create`: makes the account of `email` an admin, creating it first with local auth
 * (without a password: see setPasswordToken). Runs as the system: nobody is signed in, and before the
 * first admin exists nobody could grant the role through the app.
 */
export function grantAdmin(database: Database, email: string, options: { mayCreate: boolean }): Promise<AdminGrant> {
  return runAsSystem(database, async (tx) => {
    let account = await tx
      .selectFrom('auth.users')
      .select(['id', 'encrypted_password', 'banned_until'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (account?.banned_until && account.banned_until > new Date()) return { outcome: 'closed' };
    let created = false;
    if (!account) {
      if (!options.mayCreate) return { outcome: 'no-account' };
      account = await tx
        .insertInto('auth.users')
        .values({ email, email_confirmed_at: new Date() })
        .returning(['id', 'encrypted_password', 'banned_until'])
        .executeTakeFirstOrThrow();
      created = true;
    }
    // Supabase may already have made the profile (handle_new_user); the name is the person's to change.
    await tx
      .insertInto('profiles')
      .values({ id: account.id, display_name: email.split('@')[0]!.slice(0, 80) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const granted = await tx
      .insertInto('user_roles')
      .values({ user_id: account.id, role: 'admin' })
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return {
      outcome: granted ? 'granted' : 'already-admin',
      userId: account.id,
      created,
      hasPassword: account.encrypted_password !== null,
    };
  });
}

/**
 * A one-time secret for local auth's set-password page (`/reset-password/<token>`), good for a day:
 * the operator passes the link on, or `resetPassword(token, …)` sets a password typed at the prompt.
 * Written here rather than through `createPasswordReset`, which (rightly, for the public form) makes no
 * link for an account without a password and queues a mail.
 */
export async function setPasswordToken(database: Database, userId: string): Promise<string> {
  const { token, hash } = newLinkToken();
  await runAsSystem(database, (tx) =>
    tx
      .insertInto('auth.local_tokens')
      .values({
        token_hash: hash,
        user_id: userId,
        purpose: 'password_reset',
        expires_at: new Date(Date.now() + SET_PASSWORD_TTL_MS),
      })
      .execute(),
  );
  return token;
}
