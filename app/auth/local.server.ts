import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import { runAsSystem, type Principal } from '~/db/with-user.server';
import type { Mail } from '~/mail/mailer.server';
import type { Accounts } from './accounts.server';
import { hashPassword, verifyPassword } from './password.server';
import { hashLinkToken, newLinkToken } from './tokens.server';

const RESET_TTL_MS = 60 * 60 * 1000;

const normalised = (email: string) => email.trim().toLowerCase();

/**
 * The built-in stand-in for Supabase Auth (GoTrue): it owns auth.users, so it runs as the system,
 * and like GoTrue it only ever answers about one account at a time.
 */
export function createLocalAuth(database: Database) {
  const system = <T>(work: Parameters<typeof runAsSystem<T>>[1]) => runAsSystem(database, work);

  return {
    async verifyCredentials(email: string, password: string): Promise<Principal | null> {
      const row = await system((tx) =>
        tx
          .selectFrom('auth.users')
          .select(['id', 'email', 'encrypted_password', 'banned_until'])
          .where('email', '=', normalised(email))
          .executeTakeFirst(),
      );
      const ok = await verifyPassword(password, row?.encrypted_password ?? null);
      if (!row || !ok || !row.email || (row.banned_until && row.banned_until > new Date())) return null;
      await system((tx) =>
        tx.updateTable('auth.users').set({ last_sign_in_at: new Date() }).where('id', '=', row.id).execute(),
      );
      return { id: row.id, email: row.email };
    },

    /**
     * Queues a reset link for the address if an account can use one. Known and unknown addresses do
     * the same work — the token and the mail are made either way, and one statement looks the account
     * up, stores the token and queues the mail (or finds nothing) — so the answer's timing does not
     * say whether the address has an account. Returns the queued mail for delivery, or null.
     */
    async createPasswordReset(email: string, compose: (token: string) => Omit<Mail, 'to'>) {
      const { token, hash } = newLinkToken();
      const mail = compose(token);
      const { rows } = await system((tx) =>
        sql<{ id: string }>`
          with account as (
            select id, email from auth.users
            where email = ${normalised(email)}
              and encrypted_password is not null
              and (banned_until is null or banned_until <= now())
          ),
          token as (
            insert into auth.local_tokens (token_hash, user_id, purpose, expires_at)
            select ${hash}, id, 'password_reset', ${new Date(Date.now() + RESET_TTL_MS)} from account
          )
          insert into public.outbox (to_address, subject, body_text)
          select email, ${mail.subject}, ${mail.text} from account
          returning id`.execute(tx),
      );
      return rows[0] ? { token, outboxId: rows[0].id } : null;
    },

    async resetPassword(token: string, password: string): Promise<Principal | null> {
      const encrypted = await hashPassword(password);
      return system(async (tx) => {
        const used = await tx
          .updateTable('auth.local_tokens')
          .set({ used_at: new Date() })
          .where('token_hash', '=', hashLinkToken(token))
          .where('purpose', '=', 'password_reset')
          .where('used_at', 'is', null)
          .where('expires_at', '>', new Date())
          .returning('user_id')
          .executeTakeFirst();
        if (!used) return null;
        // A new password ends every session of the account (trigger on auth.users). A closed account
        // (deleted: no address, banned) stays closed, whatever link it still had.
        const user = await tx
          .updateTable('auth.users')
          .set({ encrypted_password: encrypted, updated_at: new Date() })
          .where('id', '=', used.user_id)
          .where('email', 'is not', null)
          .where((eb) => eb.or([eb('banned_until', 'is', null), eb('banned_until', '<=', new Date())]))
          .returning(['id', 'email'])
          .executeTakeFirst();
        return user?.email ? { id: user.id, email: user.email } : null;
      });
    },
  };
}

export type LocalAuth = ReturnType<typeof createLocalAuth>;

/**
 * The accounts people/ asks for (see Accounts), on auth.users as GoTrue keeps them, inside the caller's
 * transaction (which runs as the system: nobody may write auth.users as themselves).
 */
export const localAccounts: Accounts = {
  async hasAccount(tx, email) {
    const account = await tx
      .selectFrom('auth.users')
      .select('id')
      .where('email', '=', normalised(email))
      .executeTakeFirst();
    return Boolean(account);
  },

  async withPassword(email, password) {
    const address = normalised(email);
    const encrypted = await hashPassword(password);
    return {
      async inside(tx) {
        const existing = await tx
          .selectFrom('auth.users')
          .select(['id', 'encrypted_password'])
          .where('email', '=', address)
          .executeTakeFirst();
        if (existing) {
          return (await verifyPassword(password, existing.encrypted_password))
            ? { id: existing.id, email: address, isNew: false }
            : null;
        }
        const created = await tx
          .insertInto('auth.users')
          .values({ email: address, encrypted_password: encrypted, email_confirmed_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { id: created.id, email: address, isNew: true };
      },
      // The account was made in the caller's transaction, so it went wherever that went.
      undo: async () => {},
    };
  },

  // The app mails its own invitations.
  mailInvitation: async () => false,

  closeAccount(userId) {
    return {
      async inside(tx) {
        await tx.deleteFrom('auth.local_tokens').where('user_id', '=', userId).execute();
        // No address and a ban that never ends: the sessions end at once (trigger on auth.users), and no
        // reset link or invitation can reach the account again.
        await tx
          .updateTable('auth.users')
          .set({
            email: null,
            encrypted_password: null,
            banned_until: new Date('9999-12-31'),
            updated_at: new Date(),
          })
          .where('id', '=', userId)
          .execute();
      },
      after: async () => {},
    };
  },
};
