import * as z from 'zod';
import { notFound } from '~/http.server';
import { TOKEN } from './values';

// A route's parameters come from the address, which anyone can type: one that cannot name anything
// is a 404, never a query that fails.

const uuid = z.uuid();

/** A route's id parameter; anything that is not a uuid cannot exist, so it is a 404, not a SQL error. */
export function requireId(value: string | undefined): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** A route's link secret (invitation, reset, sign-up, feed, questionnaire): malformed ones cannot exist. */
export function requireToken(value: string | undefined): string {
  if (!value || !TOKEN.test(value)) throw notFound();
  return value;
}
