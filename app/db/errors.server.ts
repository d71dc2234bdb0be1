/**
 * What the database said no with, for pages that explain a refusal instead of failing on it. Both
 * drivers (pg and PGlite, also across the worker thread) put Postgres' fields on the error.
 */
const fields = (error: unknown) => (error ?? {}) as { code?: unknown; constraint?: unknown };

/** Row level security refused the new row (an insert's or update's check), or a privilege is missing. */
export const isRefusedByPolicy = (error: unknown) => fields(error).code === '42501';

// `on delete restrict` raises restrict_violation (23001) in newer Postgres (PGlite), foreign_key_violation before.
const STILL_REFERENCED = new Set(['23001', '23503']);

/** Refused by this foreign key: a delete while rows still point at the row (`on delete restrict`). */
export const isStillReferenced = (error: unknown, constraint: string) =>
  STILL_REFERENCED.has(String(fields(error).code)) && fields(error).constraint === constraint;
