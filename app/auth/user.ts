/** The signed-in person as both auth providers describe them. */
export interface User {
  id: string;
  email: string;
  /**
   * The display name the session carries (local auth: set at sign-in and on the person's own profile
   * save), so a page needs no query for the header; absent with Supabase sessions and older cookies.
   */
  name?: string;
}
