import { badRequest, forbidden, notFound } from '~/http.server';
import { answerFor } from './errors.server';

/** The line the server logs when a value reached the database unchecked (the fuzz test looks for it). */
export const UNCHECKED_INPUT = 'unchecked input reached the database';

/**
 * What a database error in a request means for the person who sent it. Policies and functions refuse
 * with SQLSTATE 42501: a 403 (permissions live in SQL; the app only puts them into words where it
 * can). A row that is not there (23503 for a reference, P0002 from a function) is a 404. A value the
 * database cannot take (class 22, a failed check or a missing value) is a 400, and also a gap in the
 * app's own input checks, so it is logged. Anything else stays a server error.
 */
export function answerToDatabaseError(error: unknown): Response | null {
  const answer = plainAnswerTo(error);
  return answer && answerFor(answer, error);
}

function plainAnswerTo(error: unknown): Response | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === '42501') return forbidden();
  if (code === '23503' || code === 'P0002') return notFound();
  if (code.startsWith('22') || code === '23502' || code === '23514') {
    console.error(`${UNCHECKED_INPUT} (${code}): ${error instanceof Error ? error.message : ''}`);
    return badRequest();
  }
  return null;
}
