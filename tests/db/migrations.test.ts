import { mkdtemp, writeFile, copyFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '~/db/connection.server';
import { migrate, MigrationError, MIGRATIONS_DIR } from '~/db/migrate.server';
import { freshDatabase } from './database';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
let database: Fresh | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

async function recorded(db: Fresh) {
  const { rows } = await sql<{ version: string; name: string }>`
    select version, name from supabase_migrations.schema_migrations order by version`.execute(db.db);
  return rows;
}

describe('migrations', () => {
  it('apply every migration to a fresh database and record them as the Supabase CLI does', async () => {
    database = await freshDatabase({ migrate: false });
    const applied = await migrate(database);
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    expect(applied).toEqual(files.map((f) => f.replace(/\.sql$/, '')));
    expect((await recorded(database)).map((r) => `${r.version}_${r.name}`)).toEqual(applied);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.regions`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('apply nothing when run again', async () => {
    database = await freshDatabase();
    expect(await migrate(database)).toEqual([]);
  });

  it('leave the database as it was when a migration fails', async () => {
    database = await freshDatabase({ migrate: false });
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    for (const file of await readdir(MIGRATIONS_DIR))
      await copyFile(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
    await writeFile(
      path.join(dir, '29990101000000_broken.sql'),
      'create table public.half_done (id int);\ninsert into public.no_such_table values (1);\n',
    );
    const error = await migrate(database, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('29990101000000_broken');
    const { rows } = await sql<{ found: boolean }>`select to_regclass('public.half_done') is not null as found`.execute(
      database.db,
    );
    expect(rows[0]?.found).toBe(false);
    expect((await recorded(database)).map((r) => r.version)).not.toContain('29990101000000');
    // The migrations before it stay applied.
    expect((await recorded(database)).length).toBe(
      (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).length,
    );
  });

  // Several processes (app, collab-server, `npm run migrate`) start together on one Postgres server. Skipped
  // only without TEST_DATABASE_URL (npm test and CI set it): an in-memory PGlite has no second process.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'run once when two migrators start at the same moment on one fresh Postgres database',
    async () => {
      database = await freshDatabase({ migrate: false });
      const other = await openDatabase({ url: database.url! });
      try {
        const [first, second] = await Promise.all([migrate(database), migrate(other)]);
        const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'));
        // One applied everything, the other waited for the lock and found nothing left to do.
        expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, files.length]);
        expect((await recorded(database)).length).toBe(files.length);
        // The lock went with the migrators' own connections: a third run takes it at once.
        expect(await migrate(other)).toEqual([]);
      } finally {
        await other.close();
      }
    },
  );

  it('enable row level security on every table in public', async () => {
    database = await freshDatabase();
    const { rows } = await sql<{ relname: string }>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`.execute(database.db);
    expect(rows).toEqual([]);
  });
});
