import { sql } from 'kysely';
import type { Tx } from './with-user.server';

/**
 * Runs `work` with the planner keeping joins in the order they are written. For a query that looks up
 * many rows by key from one starting row (a notification and its session, advice, pool, board …),
 * that order is the best plan, and the planner's search for another one is what costs: with seven outer
 * joins over tables under row-level security, planning took 17–50 ms against about 1.5 ms in written
 * order, while running took about 1 ms either way. Local to the transaction and put back after `work`.
 */
export async function inWrittenJoinOrder<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  await sql`set local join_collapse_limit = 1`.execute(tx);
  try {
    return await work();
  } finally {
    await sql`set local join_collapse_limit to default`.execute(tx);
  }
}
