import type { Tx } from '~/db/with-user.server';

/** How many undelivered mails the page lists: the newest first, the rest is old news. */
const LIST_LIMIT = 200;

/**
 * Mail that has not arrived: failed for good, or waiting for another try after a failure. Without
 * the text (it may hold a reset or invitation link): who, what about, how often, and why not.
 * RLS shows the outbox to admins only; anyone else gets an empty list.
 */
export function listUndelivered(tx: Tx) {
  return tx
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'created_at', 'attempts', 'last_error', 'failed_at', 'next_attempt_at'])
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('failed_at', 'is not', null), eb('last_error', 'is not', null)]))
    .orderBy('created_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
}

/**
 * Puts a mail that failed for good back in the queue, due now, with a fresh count of tries. Returns
 * false when there is no such failed mail for this admin (RLS: admins only; sent mail stays sent).
 */
export async function retryMail(tx: Tx, id: string): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set({ failed_at: null, next_attempt_at: new Date(), attempts: 0 })
    .where('id', '=', id)
    .where('failed_at', 'is not', null)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
