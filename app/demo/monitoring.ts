import { sql } from 'kysely';
import { saveDataSource } from '~/advice/data-sources.server';
import type { Direction, SourceKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';
import { saveMeasure } from '~/monitoring/queries.server';
import { FIXED_ADVICE } from './advice';
import { seedBenchmarks } from './benchmarks';
import { seedManagement } from './management';

type Series = { kind: 'year' | 'quarter'; from: string; values: number[]; unit: string; imported?: boolean };
type Plan = {
  indicators: string[];
  series: Series;
  note?: string;
  direction: Direction;
  /** Left out on one core indicator, so the demo shows "no data" and has a target still to set. */
  target?: { dueYear: number; value: number };
};

/**
 * Alkmaar's monitoring (fictional numbers on its real-sounding core indicators): which of the 14
 * indicators each core indicator follows, values over six to eight periods (some typed in by the
 * reader, some from a DUO export), and the published advice that concerns them. Idempotent.
 */
const ALKMAAR: Record<string, Plan> = {
  '% inburgeraars met betaald werk na drie jaar': {
    indicators: ['work'],
    series: { kind: 'year', from: '2018', values: [28, 31, 26, 29, 33, 36, 38, 41], unit: '%' },
    note: 'Voorlopig cijfer',
    direction: 'higher',
    target: { dueYear: 2027, value: 50 },
  },
  'Ervaren passendheid van het werk': {
    indicators: ['work', 'bridges'],
    series: { kind: 'quarter', from: '2024-01', values: [3.1, 3.0, 3.3, 3.2, 3.4, 3.5, 3.4, 3.6], unit: '1–5' },
    direction: 'higher',
    target: { dueYear: 2025, value: 3.5 },
  },
  '% inburgeraars gestart met een opleiding, naar type': {
    indicators: ['education'],
    series: { kind: 'year', from: '2020', values: [12, 14, 15, 19, 21, 24], unit: '%', imported: true },
    direction: 'higher',
    target: { dueYear: 2026, value: 28 },
  },
  '% inburgeraars dat de leerroute binnen de termijn afrondt': {
    indicators: ['language', 'education'],
    series: { kind: 'quarter', from: '2023-07', values: [48, 51, 50, 55, 57, 56, 60, 62], unit: '%', imported: true },
    direction: 'higher',
    target: { dueYear: 2026, value: 65 },
  },
  'Zelf ervaren taalvaardigheid in contact met instanties': {
    indicators: ['language', 'links'],
    series: { kind: 'year', from: '2020', values: [2.6, 2.7, 2.9, 3.0, 3.2, 3.3], unit: '1–5' },
    direction: 'higher',
  },
  '% inburgeraars zonder schulden na de ontzorging': {
    indicators: ['stability'],
    series: { kind: 'year', from: '2019', values: [71, 69, 72, 74, 73, 77, 79], unit: '%' },
    direction: 'higher',
    target: { dueYear: 2026, value: 80 },
  },
};

/**
 * Alkmaar's list of data sources: the kinds of the sources its goal tree names, and the other sources
 * seed 001 names, so the list shows every kind.
 */
const SOURCES: Record<string, SourceKind> = {
  'CBS-microdata en gemeentelijke registratie': 'register',
  'Ervaringsdata: gesprekken met de expertpool': 'experience',
  DUO: 'register',
  'Ervaringsdata: enquête na één jaar': 'experience',
  'Gemeentelijke schuldhulpregistratie': 'register',
  'Benchmark / DUO': 'benchmark',
  'Ervaringsdata coaches': 'experience',
  'RMW/CommUtr': 'partner',
  'Dit moet worden uitgezocht': 'to_be_determined',
};

function periods(series: Series): string[] {
  const [year, month] = series.from.split('-').map(Number) as [number, number | undefined];
  return series.values.map((_, i) => {
    if (series.kind === 'year') return `${year + i}-01-01`;
    const index = (month ?? 1) - 1 + i * 3;
    return `${year + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  });
}

export async function seedMonitoring(tx: Tx): Promise<void> {
  const alkmaar = await tx.selectFrom('municipalities').select('id').where('name', '=', 'Alkmaar').executeTakeFirst();
  if (!alkmaar) return;
  const cores = await tx
    .selectFrom('core_indicators as c')
    .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
    .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
    .select(['c.id', 'c.description'])
    .where('g.municipality_id', '=', alkmaar.id)
    .execute();
  if (cores.length === 0) return;
  const reader = await tx
    .selectFrom('municipality_readers as r')
    .innerJoin('auth.users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.municipality_id', '=', alkmaar.id)
    .where('u.email', '=', 'gemeente@demo.expertpool.nl')
    .executeTakeFirst();
  const enteredBy = reader?.id ?? null;
  await seedTargets(tx, alkmaar.id, cores);
  await seedBenchmarks(tx, alkmaar.id, cores);
  await seedManagement(tx, alkmaar.id, cores, enteredBy);
  const done = await tx
    .selectFrom('core_indicator_indicators')
    .select('core_indicator_id')
    .where(
      'core_indicator_id',
      'in',
      cores.map((c) => c.id),
    )
    .executeTakeFirst();
  if (done) return;

  const importable = cores.filter((c) => ALKMAAR[c.description]?.series.imported);
  const importRows = importable.reduce((n, c) => n + ALKMAAR[c.description]!.series.values.length, 0);
  const imported =
    importRows > 0
      ? await tx
          .insertInto('indicator_value_imports')
          .values({
            municipality_id: alkmaar.id,
            file_name: 'duo-export-inburgering-alkmaar.csv',
            row_count: importRows,
            inserted_count: importRows,
            updated_count: 0,
            imported_by: enteredBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      : null;

  for (const core of cores) {
    const plan = ALKMAAR[core.description];
    if (!plan) continue;
    await tx
      .insertInto('core_indicator_indicators')
      .values(plan.indicators.map((code) => ({ core_indicator_id: core.id, indicator_code: code })))
      .execute();
    const starts = periods(plan.series);
    await tx
      .insertInto('core_indicator_values')
      .values(
        plan.series.values.map((value, i) => ({
          core_indicator_id: core.id,
          period_kind: plan.series.kind,
          period_start: starts[i]!,
          value,
          unit: plan.series.unit,
          note: i === plan.series.values.length - 1 ? (plan.note ?? '') : '',
          source: plan.series.imported ? ('import' as const) : ('manual' as const),
          import_id: plan.series.imported ? (imported?.id ?? null) : null,
          entered_by: enteredBy,
        })),
      )
      .execute();
    await linkAdvice(tx, core.id, alkmaar.id, plan.indicators);
  }
}

/**
 * Alkmaar's sources with their kinds, and per core indicator its direction, unit and target. Apart from
 * the figures, so a demo database made before targets existed gets them on its next start.
 */
async function seedTargets(tx: Tx, municipalityId: string, cores: { id: string; description: string }[]) {
  const done = await tx
    .selectFrom('core_indicator_measures')
    .select('core_indicator_id')
    .where(
      'core_indicator_id',
      'in',
      cores.map((c) => c.id),
    )
    .executeTakeFirst();
  if (done) return;
  for (const [name, kind] of Object.entries(SOURCES)) await saveDataSource(tx, municipalityId, name, kind);
  for (const core of cores) {
    const plan = ALKMAAR[core.description];
    if (!plan) continue;
    await saveMeasure(tx, {
      coreIndicatorId: core.id,
      direction: plan.direction,
      unit: plan.series.unit,
      benchmarkMeasureId: null,
    });
    if (plan.target) {
      await tx
        .insertInto('core_indicator_targets')
        .values({ core_indicator_id: core.id, due_year: plan.target.dueYear, value: plan.target.value, set_by: null })
        .execute();
    }
  }
}

/** Up to three published advices addressed to Alkmaar (or its region) on the same indicators. */
async function linkAdvice(tx: Tx, coreId: string, municipalityId: string, codes: string[]) {
  await sql`
    insert into public.advice_core_indicators (advice_id, core_indicator_id)
    select a.id, ${coreId}::uuid
    from public.advices a
    join public.municipalities m on m.id = ${municipalityId}::uuid
    where a.status in ('published', 'responded', 'implemented')
      and a.addressee_ids && array[m.id, m.region_id]
      and a.indicator_codes && ${codes}::text[]
    order by (a.title in (${FIXED_ADVICE.helpdesk}, ${FIXED_ADVICE.regionAlkmaar})) desc, a.published_at desc, a.id
    limit 3
    on conflict do nothing`.execute(tx);
}
