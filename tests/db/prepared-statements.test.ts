import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAuthSession } from '~/auth/auth-sessions.server';
import { openDatabase, type Database } from '~/db/connection.server';
import { PREPARED_PER_CONNECTION } from '~/db/prepared-statements.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { freshDatabase } from './database';

const onServer = Boolean(process.env.TEST_DATABASE_URL);

// Skipped without TEST_DATABASE_URL, because what is tested is the `pg` pool's naming
// (app/db/prepared-statements.server.ts), which only a Postgres server has; the PGlite worker's own naming
// is tested in pglite-worker.test.ts. The Postgres stage of `npm test` and CI set it; the PGlite stage
// does not list this file.
describe.skipIf(!onServer)('statements prepared once per connection', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  /** A connection of its own per test, so that each statement meets what the test's earlier ones prepared. */
  let single: Database;
  const people: Record<'member' | 'reader', { sub: string; email: string; role: 'authenticated' }> = {} as never;

  beforeAll(async () => {
    database = await freshDatabase({ demo: true });
    for (const [who, email] of [
      ['member', 'lid@demo.expertpool.nl'],
      ['reader', 'gemeente@demo.expertpool.nl'],
    ] as const) {
      const { id } = await database.db
        .selectFrom('auth.users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      people[who] = { sub: id, email, role: 'authenticated' };
      await startAuthSession(database, id, 'test');
    }
  });
  beforeEach(async () => {
    single = await openDatabase({ url: database.url!, poolSize: 1 });
  });
  afterEach(() => single.close());
  afterAll(() => database?.close());

  const prepared = (tx: Tx, like: string) =>
    sql<{ statement: string; uses: number }>`
      select statement, (generic_plans + custom_plans)::int as uses from pg_prepared_statements
      where statement like ${like}`
      .execute(tx)
      .then((r) => r.rows);

  it('parses a statement once and runs it again by name, each person still seeing only their rows', async () => {
    const mine = (tx: Tx) =>
      tx.selectFrom('auth_sessions').select('user_id').where('user_agent', '=', 'test').execute();
    for (let i = 0; i < 3; i++) {
      for (const who of ['member', 'reader'] as const) {
        const rows = await runAs(single, people[who], mine);
        expect(rows.map((r) => r.user_id)).toEqual([people[who].sub]);
      }
    }
    const statements = await runAsSystem(single, (tx) => prepared(tx, 'select "user_id" from "auth_sessions"%'));
    // The first of the six went unnamed: a text is prepared once it is sent a second time.
    expect(statements).toHaveLength(1);
    expect(statements[0]!.uses).toBe(5);
  });

  it('prepares a bounded number of texts per connection, none sent only once, and runs the rest unnamed', async () => {
    const texts = PREPARED_PER_CONNECTION + 20;
    const sum = (i: number) => (tx: Tx) =>
      sql<{ n: number }>`select ${i}::int + ${sql.lit(i)} as n`.execute(tx).then((r) => r.rows[0]!.n);
    await runAsSystem(single, sum(-1));
    expect(await runAsSystem(single, (tx) => prepared(tx, 'select $1::int + -1 %'))).toEqual([]);

    const answers = await runAsSystem(single, async (tx) => {
      const values: number[] = [];
      for (let i = 0; i < texts; i++) values.push(await sum(i)(tx), await sum(i)(tx));
      return values;
    });
    expect(answers).toEqual(Array.from({ length: texts }, (_, i) => [2 * i, 2 * i]).flat());
    const [{ count }] = (
      await sql<{ count: number }>`select count(*)::int as count from pg_prepared_statements`.execute(single.db)
    ).rows as [{ count: number }];
    expect(count).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
    expect(count).toBeGreaterThan(PREPARED_PER_CONNECTION - 10);
  });

  it('runs a transaction again when a migration changed what a prepared statement returns', async () => {
    const everything = (tx: Tx) => tx.selectFrom('regions').selectAll().orderBy('name').execute();
    await runAsSystem(single, everything);
    const before = await runAsSystem(single, everything); // the second time, prepared
    expect(Object.keys(before[0]!)).not.toContain('motto');
    await sql`alter table public.regions add column motto text not null default 'samen'`.execute(database.db);

    const after = await runAsSystem(single, everything);
    expect(after).toHaveLength(before.length);
    expect(after[0]).toMatchObject({ ...before[0], motto: 'samen' });
    // The refused statement stays prepared under its old name; the new one is used from now on.
    const statements = await runAsSystem(single, (tx) => prepared(tx, 'select * from "regions"%'));
    expect(statements.map((s) => s.uses).sort()).toEqual([1, 1]);
  });

  it('still runs a script of several statements, which has no parameters to name', async () => {
    const rows = await single.scriptTransaction(async (tx) => {
      await tx.exec('create temporary table scratch (n int); insert into scratch values (1), (2);');
      return tx.query<{ n: number }>('select sum(n)::int as n from scratch');
    });
    expect(rows).toEqual([{ n: 3 }]);
  });
});
