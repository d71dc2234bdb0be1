import type { Principal, Tx } from '~/db/db.server';

/**
 * What the domain asks of the auth provider when a person comes in or leaves: credentials, nothing
 * else. app/people owns the steps (accept an invitation, join through a sign-up link, delete my data)
 * and calls these inside its own transaction, so with local auth a person's account, profile and
 * membership are made all at once or not at all. Local auth keeps the accounts in auth.users
 * (`localAccounts`); Supabase Auth is to answer through its admin API (see README).
 */
export interface Accounts {
  /** Whether the address has an account: an invitation then asks for its password, not a new one. */
  hasAccount(tx: Tx, email: string): Promise<boolean>;
  /**
   * Gets a chosen password ready — hashing takes a quarter of a second, so it happens before the
   * caller's transaction opens — and returns the step that, inside that transaction, gives the account
   * of an address: the existing one when the password is its password (null when it is not), otherwise
   * a new one with this password.
   */
  withPassword(password: string): Promise<(tx: Tx, email: string) => Promise<Principal | null>>;
  /** Closes an account for good: no address, no password, no reset links; its sessions end with it. */
  closeAccount(tx: Tx, userId: string): Promise<void>;
}
