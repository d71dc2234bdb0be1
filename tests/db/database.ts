import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '~/db/connection.server';
import { adminQuery, createDatabase } from './admin-query';

/**
 * A fresh database for one test file: in-memory PGlite, or, when TEST_DATABASE_URL points at a Postgres
 * server, a new database on it (dropped again by `close`). It starts migrated (a copy of the run's
 * template, see templates.ts), with the demo data when `demo` is set, or empty with `migrate: false`.
 */
export async function freshDatabase(
  options: { migrate?: boolean; demo?: boolean } = {},
): Promise<Database & { label: string; url: string | null }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const templates = options.migrate === false ? null : inject('databaseTemplates');
  const template = templates && (options.demo ? templates.demo : templates.migrated);
  let database: Database;
  let databaseUrl: string | null = null;
  let dropAfter: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `t_${randomBytes(6).toString('hex')}`;
    databaseUrl = await createDatabase(serverUrl, name, template ?? undefined);
    database = await openDatabase({ url: databaseUrl });
    dropAfter = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  } else {
    // PGLITE_WORKER=1: the same tests against PGlite in a worker thread (as the app runs it).
    database = await openDatabase({ worker: process.env.PGLITE_WORKER === '1', loadDataDir: template ?? undefined });
  }
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
