import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Names every parameterised statement a pool's connections send, so that Postgres parses each text once
 * per connection and may keep its plan. The app's statements read through views whose row level security
 * Postgres plans in full each time: unnamed, parsing and planning were a third of the statements' time
 * in the database under bench:site (docs/benchmarks/2026-12-06-prepared-statements.md).
 *
 * Only for a direct connection or a session pooler, which docs/deploy.md already asks for: a
 * transaction pooler hands the next statement to a connection that never saw its name.
 */

/** Distinct texts a connection prepares; past this (texts built with a varying number of values), unnamed. */
export const PREPARED_PER_CONNECTION = 256;

/**
 * A migration that changes what a prepared `select *` returns makes Postgres refuse that statement on
 * every connection that prepared it. Postgres keeps the refused statement, so the names change.
 */
let generation = 0;

/** "cached plan must not change result type", known by where Postgres raises it (messages are translated). */
export function isStalePlan(error: unknown): boolean {
  const { code, routine } = (error ?? {}) as { code?: unknown; routine?: unknown };
  return code === '0A000' && routine === 'RevalidateCachedQuery';
}

/** Texts this process has sent, with their names and how often; a text sent once (literals in it) is not prepared. */
const seen = new Map<string, { name: string; uses: number }>();
function sent(text: string) {
  let entry = seen.get(text);
  if (!entry) {
    if (seen.size >= 4 * PREPARED_PER_CONNECTION) seen.clear();
    entry = { name: createHash('sha1').update(text).digest('base64url'), uses: 0 };
    seen.set(text, entry);
  }
  entry.uses += 1;
  return entry;
}

type Query = (...args: unknown[]) => Promise<unknown>;

/** Installed on each new connection of a pool (`pool.on('connect', nameStatements)`). */
export function nameStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as Query;
  let prepared = new Set<string>();
  let preparedIn = generation;
  const named: Query = (...args) => {
    const [text, values] = args;
    // Scripts (simple protocol, several statements) and callback calls go through as they are.
    if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values)) return query(...args);
    if (preparedIn !== generation) [prepared, preparedIn] = [new Set(), generation];
    const entry = sent(text);
    const name = `${entry.name}_${generation}`;
    if (!prepared.has(name)) {
      if (entry.uses < 2 || prepared.size >= PREPARED_PER_CONNECTION) return query(text, values);
      prepared.add(name);
    }
    return query({ name, text, values }).catch((error: unknown) => {
      if (isStalePlan(error)) generation += 1;
      throw error;
    });
  };
  (client as unknown as { query: Query }).query = named;
}
