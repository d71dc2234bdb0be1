import type { Principal } from '~/db/with-user.server';

/** The signed-in person as both auth providers describe them; `withUser` makes their claims from it. */
export interface User extends Principal {
  /**
   * The name the person is shown by (header, dashboard, board presence, a new board's author): their
   * profile's display name, or their address while they have none. getUser resolves it with the
   * session, once per request, so no page looks it up again.
   */
  name: string;
  /** Local auth: the server-side session this request came with ("this device" on the profile). */
  sessionId?: string;
  /** Local auth: a hint for the menu (the dev outbox link); what an admin may do is decided by RLS. */
  isAdmin?: boolean;
}
