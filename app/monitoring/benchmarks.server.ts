import { sql } from 'kysely';
import type { Direction, PeriodKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';
import { checkImport, municipalityRows, type ImportProblem } from './csv-import';
import type { BenchmarkMeasureInput } from './schema.server';

/** The measures many municipalities share, for "compare this core indicator with …". */
export function listBenchmarkMeasures(tx: Tx) {
  return tx.selectFrom('benchmark_measures').select(['id', 'name', 'unit', 'direction']).orderBy('name').execute();
}

export type PeerGroup = 'all' | 'region' | 'size_class';

export interface PeerFigures {
  group: PeerGroup;
  municipalities: number;
  /** Null unless shown: 'too_few' (under 5 others) or 'hidden' (it would single a few out beside another group). */
  median: number | null;
  low: number | null;
  high: number | null;
  shown: 'shown' | 'too_few' | 'hidden';
}

export interface Comparison {
  measure: { id: string; name: string; unit: string; direction: Direction };
  period: { kind: PeriodKind; start: string };
  own: number;
  groups: PeerFigures[];
  /** Municipalities that made their figures public, by name, for the same period. */
  named: { municipality: string; value: number }[];
}

/**
 * Per measure, the municipality's latest own figure (of a period ended by `until`, a report's end, when
 * given) beside the other municipalities' (in groups, by
 * private.benchmark_comparisons, which decides what may be shown), and the figures of municipalities
 * that made theirs public. A measure the municipality has no figure of its own for is left out. Two
 * statements for any number of measures: the monitoring page compares every core indicator.
 */
export async function compareWithPeers(
  tx: Tx,
  municipalityId: string,
  measureIds: string[],
  until?: string,
): Promise<Map<string, Comparison>> {
  if (measureIds.length === 0) return new Map();
  const { rows } = await sql<{
    id: string;
    name: string;
    unit: string;
    direction: Direction;
    period_kind: PeriodKind;
    start: string;
    value: number;
    peer_group: PeerGroup | null;
    municipalities: number | null;
    median: number | null;
    low: number | null;
    high: number | null;
    shown: PeerFigures['shown'] | null;
  }>`
    with own as (
      select distinct on (v.measure_id) v.measure_id, v.period_kind, v.period_start, v.value
      from public.benchmark_values v
      where v.municipality_id = ${municipalityId} and v.measure_id = any (${measureIds}::uuid[])
        and (${until ?? null}::date is null or v.period_start + case v.period_kind when 'year' then interval '1 year'
          when 'quarter' then interval '3 months' else interval '1 month' end <= ${until ?? null}::date)
      order by v.measure_id, v.period_start desc, v.period_kind
    ),
    compared as (
      select * from private.benchmark_comparisons(${municipalityId},
        array(select measure_id from own order by measure_id),
        array(select period_kind from own order by measure_id),
        array(select period_start from own order by measure_id))
    )
    select m.id, m.name, m.unit, m.direction, own.period_kind, own.period_start::text as start,
      own.value::float8 as value, c.peer_group, c.municipalities, c.median::float8 as median,
      c.low::float8 as low, c.high::float8 as high, c.shown
    from own
    join public.benchmark_measures m on m.id = own.measure_id
    left join compared c on c.measure_id = own.measure_id and c.period_kind = own.period_kind
      and c.period_start = own.period_start
    order by m.id, c.rank desc`.execute(tx);
  const comparisons = new Map<string, Comparison>();
  for (const row of rows) {
    let comparison = comparisons.get(row.id);
    if (!comparison) {
      comparison = {
        measure: { id: row.id, name: row.name, unit: row.unit, direction: row.direction },
        period: { kind: row.period_kind, start: row.start },
        own: row.value,
        groups: [],
        named: [],
      };
      comparisons.set(row.id, comparison);
    }
    if (row.peer_group !== null) {
      comparison.groups.push({
        group: row.peer_group,
        municipalities: row.municipalities!,
        median: row.median,
        low: row.low,
        high: row.high,
        shown: row.shown!,
      });
    }
  }
  const periods = [...comparisons.values()];
  if (periods.length === 0) return comparisons;
  const { rows: named } = await sql<{ measure_id: string; municipality: string; value: number }>`
    select v.measure_id, mu.name as municipality, v.value::float8 as value
    from unnest(${periods.map((c) => c.measure.id)}::uuid[], ${periods.map((c) => c.period.kind)}::text[],
      ${periods.map((c) => c.period.start)}::date[]) own(measure_id, period_kind, period_start)
    join public.benchmark_values v on v.measure_id = own.measure_id and v.period_kind = own.period_kind
      and v.period_start = own.period_start
    join public.public_benchmark_figures p on p.municipality_id = v.municipality_id
    join public.municipalities mu on mu.id = v.municipality_id
    where v.municipality_id <> ${municipalityId}
    order by mu.name`.execute(tx);
  for (const figure of named) {
    comparisons.get(figure.measure_id)!.named.push({ municipality: figure.municipality, value: figure.value });
  }
  return comparisons;
}

/**
 * The shared measures with how many figures each has, for the admins' page: counts kept as figures change
 * (migration 20261210750000), for admins only; anyone else gets none.
 */
export async function listMeasuresWithFigures(tx: Tx) {
  const { rows } = await sql<{ id: string; name: string; unit: string; direction: Direction; figures: string }>`
    select id, name, unit, direction, figures from private.benchmark_measures_with_figures()`.execute(tx);
  return rows;
}

/** Adds a shared measure (RLS: admins only); false when one with that name exists. */
export async function addBenchmarkMeasure(tx: Tx, input: BenchmarkMeasureInput): Promise<boolean> {
  const row = await tx
    .insertInto('benchmark_measures')
    .values({ name: input.name, unit: input.unit, direction: input.direction })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A file of one measure's figures for many municipalities, all or nothing: every row is checked first
 * (each bad row named with its line); otherwise every figure is stored, replacing the same municipality
 * and period's, in the caller's one transaction. RLS lets admins write any municipality's figures.
 */
export async function importBenchmarkCsv(
  tx: Tx,
  measureId: string,
  text: string,
): Promise<{ ok: true; stored: number } | { ok: false; problems: ImportProblem[] }> {
  const measure = await tx.selectFrom('benchmark_measures').select('id').where('id', '=', measureId).executeTakeFirst();
  if (!measure) return { ok: false, problems: [{ line: 0, reason: 'monitoring.errors.benchmarkMeasure' }] };
  const municipalities = await tx.selectFrom('municipalities').select(['id', 'name as description']).execute();
  const check = checkImport(text, municipalityRows(municipalities));
  if (!check.ok) return check;
  await tx
    .insertInto('benchmark_values')
    .values(
      check.rows.map((row) => ({
        measure_id: measureId,
        municipality_id: row.subjectId,
        period_kind: row.period.kind,
        period_start: row.period.start,
        value: row.value,
        source: 'import' as const,
        entered_by: sql<string>`auth.uid()`,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['measure_id', 'period_kind', 'period_start', 'municipality_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        source: 'import',
        entered_by: eb.ref('excluded.entered_by'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
  return { ok: true, stored: check.rows.length };
}
