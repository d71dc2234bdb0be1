import type { User } from '~/auth/user';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden } from '~/http.server';
import { getStanding } from './queries.server';

/**
 * Runs the work as the user after checking they are an admin. RLS refuses anyone else's reads and
 * writes anyway; the check only gives them a 403 instead of an empty page that promises things.
 */
export function asAdmin<T>(user: User, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withUser(user, async (tx) => {
    if (!(await getStanding(tx, user.id)).isAdmin) throw forbidden();
    return work(tx);
  });
}
