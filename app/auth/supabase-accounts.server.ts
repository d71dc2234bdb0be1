import { asSystem } from '~/db/db.server';
import type { Accounts } from './accounts.server';
import type { SupabaseAuth } from './supabase.server';

const normalised = (email: string) => email.trim().toLowerCase();

/**
 * Accounts through Supabase's admin API (the secret key, on the server only). GoTrue keeps its users
 * in the project's own auth.users, which the app reads as the system to know what exists; it writes
 * them only through GoTrue, whose writes commit on their own: an account is made before the caller's
 * transaction and removed again if that does not go through, and one is deleted after it commits.
 */
export function supabaseAccounts(supabase: SupabaseAuth, appUrl: string): Accounts {
  /** GoTrue's row for an address; an invited person has one with an empty password until they accept. */
  const accountOf = (email: string) =>
    asSystem((tx) =>
      tx.selectFrom('auth.users').select(['id', 'encrypted_password']).where('email', '=', email).executeTakeFirst(),
    );
  const nothing = async () => {};

  return {
    async hasAccount(tx, email) {
      const account = await tx
        .selectFrom('auth.users')
        .select('id')
        .where('email', '=', normalised(email))
        .where('encrypted_password', '<>', '')
        .executeTakeFirst();
      return Boolean(account);
    },

    async withPassword(email, password) {
      const address = normalised(email);
      const existing = await accountOf(address);
      if (!existing) {
        const made = await supabase.admin.createAccount(address, password);
        // Made meanwhile (a second tab): then the password must be that account's.
        if (made !== 'exists') {
          return {
            inside: async () => ({ ...made, isNew: true }),
            // Nothing points at it yet but its profile, which goes with it.
            undo: () => supabase.admin.deleteAccount(made.id, false),
          };
        }
      }
      if (existing && !existing.encrypted_password) {
        const account = await supabase.admin.setPassword(existing.id, password);
        return { inside: async () => ({ ...account, isNew: true }), undo: nothing };
      }
      const account = await supabase.passwordFits(address, password);
      return { inside: async () => (account ? { ...account, isNew: false } : null), undo: nothing };
    },

    async mailInvitation(email, acceptPath, details) {
      const next = new URLSearchParams({ next: acceptPath });
      return supabase.admin.invite(normalised(email), `${appUrl}/auth/callback?${next}`, details);
    },

    closeAccount(userId) {
      return {
        inside: nothing,
        // Soft: the row stays, so what the person wrote keeps its author's id (now "former member").
        after: () => supabase.admin.deleteAccount(userId, true),
      };
    },
  };
}
