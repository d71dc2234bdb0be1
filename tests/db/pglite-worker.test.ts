import { AbortedTransactionError, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';

/**
 * PGlite in a worker thread (`openDatabase({ worker: true })`, what `startDatabase` opens without
 * DATABASE_URL): the same answers, errors and transactions as PGlite in process. Always PGlite, also
 * when the suite runs against a Postgres server.
 */
let database: Database;

beforeAll(async () => {
  database = await openDatabase({ worker: true });
  await migrate(database);
});
afterAll(async () => {
  await database?.close();
});

describe('PGlite in a worker thread', () => {
  it('hands back rows with the same types as in process (bytea, timestamptz, json, numbers)', async () => {
    const { rows } = await sql<{ b: Uint8Array; t: Date; j: { a: number[] }; n: number; s: string }>`
      select '\\x00ff10'::bytea as b, '2026-11-23T12:00:00Z'::timestamptz as t,
             '{"a":[1,2]}'::jsonb as j, 41 + 1 as n, 'tekst' as s`.execute(database.db);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.b).toBeInstanceOf(Uint8Array);
    expect([...row!.b]).toEqual([0, 255, 16]);
    expect(row!.t).toBeInstanceOf(Date);
    expect(row!.t.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(row!.j).toEqual({ a: [1, 2] });
    expect(row!.n).toBe(42);
    expect(row!.s).toBe('tekst');
  });

  it('passes bytea parameters and reports affected rows', async () => {
    const pool = await runAsSystem(database, (tx) =>
      tx.insertInto('pools').values({ name: 'Worker pool' }).returning('id').executeTakeFirstOrThrow(),
    );
    const board = await runAsSystem(database, (tx) =>
      tx.insertInto('boards').values({ pool_id: pool.id, title: 'W' }).returning('id').executeTakeFirstOrThrow(),
    );
    const bytes = Buffer.from([1, 2, 3, 250]);
    const inserted = await database.db
      .insertInto('board_updates')
      .values([
        { board_id: board.id, update: bytes },
        { board_id: board.id, update: new Uint8Array([9]) },
      ])
      .executeTakeFirstOrThrow();
    expect(Number(inserted.numInsertedOrUpdatedRows)).toBe(2);
    const stored = await database.db
      .selectFrom('board_updates')
      .select('update')
      .where('board_id', '=', board.id)
      .orderBy('id')
      .execute();
    expect(stored.map((r) => [...r.update])).toEqual([[1, 2, 3, 250], [9]]);
    const deleted = await database.db.deleteFrom('board_updates').where('board_id', '=', board.id).executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(2);
  });

  it('carries Postgres error fields (code, constraint) across the thread', async () => {
    const pool = await runAsSystem(database, (tx) =>
      tx.insertInto('pools').values({ name: 'Dup pool' }).returning('id').executeTakeFirstOrThrow(),
    );
    const error = await database.db
      .insertInto('pools')
      .values({ id: pool.id, name: 'Again' })
      .execute()
      .then(
        () => null,
        (e: unknown) => e as Error & { code?: string; constraint?: string },
      );
    expect(error).toBeInstanceOf(Error);
    expect(error!.code).toBe('23505');
    expect(error!.constraint).toBe('pools_pkey');
    // The connection is usable after the error.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it('rolls a failed transaction back, and row level security applies as in process', async () => {
    const name = `Rollback ${crypto.randomUUID()}`;
    await expect(
      runAsSystem(database, async (tx) => {
        await tx.insertInto('pools').values({ name }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const count = await database.db
      .selectFrom('pools')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // A signed-in stranger sees no pools under RLS; anon may not read the table at all; the system sees them.
    const stranger = { sub: crypto.randomUUID(), email: 'vreemde@example.org', role: 'authenticated' as const };
    const asStranger = await runAs(database, stranger, (tx) => tx.selectFrom('pools').select('id').execute());
    await expect(runAs(database, null, (tx) => tx.selectFrom('pools').select('id').execute())).rejects.toMatchObject({
      code: '42501',
    });
    const asSystem = await runAsSystem(database, (tx) => tx.selectFrom('pools').select('id').execute());
    expect(asStranger).toHaveLength(0);
    expect(asSystem.length).toBeGreaterThan(0);
  });

  it('keeps concurrent transactions apart (one connection, queued)', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `Concurrent ${i} ${crypto.randomUUID()}`);
    await Promise.all(
      names.map((name, i) =>
        runAsSystem(database, async (tx) => {
          await tx.insertInto('pools').values({ name }).execute();
          if (i % 2 === 1) throw new Error('odd ones roll back');
        }).catch(() => undefined),
      ),
    );
    const stored = await database.db.selectFrom('pools').select('name').where('name', 'in', names).execute();
    expect(stored.map((r) => r.name).sort()).toEqual(names.filter((_, i) => i % 2 === 0).sort());
  });

  it('opens each transaction with its first statement: it is one transaction, also when that statement fails or none runs', async () => {
    const txid = (tx: Tx) =>
      sql<{ id: string }>`select txid_current()::text as id`.execute(tx).then((r) => r.rows[0]!.id);
    const [first, second] = await runAsSystem(database, async (tx) => [await txid(tx), await txid(tx)]);
    expect(first).toBe(second);
    // Failing first statement: the transaction it opened is rolled back, and the next one starts afresh.
    await expect(runAsSystem(database, (tx) => sql`select 1 / 0`.execute(tx))).rejects.toThrow(/division by zero/);
    await expect(runAsSystem(database, async () => 'nothing ran')).resolves.toBe('nothing ran');
    const [third, fourth] = await runAsSystem(database, async (tx) => [await txid(tx), await txid(tx)]);
    expect(third).toBe(fourth);
    expect(third).not.toBe(first);
    // Nothing was left open: outside a transaction each statement is one of its own.
    const outside = () =>
      sql<{ id: string }>`select txid_current()::text as id`.execute(database.db).then((r) => r.rows[0]!.id);
    expect(await outside()).not.toBe(await outside());
  });

  it('reports a transaction whose failed statement was caught as not committed, as PGlite in process does', async () => {
    const inProcess = await openDatabase({});
    try {
      for (const db of [database, inProcess]) {
        const swallowed = runAsSystem(db, async (tx) => {
          await sql`select 1 / 0`.execute(tx).catch(() => undefined);
          return 'looks fine';
        });
        await expect(swallowed).rejects.toBeInstanceOf(AbortedTransactionError);
        // Nothing stays open: the next transaction commits.
        await expect(runAsSystem(db, (tx) => sql`select 1`.execute(tx).then(() => 'committed'))).resolves.toBe(
          'committed',
        );
      }
    } finally {
      await inProcess.close();
    }
  });

  it('runs script transactions (migrations) and rolls them back on error', async () => {
    await expect(
      database.scriptTransaction(async (runner) => {
        await runner.exec('create table public.worker_probe (id int); insert into public.worker_probe values (1);');
        expect(await runner.query<{ id: number }>('select id from public.worker_probe')).toEqual([{ id: 1 }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const { rows } = await sql<{ t: string | null }>`select to_regclass('public.worker_probe')::text as t`.execute(
      database.db,
    );
    expect(rows[0]!.t).toBeNull();
  });

  it('tells a listener of each NOTIFY once its transaction commits, from any statement, never from a rollback', async () => {
    const heard: string[] = [];
    await database.listen!('worker_test', (payload) => heard.push(payload));
    const notify = (payload: string) => sql`select pg_notify('worker_test', ${payload})`;
    await runAsSystem(database, async (tx) => {
      await notify('in a transaction').execute(tx);
      // Not before the commit: a listener acts on what is in the database.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([]);
    });
    await expect(
      runAsSystem(database, async (tx) => {
        await notify('rolled back').execute(tx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    // Outside a transaction, three times: the second and later are run by name (statements sent again).
    for (const n of [1, 2, 3]) await notify(`alone ${n}`).execute(database.db);
    await expect.poll(() => heard).toEqual(['in a transaction', 'alone 1', 'alone 2', 'alone 3']);
  });

  it('refuses queries once closed', async () => {
    const other = await openDatabase({ worker: true });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(other.db);
    expect(rows[0]!.one).toBe(1);
    await other.close();
    await expect(sql`select 1`.execute(other.db)).rejects.toThrow();
    // Past Kysely, the worker's own proxy refuses too.
    await expect(other.scriptTransaction((runner) => runner.exec('select 1'))).rejects.toThrow(
      'PGlite worker is closed',
    );
  });
});

describe('statements sent again, by name (the worker prepares them as a Postgres pool does)', () => {
  /** How many statements with `marker` in their text this session has prepared (the marker is no parameter). */
  const prepared = (marker: string) =>
    sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`}`
      .execute(database.db)
      .then((r) => r.rows[0]!.n);

  it('gives the same answers with typed parameters the second and third time, by name', async () => {
    const typed = () =>
      sql<{ b: Uint8Array; t: Date; j: { a: number[] }; n: number; nothing: string | null; s: string }>`
        select /* typed-probe */ ${Buffer.from([0, 255, 16])}::bytea as b, ${new Date('2026-11-23T12:00:00Z')}::timestamptz as t,
               ${JSON.stringify({ a: [1, 2] })}::jsonb as j, ${41}::int + 1 as n, ${null}::text as nothing, ${'tekst'} as s`
        .execute(database.db)
        .then((r) => r.rows);
    const first = await typed();
    expect(await prepared('typed-probe')).toBe(0);
    const again = [await typed(), await typed()];
    expect(await prepared('typed-probe')).toBe(1);
    for (const answer of again) expect(answer).toEqual(first);
    const [row] = again[1]!;
    expect([...row!.b]).toEqual([0, 255, 16]);
    expect(row!.t.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(row).toMatchObject({ j: { a: [1, 2] }, n: 42, nothing: null, s: 'tekst' });
  });

  it('carries the error fields of a named statement, and the connection stays usable', async () => {
    const refused = () =>
      sql`select /* uuid-probe */ ${'not a uuid'}::uuid as id`.execute(database.db).then(
        () => null,
        (error: unknown) => error,
      );
    for (let i = 0; i < 3; i++) expect(await refused()).toMatchObject({ code: '22P02' });
    expect(await prepared('uuid-probe')).toBe(1);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it('runs a transaction again when a migration changed what a named statement returns', async () => {
    await sql`create table public.worker_stale (a int)`.execute(database.db);
    await sql`insert into public.worker_stale values (1)`.execute(database.db);
    const everything = (tx: Tx) => sql<Record<string, unknown>>`select * from public.worker_stale`.execute(tx);
    await runAsSystem(database, everything);
    await runAsSystem(database, everything);
    await sql`alter table public.worker_stale add column b text not null default 'x'`.execute(database.db);
    const after = await runAsSystem(database, everything);
    expect(after.rows).toEqual([{ a: 1, b: 'x' }]);
  });
});
