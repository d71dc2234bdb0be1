import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, describeRls, everyoneAndExtras, type RlsCase } from './fixtures';

// Issue 21: a municipality's figure beside the median and range of comparable municipalities, never
// from fewer than 5 and never in a way that singles one out (by subtracting one group from another).

type World = Parameters<RlsCase['run']>[0];
let F: { measure: string; alkmaar: string; rotterdam: string; enschede: string; alkmaarValue: string };

const period = { period_kind: 'year' as const, period_start: '2025-01-01' };

const readValuesOf = (municipality: () => string) => () => (tx: Tx) =>
  tx
    .selectFrom('benchmark_values')
    .select('id')
    .where('municipality_id', '=', municipality())
    .execute()
    .then((rows) => rows.length > 0);

const enterValueFor = (municipality: () => string) => () => (tx: Tx) =>
  tx
    .insertInto('benchmark_values')
    .values({
      measure_id: F.measure,
      municipality_id: municipality(),
      period_kind: 'year',
      period_start: '2024-01-01',
      value: 40,
    })
    .execute()
    .then((r) => r.length);

// F.measure compared for one municipality and year, as the monitoring page asks for it.
const comparisonOf = (municipality: string, year: string) =>
  sql`private.benchmark_comparisons(${municipality}, array[${F.measure}]::uuid[], array['year'], array[${year}]::date[])`;

const compare = (municipality: () => string) => () => (tx: Tx) =>
  sql<{
    peer_group: string;
  }>`select peer_group from ${comparisonOf(municipality(), '2023-01-01')}`
    .execute(tx)
    .then((r) => r.rows.length > 0);

const cases: RlsCase[] = [
  {
    name: "read Alkmaar's benchmark figures",
    run: readValuesOf(() => F.alkmaar),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: "read Rotterdam's figures (Rotterdam made them public)",
    run: readValuesOf(() => F.rotterdam),
    expect: { ...everyoneAndExtras(true), anon: 'denied' },
  },
  {
    name: 'enter a figure for Alkmaar',
    run: enterValueFor(() => F.alkmaar),
    expect: { ...everyoneAndExtras('denied'), reader: 1, admin: 1 },
  },
  {
    name: 'enter a figure for Enschede',
    run: enterValueFor(() => F.enschede),
    expect: { ...everyoneAndExtras('denied'), otherReader: 1, admin: 1 },
  },
  {
    name: "change Alkmaar's figure",
    run: () => (tx) =>
      tx
        .updateTable('benchmark_values')
        .set({ value: 99, entered_by: sql<string>`auth.uid()` })
        .where('id', '=', F.alkmaarValue)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
  {
    name: "make Alkmaar's figures public",
    run: () => (tx) =>
      tx
        .insertInto('public_benchmark_figures')
        .values({ municipality_id: F.alkmaar })
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras('denied'), reader: 1, admin: 1 },
  },
  {
    name: 'add a benchmark measure',
    run: () => (tx) =>
      tx
        .insertInto('benchmark_measures')
        .values({ name: `Maat ${Math.random()}`, direction: 'higher' })
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras('denied'), admin: 1 },
  },
  {
    name: 'change the size classes',
    run: () => (tx) =>
      tx
        .updateTable('size_classes')
        .set({ min_inhabitants: 25000 })
        .where('min_inhabitants', '=', 20000)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', admin: 1 },
  },
  {
    name: "compare Alkmaar's figure (only who reads Alkmaar's monitoring learns anything)",
    run: compare(() => F.alkmaar),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
];

/** Sets every municipality's figure for 2025 (and inhabitants), replacing what was there. */
async function setFigures(w: World, figures: Record<string, { value: number; inhabitants?: number }>) {
  await runAsSystem(w.database, async (tx) => {
    await tx
      .deleteFrom('benchmark_values')
      .where('measure_id', '=', F.measure)
      .where('period_start', '=', '2025-01-01')
      .execute();
    for (const [name, { value, inhabitants }] of Object.entries(figures)) {
      const m = await tx.selectFrom('municipalities').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      if (inhabitants !== undefined)
        await tx.updateTable('municipalities').set({ inhabitants }).where('id', '=', m.id).execute();
      await tx
        .insertInto('benchmark_values')
        .values({ measure_id: F.measure, municipality_id: m.id, ...period, value, entered_by: null })
        .execute();
    }
  });
}

async function comparisonForAlkmaarReader(w: World) {
  return runAs(w.database, w.claims('reader'), (tx) =>
    sql<{
      peer_group: string;
      municipalities: number;
      median: string | null;
      low: string | null;
      high: string | null;
      shown: string;
    }>`
      select * from ${comparisonOf(F.alkmaar, '2025-01-01')}`
      .execute(tx)
      .then((r) => Object.fromEntries(r.rows.map((row) => [row.peer_group, row]))),
  );
}

// Regio Alkmaar has Alkmaar and five more municipalities; the rest are in other regions.
const REGION = ['Bergen (NH)', 'Castricum', 'Dijk en Waard', 'Heiloo', 'Uitgeest'];

describeRls('benchmark figures and comparisons, per role', cases, (world) => {
  beforeAll(async () => {
    const w = world();
    F = await runAsSystem(w.database, async (tx) => {
      const id = (name: string) =>
        tx
          .selectFrom('municipalities')
          .select('id')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
          .then((r) => r.id);
      const measure = await tx
        .insertInto('benchmark_measures')
        .values({ name: '% inburgeraars met B1 binnen 3 jaar', unit: '%', direction: 'higher' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const [alkmaar, rotterdam, enschede] = [await id('Alkmaar'), await id('Rotterdam'), await id('Enschede')];
      const value = await tx
        .insertInto('benchmark_values')
        .values({
          measure_id: measure.id,
          municipality_id: alkmaar,
          period_kind: 'year',
          period_start: '2023-01-01',
          value: 50,
          entered_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('benchmark_values')
        .values({
          measure_id: measure.id,
          municipality_id: rotterdam,
          period_kind: 'year',
          period_start: '2023-01-01',
          value: 45,
          entered_by: null,
        })
        .execute();
      await tx
        .insertInto('public_benchmark_figures')
        .values({ municipality_id: rotterdam, made_public_by: null })
        .execute();
      return { measure: measure.id, alkmaar, rotterdam, enschede, alkmaarValue: value.id };
    });
  });

  describe('what the comparison shows', () => {
    it('fewer than 5 other municipalities: only that there are too few, no figure', async () => {
      const w = world();
      await setFigures(w, {
        Alkmaar: { value: 50 },
        'Bergen (NH)': { value: 40 },
        Castricum: { value: 60 },
        Heiloo: { value: 55 },
        Uitgeest: { value: 30 },
      });
      const got = await comparisonForAlkmaarReader(w);
      expect(got.all).toMatchObject({ municipalities: 4, median: null, low: null, high: null, shown: 'too_few' });
      expect(got.region).toMatchObject({ municipalities: 4, shown: 'too_few', median: null });
    });

    it('five others in the region, none elsewhere: median and range of the others, never its own figure', async () => {
      const w = world();
      await setFigures(w, {
        Alkmaar: { value: 99 },
        ...Object.fromEntries(REGION.map((name, i) => [name, { value: 10 * (i + 1) }])),
      });
      const got = await comparisonForAlkmaarReader(w);
      for (const group of ['all', 'region'])
        expect(got[group]).toMatchObject({ municipalities: 5, shown: 'shown', median: '30', low: '10', high: '50' });
    });

    it('one more outside the region: the region (5) beside all (6) would give that one away, so it hides', async () => {
      const w = world();
      // The attacker's hope: max(all) = 95 while max(region) = 50 tells Enschede's figure.
      await setFigures(w, {
        Alkmaar: { value: 99 },
        Enschede: { value: 95 },
        ...Object.fromEntries(REGION.map((name, i) => [name, { value: 10 * (i + 1) }])),
      });
      const got = await comparisonForAlkmaarReader(w);
      expect(got.all).toMatchObject({ municipalities: 6, shown: 'shown', high: '95' });
      expect(got.region).toMatchObject({ municipalities: 5, shown: 'hidden', median: null, low: null, high: null });
      // Nothing of the hidden group can be read from a figure shown elsewhere either.
      expect(Object.values(got).filter((g) => g.shown === 'shown')).toHaveLength(1);
    });

    it('five or more outside the region: both groups are shown', async () => {
      const w = world();
      await setFigures(w, {
        Alkmaar: { value: 99 },
        ...Object.fromEntries(REGION.map((name, i) => [name, { value: 10 * (i + 1) }])),
        ...Object.fromEntries(
          ['Enschede', 'Hengelo', 'Almelo', 'Zwolle', 'Kampen'].map((name) => [name, { value: 70 }]),
        ),
      });
      const got = await comparisonForAlkmaarReader(w);
      expect(got.all).toMatchObject({ municipalities: 10, shown: 'shown' });
      expect(got.region).toMatchObject({ municipalities: 5, shown: 'shown', high: '50' });
    });

    it('same size class: a group of its own, judged by the same rules; none when its size is unknown', async () => {
      const w = world();
      const big = ['Enschede', 'Zwolle', 'Leeuwarden', 'Rotterdam', 'Hengelo', 'Almelo'];
      await setFigures(w, {
        Alkmaar: { value: 99, inhabitants: 110_000 },
        ...Object.fromEntries(
          big.map((name, i) => [name, { value: 60 + i, inhabitants: i === 3 ? 660_000 : 120_000 }]),
        ),
        ...Object.fromEntries(REGION.map((name, i) => [name, { value: 10 * (i + 1), inhabitants: 30_000 }])),
      });
      const got = await comparisonForAlkmaarReader(w);
      // 100,000–250,000: Enschede, Zwolle, Leeuwarden, Hengelo, Almelo (Rotterdam is in the next class).
      expect(got.size_class).toMatchObject({ municipalities: 5, shown: 'shown', low: '60', high: '65' });
      await runAsSystem(w.database, (tx) =>
        tx.updateTable('municipalities').set({ inhabitants: null }).where('id', '=', F.alkmaar).execute(),
      );
      expect((await comparisonForAlkmaarReader(w)).size_class).toBeUndefined();
    });

    // The region and the size class are compared by the municipalities in exactly one of them, not by
    // their counts: two groups of 5 that share 4 single out two, two disjoint ones of 5 and 6 nobody.
    it('a region and a size class of 5 each that differ by two municipalities: the size class hides', async () => {
      const w = world();
      const outside = ['Zwolle', 'Leeuwarden', 'Hengelo', 'Almelo', 'Kampen'];
      await setFigures(w, {
        Alkmaar: { value: 99, inhabitants: 110_000 },
        ...Object.fromEntries(
          REGION.map((name, i) => [name, { value: 10 * (i + 1), inhabitants: i < 4 ? 120_000 : 30_000 }]),
        ),
        Enschede: { value: 70, inhabitants: 120_000 },
        ...Object.fromEntries(outside.map((name) => [name, { value: 80, inhabitants: 30_000 }])),
      });
      const got = await comparisonForAlkmaarReader(w);
      expect(got.all).toMatchObject({ municipalities: 11, shown: 'shown' });
      expect(got.region).toMatchObject({ municipalities: 5, shown: 'shown', low: '10', high: '50' });
      // Beside the region's range, the size class's would tell Uitgeest's figure from Enschede's.
      expect(got.size_class).toMatchObject({ municipalities: 5, shown: 'hidden', median: null, low: null });
    });

    it('a region of 5 and a size class of 6 with no municipality in common: all three are shown', async () => {
      const w = world();
      const big = ['Enschede', 'Zwolle', 'Leeuwarden', 'Hengelo', 'Almelo', 'Kampen'];
      await setFigures(w, {
        Alkmaar: { value: 99, inhabitants: 110_000 },
        ...Object.fromEntries(REGION.map((name, i) => [name, { value: 10 * (i + 1), inhabitants: 30_000 }])),
        ...Object.fromEntries(big.map((name, i) => [name, { value: 60 + i, inhabitants: 120_000 }])),
      });
      const got = await comparisonForAlkmaarReader(w);
      expect(got.all).toMatchObject({ municipalities: 11, shown: 'shown', low: '10', high: '65' });
      expect(got.region).toMatchObject({ municipalities: 5, shown: 'shown', high: '50' });
      expect(got.size_class).toMatchObject({ municipalities: 6, shown: 'shown', median: '62.5', low: '60' });
    });

    it("another municipality's reader learns nothing of Alkmaar's comparison, not even counts", async () => {
      const w = world();
      const rows = await runAs(w.database, w.claims('memberA'), (tx) =>
        sql`select * from ${comparisonOf(F.alkmaar, '2025-01-01')}`.execute(tx),
      );
      expect(rows.rows).toEqual([]);
    });
  });
});
