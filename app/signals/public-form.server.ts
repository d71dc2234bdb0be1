import { sql } from 'kysely';
import { addressLimiter, appLimiterStore } from '~/auth/rate-limit.server';
import { config } from '~/config.server';
import type { Tx } from '~/db/db.server';

/** A question of 2000 characters in Arabic is ~4 KB url-encoded ×3; anything far above is not a person. */
export const PUBLIC_FORM_MAX_BYTES = 32 * 1024;

let limiter: Promise<ReturnType<typeof addressLimiter>> | null = null;
/**
 * Questions per client IP: a few per window at once, then each further one waits longer (the same
 * growing delay as sign-in), counted on the store every app process shares.
 */
export function askLimiter() {
  limiter ??= appLimiterStore().then((store) => addressLimiter(store, 'ask', config.askLimits));
  return limiter;
}

let statusLimiter: Promise<ReturnType<typeof addressLimiter>> | null = null;
/** Looking up a reference code has its own budget per client IP, as large as asking's: against guessing codes. */
export function askStatusLimiter() {
  statusLimiter ??= appLimiterStore().then((store) => addressLimiter(store, 'ask-status', config.askLimits));
  return statusLimiter;
}

export type AskedQuestionStatus = 'received' | 'in_progress' | 'answered' | 'closed';

/**
 * How far a question asked through the public form is, by its reference code; null for a code that
 * belongs to no such question. Only the status and the day it last changed, whoever asks.
 */
export async function askedQuestionStatus(
  tx: Tx,
  reference: string,
): Promise<{ status: AskedQuestionStatus; since: string } | null> {
  const row = await sql<{ status: AskedQuestionStatus; since: string }>`
    select status, to_char(since, 'YYYY-MM-DD') as since from private.asked_question_status(${reference})`
    .execute(tx)
    .then((result) => result.rows[0]);
  return row ?? null;
}
