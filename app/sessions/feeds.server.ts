import { sql } from 'kysely';
import { hashLinkToken, newLinkToken } from '~/auth/tokens.server';
import type { Tx } from '~/db/db.server';

/** The person's feed now in force, if any (the token itself is never stored, so it cannot be shown again). */
export async function getActiveFeed(tx: Tx, userId: string) {
  return tx
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes the person's current feed (its link stops working at once). */
export async function revokeFeed(tx: Tx, userId: string): Promise<boolean> {
  const result = await tx
    .updateTable('calendar_feeds')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A new secret feed link; the previous one stops working. Returns the token to show once. */
export async function createFeed(tx: Tx, userId: string): Promise<string> {
  await revokeFeed(tx, userId);
  const { token, hash } = newLinkToken();
  await tx.insertInto('calendar_feeds').values({ user_id: userId, token_hash: hash }).execute();
  return token;
}

/** Whose feed a token opens, or null for an unknown or revoked token. Safe to call as anon. */
export async function findFeedOwner(tx: Tx, token: string): Promise<{ id: string; email: string } | null> {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  const { rows } = await sql<{ user_id: string; email: string | null }>`
    select user_id, email from private.calendar_feed_owner(${hashLinkToken(token)})`.execute(tx);
  const owner = rows[0];
  return owner ? { id: owner.user_id, email: owner.email ?? '' } : null;
}
