/** The signed-in person as both auth providers describe them. */
export interface User {
  id: string;
  email: string;
}
