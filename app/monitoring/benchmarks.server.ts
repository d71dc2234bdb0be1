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
 * The municipality's latest own figure of a measure (of a period ended by `until`, a report's end, when given) beside the other municipalities' (in groups, by
 * private.benchmark_comparison, which decides what may be shown), and the figures of municipalities
 * that made theirs public. Null when the municipality has no figure of its own for the measure.
 */
export async function compareWithPeers(
  tx: Tx,
  municipalityId: string,
  measureId: string,
  until?: string,
): Promise<Comparison | null> {
  const own = await tx
    .selectFrom('benchmark_values as v')
    .innerJoin('benchmark_measures as m', 'm.id', 'v.measure_id')
    .select([
      'm.id',
      'm.name',
      'm.unit',
      'm.direction',
      'v.period_kind',
      sql<string>`v.period_start::text`.as('start'),
      sql<number>`v.value::float8`.as('value'),
    ])
    .where('v.measure_id', '=', measureId)
    .where('v.municipality_id', '=', municipalityId)
    .$if(until !== undefined, (q) =>
      q.where(
        sql<boolean>`v.period_start + case v.period_kind when 'year' then interval '1 year' when 'quarter' then interval '3 months' else interval '1 month' end <= ${until}::date`,
      ),
    )
    .orderBy('v.period_start', 'desc')
    .orderBy('v.period_kind')
    .limit(1)
    .executeTakeFirst();
  if (!own) return null;
  const { start } = own;
  const [groups, named] = await Promise.all([
    sql<{
      peer_group: PeerGroup;
      municipalities: number;
      median: number | null;
      low: number | null;
      high: number | null;
      shown: PeerFigures['shown'];
    }>`
      select peer_group, municipalities, median::float8 as median, low::float8 as low, high::float8 as high, shown
      from private.benchmark_comparison(${measureId}, ${municipalityId}, ${own.period_kind}, ${start}::date)`.execute(
      tx,
    ),
    tx
      .selectFrom('benchmark_values as v')
      .innerJoin('public_benchmark_figures as p', 'p.municipality_id', 'v.municipality_id')
      .innerJoin('municipalities as mu', 'mu.id', 'v.municipality_id')
      .select(['mu.name as municipality', sql<number>`v.value::float8`.as('value')])
      .where('v.measure_id', '=', measureId)
      .where('v.period_kind', '=', own.period_kind)
      .where(sql<string>`v.period_start::text`, '=', start)
      .where('v.municipality_id', '<>', municipalityId)
      .orderBy('mu.name')
      .execute(),
  ]);
  return {
    measure: { id: own.id, name: own.name, unit: own.unit, direction: own.direction },
    period: { kind: own.period_kind, start },
    own: own.value,
    groups: groups.rows.map(({ peer_group, ...rest }) => ({ group: peer_group, ...rest })),
    named,
  };
}

/** The shared measures with how many figures each has, for the admins' page. */
export function listMeasuresWithFigures(tx: Tx) {
  return tx
    .selectFrom('benchmark_measures as m')
    .leftJoin('benchmark_values as v', 'v.measure_id', 'm.id')
    .select(['m.id', 'm.name', 'm.unit', 'm.direction', (eb) => eb.fn.count<string>('v.id').as('figures')])
    .groupBy('m.id')
    .orderBy('m.name')
    .execute();
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
