import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate, MIGRATIONS_DIR } from '~/db/migrate.server';
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

/**
 * Applies every migration that sorts before `migration` (its timestamp): the database as it was before
 * that migration, for a test that writes data the old way and then migrates on.
 */
export async function migrateBefore(database: Database, migration: string) {
  const dir = await mkdtemp(path.join(tmpdir(), `migrations-before-${migration}-`));
  for (const file of await readdir(MIGRATIONS_DIR)) {
    if (file.endsWith('.sql') && file < migration)
      await copyFile(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
  }
  await migrate(database, { dir });
}
