import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { seedDemo } from '~/demo/index.server';
import { useAsAppDatabase } from './app-database';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('keeps everything across a stop and start, and seeds the demo data only once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pglite-'));
    dirs.push(dir);

    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    expect(await seedDemo(first)).toEqual({ created: true });
    await first.db.insertInto('regions').values({ slug: 'utrecht', name: 'Regio Utrecht' }).execute();
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    expect(await migrate(second)).toEqual([]);
    expect(await seedDemo(second)).toEqual({ created: false });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.regions`.execute(second.db);
    expect(rows[0]?.n).toBe(6);
    await second.close();
    // Two on-disk PGlite starts plus the demo seed: slow on a busy 2-core machine.
  }, 180_000);
});

describe('GET /healthz', () => {
  it('answers 200 with the database kind while the database answers, and 503 once it does not', async () => {
    const { loader } = await import('~/routes/healthz');
    const database = await openDatabase({});
    await migrate(database);
    useAsAppDatabase(database);

    const ok = await loader();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, db: 'pglite', version: expect.any(String) });

    await database.close();
    const down = await loader();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false });
  });
});
