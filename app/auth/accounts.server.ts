import type { Principal, Tx } from '~/db/db.server';

/**
 * What the domain asks of the auth provider when a person comes in or leaves: credentials, nothing
 * else. app/people owns the steps (accept an invitation, join through a sign-up link, delete my data)
 * and runs them in its own transaction. Local auth keeps the accounts in auth.users inside that
 * transaction (`localAccounts`); Supabase Auth answers through its admin API (`supabaseAccounts`),
 * which cannot join it, so each step says which part runs before, in and after the transaction.
 */
export interface Accounts {
  /** Whether the address has an account: an invitation then asks for its password, not a new one. */
  hasAccount(tx: Tx, email: string): Promise<boolean>;
  /**
   * Gets the account of an address ready for a chosen password, before the caller's transaction opens
   * (local auth hashes it, a quarter of a second; Supabase Auth checks or makes the account).
   */
  withPassword(email: string, password: string): Promise<PreparedAccount>;
  /**
   * Sends the provider's own invitation mail with a link that ends at `acceptPath`; false when the
   * provider sends none (local auth, or an address Supabase already knows), and the app mails it.
   */
  mailInvitation(email: string, acceptPath: string, details: { pool: string; locale: string }): Promise<boolean>;
  /**
   * Closes an account for good: no address, no password, no reset links; its sessions end with it.
   * `inside` runs in the caller's transaction, `after` once it has committed.
   */
  closeAccount(userId: string): { inside(tx: Tx): Promise<void>; after(): Promise<void> };
}

export interface PreparedAccount {
  /**
   * In the caller's transaction: the existing account when the password is its password (null when
   * it is not), otherwise a new one with this password. `isNew` when nobody has used the account
   * yet (made now, or invited by Supabase and never signed in): its profile takes the chosen name.
   */
  inside(tx: Tx): Promise<(Principal & { isNew: boolean }) | null>;
  /** The caller did not go through with it: an account made outside its transaction is removed again. */
  undo(): Promise<void>;
}
