import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, ScriptRunner } from './connection.server';

export const MIGRATIONS_DIR = path.resolve('supabase/migrations');
const BOOTSTRAP_FILE = path.resolve('supabase/bootstrap.sql');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Reads `<version>_<name>.sql` files in the Supabase CLI layout, ordered by version. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [, version = '', name = ''] = /^(\d+)_(.+)\.sql$/.exec(file) ?? [];
      return { version, name, sql: await readFile(path.join(dir, file), 'utf8') };
    }),
  );
}

/**
 * The advisory lock every migrator takes: processes starting together (app, collab-server, `npm run
 * migrate`) run one after the other, and the later ones find nothing pending.
 */
export const MIGRATION_LOCK = 7_391_004_218;

/**
 * Applies pending migrations in order, each in its own transaction, and records them in
 * supabase_migrations.schema_migrations, so a database migrated here and one migrated by
 * `supabase db push` agree on what has run. The whole run holds MIGRATION_LOCK.
 */
export function migrate(database: Database, options: { dir?: string } = {}): Promise<string[]> {
  return database.exclusively(MIGRATION_LOCK, () => applyPending(database, options.dir));
}

async function applyPending(database: Database, dir: string | undefined): Promise<string[]> {
  await database.scriptTransaction(async (run) => {
    if (!(await hasAuthUsers(run))) await run.exec(await readFile(BOOTSTRAP_FILE, 'utf8'));
    await run.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key,
        statements text[],
        name text
      );`);
  });

  const applied = new Set(
    await database
      .scriptTransaction((run) =>
        run.query<{ version: string }>('select version from supabase_migrations.schema_migrations'),
      )
      .then((rows) => rows.map((r) => r.version)),
  );

  const done: string[] = [];
  for (const migration of await readMigrations(dir)) {
    if (applied.has(migration.version)) continue;
    const label = `${migration.version}_${migration.name}`;
    try {
      await database.scriptTransaction(async (run) => {
        await run.exec(migration.sql);
        await run.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, [migration.sql]],
        );
      });
    } catch (error) {
      throw new MigrationError(label, error);
    }
    done.push(label);
  }
  return done;
}

async function hasAuthUsers(run: ScriptRunner): Promise<boolean> {
  const [row] = await run.query<{ found: boolean }>("select to_regclass('auth.users') is not null as found");
  return row?.found ?? false;
}
