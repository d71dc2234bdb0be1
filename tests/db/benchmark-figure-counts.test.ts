import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '~/db/migrate.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { importBenchmarkCsv, listMeasuresWithFigures } from '~/monitoring/benchmarks.server';
import { freshDatabase, migrateBefore } from './database';
import { attempt, describeRls, everyoneAndExtras, worldOf, type World } from './fixtures';

/**
 * Migration 20261210750000 keeps each shared measure's number of figures as the figures change, for the
 * admins' list of measures. Whatever changes the figures, the kept count must be count(*); and only
 * admins get the list.
 */
const COUNTS_MIGRATION = '20261210750000';

/** Each measure's kept count and its figures counted, by name. */
async function keptAndCounted(world: World) {
  const kept = await attempt(world, 'admin', listMeasuresWithFigures);
  if (kept === 'denied') throw new Error('the admin was refused');
  const counted = await runAsSystem(world.database, async (tx) => {
    const { rows } = await sql<{ name: string; figures: string }>`
      select m.name, count(v.id) as figures from public.benchmark_measures m
      left join public.benchmark_values v on v.measure_id = m.id group by m.name`.execute(tx);
    return rows;
  });
  const byName = (rows: { name: string; figures: string | number }[]) =>
    Object.fromEntries(rows.map((r) => [r.name, Number(r.figures)]));
  return { kept: byName(kept), counted: byName(counted) };
}

describe('the kept number of figures per shared measure', () => {
  let world: World;
  const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
  beforeAll(async () => {
    world = await worldOf(await freshDatabase({ demo: true }));
  });
  afterAll(() => world.database.close());

  const measure = (name: string) =>
    system((tx) =>
      tx
        .insertInto('benchmark_measures')
        .values({ name, direction: 'higher' })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id),
    );

  it('is count(*) after inserts, an import that replaces figures, moves, deletes and removals', async () => {
    const first = await keptAndCounted(world);
    expect(first.kept).toEqual(first.counted);
    // The demo's measure has figures: not an empty list agreeing with an empty one.
    expect(Object.values(first.kept).some((n) => n > 0)).toBe(true);

    // A municipality of its own, with figures, to remove later (the demo's have advice that keeps them).
    await system((tx) =>
      sql`insert into public.municipalities (region_id, name)
          select region_id, 'Teldorp' from public.municipalities where name = 'Alkmaar'`.execute(tx),
    );
    const a = await measure('Teller A');
    const b = await measure('Teller B');
    await system((tx) =>
      sql`insert into public.benchmark_values (measure_id, municipality_id, period_kind, period_start, value)
          select ${a}, m.id, 'year', make_date(y, 1, 1), 1
          from public.municipalities m cross join generate_series(2020, 2024) y`.execute(tx),
    );
    const inserted = await keptAndCounted(world);
    expect(inserted.kept).toEqual(inserted.counted);
    expect(inserted.kept['Teller A']).toBeGreaterThan(5);

    // An import in the admin's name: Alkmaar's 2024 replaces a figure, its 2025 is new.
    const csv = 'gemeente,periode,waarde\nAlkmaar,2024,7\nAlkmaar,2025,8';
    await system(async (tx) => {
      await sql`select set_config('request.jwt.claims', ${JSON.stringify(world.claims('admin'))}, true)`.execute(tx);
      expect(await importBenchmarkCsv(tx, a, csv)).toMatchObject({ ok: true, stored: 2 });
    });
    const imported = await keptAndCounted(world);
    expect(imported.kept).toEqual(imported.counted);
    expect(imported.kept['Teller A']).toBe(inserted.kept['Teller A']! + 1);

    // Figures moved to another measure, some deleted, a municipality removed, a measure removed.
    await system((tx) =>
      sql`update public.benchmark_values set measure_id = ${b}
          where measure_id = ${a} and period_start = '2020-01-01'`.execute(tx),
    );
    await system((tx) =>
      sql`delete from public.benchmark_values where measure_id = ${a} and period_start = '2021-01-01'`.execute(tx),
    );
    await system((tx) => sql`delete from public.municipalities where name = 'Teldorp'`.execute(tx));
    const changed = await keptAndCounted(world);
    expect(changed.kept).toEqual(changed.counted);
    expect(changed.kept['Teller B']).toBeGreaterThan(0);

    await system((tx) => sql`delete from public.benchmark_measures where id = ${a}`.execute(tx));
    const removed = await keptAndCounted(world);
    expect(removed.kept).toEqual(removed.counted);
    expect(removed.kept).not.toHaveProperty('Teller A');
    const rows = await system((tx) =>
      sql<{
        n: number;
      }>`select count(*)::int as n from private.benchmark_figure_counts where measure_id = ${a}`.execute(tx),
    );
    expect(rows.rows[0]!.n).toBe(0);
  });
});

describe('the migration counts the figures that were there before it', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  afterAll(() => database?.close());

  it('starts every measure with figures at its count', async () => {
    database = await freshDatabase({ migrate: false });
    await migrateBefore(database, COUNTS_MIGRATION);
    await sql`
      with region as (insert into public.regions (slug, name) values ('test-west', 'West') returning id),
      towns as (insert into public.municipalities (region_id, name) select id, t from region, unnest(array['Aa', 'Bb', 'Cc']) t returning id),
      measure as (insert into public.benchmark_measures (name, direction) values ('Oud', 'lower') returning id)
      insert into public.benchmark_values (measure_id, municipality_id, period_kind, period_start, value)
      select measure.id, towns.id, 'year', '2025-01-01', 3 from measure, towns`.execute(database.db);
    await migrate(database);
    const { rows } = await sql<{ figures: string }>`
      select c.figures from private.benchmark_figure_counts c
      join public.benchmark_measures m on m.id = c.measure_id where m.name = 'Oud'`.execute(database.db);
    expect(rows.map((r) => Number(r.figures))).toEqual([3]);
  });
});

describeRls('who gets the list of shared measures with their counts', [
  {
    name: 'the measures with their number of figures (benchmark_measures_with_figures)',
    run: () => (tx) => listMeasuresWithFigures(tx).then((rows) => rows.length > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', admin: true },
  },
  {
    name: 'the kept counts themselves',
    run: () => (tx) => sql`select * from private.benchmark_figure_counts`.execute(tx).then((r) => r.rows.length),
    expect: { ...everyoneAndExtras('denied') },
  },
]);
