import { sql, type Expression } from 'kysely';
import type { Tx } from './with-user.server';

/**
 * The rows of `query`, sent by the database as one JSON text. For results of hundreds of rows: the
 * embedded database's client spends ~9 µs on every field it returns, so 200 rows of 7 columns cost it
 * more than one field holding them all (8.1 against 5.7 ms for the patterns page's window). Values come
 * back as JSON: numbers, strings (dates and uuids as text), arrays.
 * The order is the query's: an aggregate reads its subquery in order (and json_agg has no parallel form).
 * Kysely's `jsonArrayFrom` builds the same aggregate but as `json`, which the worker thread would parse
 * and hand over as objects; as text it crosses the thread as one string and is parsed once, here.
 */
export async function rowsAsJson<R>(tx: Tx, query: Expression<R>): Promise<R[]> {
  const { rows } = await sql<{ rows: string }>`
    select coalesce(json_agg(t), '[]')::text as rows from (${query}) t`.execute(tx);
  return JSON.parse(rows[0]!.rows) as R[];
}
