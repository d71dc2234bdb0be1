import type { Principal } from '~/db/with-user.server';

/** The signed-in person as both auth providers describe them; `withUser` makes their claims from it. */
export interface User extends Principal {
  /**
   * The display name the session carries (local auth: set at sign-in and on the person's own profile
   * save), so a page needs no query for the header; absent with Supabase sessions and older cookies.
   */
  name?: string;
  /** Local auth: the server-side session this request came with ("this device" on the profile). */
  sessionId?: string;
  /** Local auth: a hint for the menu (the dev outbox link); what an admin may do is decided by RLS. */
  isAdmin?: boolean;
}
