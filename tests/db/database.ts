import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';

/**
 * A fresh, empty database for one test file: in-memory PGlite, or, when TEST_DATABASE_URL points at a
 * Postgres server, a new database on it (dropped again by `close`).
 */
export async function freshDatabase(
  options: { migrate?: boolean } = {},
): Promise<Database & { label: string; url: string | null }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  let databaseUrl: string | null = null;
  let dropAfter: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    database = await openDatabase({ url: databaseUrl });
    dropAfter = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  } else {
    // PGLITE_WORKER=1: the same tests against PGlite in a worker thread (as the app runs it).
    database = await openDatabase({ worker: process.env.PGLITE_WORKER === '1' });
  }
  if (options.migrate !== false) await migrate(database);
  return {
    ...database,
    label: database.kind,
    /** The Postgres database's URL (for a second process); null for PGlite. */
    url: databaseUrl,
    close: async () => {
      await database.close();
      await dropAfter?.();
    },
  };
}

/** One statement on a Postgres server on its own connection (create or drop a database). */
export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
