/**
 * What the database said no with, for pages that explain a refusal instead of failing on it. Both
 * drivers (pg and PGlite, also across the worker thread) put Postgres' fields on the error.
 */

// withUser turns a refusal into a 4xx answer (refusals.server.ts); the answer keeps the database's
// error here so that a page can still say which refusal it was.
const causes = new WeakMap<Response, unknown>();

/** Ties a request's 4xx answer to the database error it stands for. */
export function answerFor(answer: Response, error: unknown): Response {
  causes.set(answer, error);
  return answer;
}

const fields = (error: unknown) =>
  ((error instanceof Response ? causes.get(error) : error) ?? {}) as { code?: unknown; constraint?: unknown };

/** Row level security refused the new row (an insert's or update's check), or a privilege is missing. */
export const isRefusedByPolicy = (error: unknown) => fields(error).code === '42501';

// `on delete restrict` raises restrict_violation (23001) in newer Postgres (PGlite), foreign_key_violation before.
const STILL_REFERENCED = new Set(['23001', '23503']);

/** Refused by this foreign key: a delete while rows still point at the row (`on delete restrict`). */
export const isStillReferenced = (error: unknown, constraint: string) =>
  STILL_REFERENCED.has(String(fields(error).code)) && fields(error).constraint === constraint;

/** Refused by this unique constraint or index: the value is taken already. */
export const isTaken = (error: unknown, constraint: string) =>
  fields(error).code === '23505' && fields(error).constraint === constraint;

/** Refused by one of the app's own triggers with this SQLSTATE (EPQ02, EPG21 …). */
export const isRaisedAs = (error: unknown, code: string) => fields(error).code === code;
