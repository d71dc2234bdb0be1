import { sql, type Transaction } from 'kysely';
import type { Database } from './connection.server';
import { isStalePlan } from './prepared-statements.server';
import type { DB } from './types';

export type Tx = Transaction<DB>;

/** Who a request runs as: the claims Supabase would put in its JWT. */
export interface Claims {
  sub: string;
  email: string;
  role: 'authenticated';
}

/**
 * The signed-in person as far as the database needs to know them: what their claims are made of.
 * Defined here, below auth, so the database never imports the auth provider; auth's `User` is one.
 */
export interface Principal {
  id: string;
  email: string;
}

export function claimsOf(principal: Principal | null): Claims | null {
  return principal ? { sub: principal.id, email: principal.email, role: 'authenticated' } : null;
}

/**
 * Runs `work` in one transaction as `claims` (or as anon when null): sets request.jwt.claims and
 * switches to the matching role, so row level security decides what the queries see, as on Supabase.
 */
export async function runAs<T>(database: Database, claims: Claims | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return againIfStale(() =>
    database.db.transaction().execute(async (tx) => {
      const payload = JSON.stringify(claims ?? { role: 'anon' });
      // One statement for both, as PostgREST does: set_config('role', …, true) is `set local role`.
      await sql`select set_config('request.jwt.claims', ${payload}, true), set_config('role', ${claims ? 'authenticated' : 'anon'}, true)`.execute(
        tx,
      );
      return work(tx);
    }),
  );
}

/**
 * Runs `work` as the database owner, bypassing row level security. Only for migrations, seeding,
 * the auth provider (the local stand-in for Supabase's GoTrue), mail delivery and scheduled jobs.
 */
export async function runAsSystem<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return againIfStale(() => database.db.transaction().execute(work));
}

/**
 * Runs a transaction once more when a statement prepared before a migration was refused for it (see
 * prepared-statements.server.ts): the refusal rolled it back, and the second run prepares afresh.
 */
async function againIfStale<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isStalePlan(error)) return run();
    throw error;
  }
}
