import { sql } from 'kysely';
import { listDataSources } from '~/advice/data-sources.server';
import { getGoalTree } from '~/advice/goals.server';
import type { Tx } from '~/db/db.server';
import type { Direction, PeriodKind, ValueSource } from '~/db/types';
import type { Locale } from '~/i18n/locales';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { localise } from '~/questionnaires/localise';
import { lastMonths } from '~/signals/patterns.server';
import type { Hidden } from '~/ui/HiddenFigure';
import { compareWithPeers, listBenchmarkMeasures } from './benchmarks.server';
import { checkImport, coreIndicatorRows, type ImportProblem, type ImportRow } from './csv-import';
import {
  listManagementForImport,
  loadManagement,
  loadManagementSummaries,
  rollUp,
  saveManagementTarget,
} from './management.server';
import { periodEnd } from './periods';
import { countProgress, judgeProgress } from './progress';
import type { MeasureInput, TargetInput, ValueInput } from './schema.server';

/**
 * The municipalities whose monitoring the current user may read: `private.monitored_municipalities`
 * asks the person's right of the few where they could have one, not of every municipality (migration
 * 20261210720000).
 */
export async function listMonitoredMunicipalities(tx: Tx) {
  const { rows } = await sql<{ id: string; name: string; has_tree: boolean }>`
    select m.id, m.name, exists (select 1 from public.municipal_goals g where g.municipality_id = m.id) as has_tree
    from public.municipalities m
    where m.id in (select private.monitored_municipalities())
    order by m.name`.execute(tx);
  return rows;
}

/** Whether the current user may read the monitoring of more than one municipality (so has another to choose). */
export async function readsSeveralMunicipalities(tx: Tx): Promise<boolean> {
  const { rows } = await sql<{ several: boolean }>`
    select count(*) > 1 as several from (select private.monitored_municipalities() limit 2) m`.execute(tx);
  return rows[0]?.several === true;
}

export interface MonitoringAccess {
  id: string;
  name: string;
  reads: boolean;
  writes: boolean;
  /** Who shapes the goal tree (admins, the region's coordinators) and the municipality's readers: they link core indicators and set measures and targets. */
  links: boolean;
  /** Who keeps the goal tree and its list of data sources: admins and the region's coordinators. */
  keepsTree: boolean;
}

export async function getMonitoringAccess(tx: Tx, municipalityId: string): Promise<MonitoringAccess | null> {
  const { rows } = await sql<MonitoringAccess>`
    select m.id, m.name,
      private.reads_municipality_monitoring(m.id) as reads,
      private.writes_municipality_monitoring(m.id) as writes,
      private.sets_municipality_targets(m.id) as links,
      private.works_in_municipality(m.id) as "keepsTree"
    from public.municipalities m where m.id = ${municipalityId}`.execute(tx);
  return rows[0] ?? null;
}

/** A figure as progress needs it. */
export interface SeriesRow {
  core_indicator_id: string;
  period_kind: PeriodKind;
  period_start: string;
  value: number;
}

export interface ValueRow extends SeriesRow {
  id: string;
  unit: string;
  note: string;
  source: ValueSource;
  file_name: string | null;
  updated_at: string;
}

export interface QuestionnaireScoreRow {
  questionnaire_id: string;
  title_nl: string;
  title_en: string;
  title_ar: string;
  wave_id: string;
  wave_name: string;
  opens_on: string;
  /** The respondent group the wave asked (a key for the app's own three, else only a name). */
  group_id: string;
  group_key: string | null;
  group_name: string;
  indicator_code: string;
  respondents: number | null;
  mean_score: number | null;
  hidden: Hidden | null;
}

export interface SignalCountRow {
  indicator_code: string;
  month: string;
  signals: number | null;
}

export interface ConcerningAdvice {
  core_indicator_id: string;
  id: string;
  title: string;
  status: string;
  published_at: string | null;
  latest_decision: string | null;
  latest_response_at: string | null;
}

/**
 * Everything the report shows for one municipality: its goal tree, and per core indicator the linked
 * indicators, values over time, experience data (aggregates with "<5"), the advice about it and its
 * management indicators in full.
 * With `until` (the report's view, exclusive end date) it is the state at the end of that period:
 * figures of periods ended by then and progress judged on them, the latest benchmark figure by then,
 * questionnaire rounds opened before it, and the twelve months of signals ending with it.
 */
export async function loadMonitoring(
  tx: Tx,
  municipalityId: string,
  locale: Locale,
  today = new Date(),
  until?: string,
) {
  return load(
    tx,
    municipalityId,
    locale,
    { today, until, detail: true },
    {
      valuesOf: (coreIds) => listValues(tx, municipalityId, coreIds),
      managementOf: async (coreIds) => {
        const management = await loadManagement(tx, municipalityId, coreIds, until);
        return (coreId) => {
          const own = management.filter((m) => m.coreIndicatorId === coreId);
          return { management: own, managementProgress: rollUp(own) };
        };
      },
    },
  );
}
export type Monitoring = Awaited<ReturnType<typeof loadMonitoring>>;

/**
 * What the monitoring page shows, a scorecard: per core indicator its latest figure, the target it is
 * judged against, its progress and how much advice concerns it. Figures over time, comparison,
 * experience data, the data source, the linked indicators, the advice itself and the management
 * indicators' roll-up (`loadManagementSummaries`) are on the core indicator's own page, so they are neither
 * loaded nor sent: at 60 core indicators they were most of the page's time
 * (docs/benchmarks/2026-12-06-monitoring-5.md, -8.md). The series is still read, as progress is judged on
 * all of it, but only the periods and values (`listSeries`).
 */
export async function loadMonitoringOverview(tx: Tx, municipalityId: string, locale: Locale, today = new Date()) {
  const monitoring = await load(
    tx,
    municipalityId,
    locale,
    { today, detail: false },
    // Management indicators are counted on the core indicator's own page, not here.
    { valuesOf: (coreIds) => listSeries(tx, municipalityId, coreIds), managementOf: async () => () => ({}) },
  );
  return {
    goals: monitoring.goals.map((goal) => ({
      id: goal.id,
      title: goal.title,
      progress: goal.progress,
      advice: goal.advice.map(({ id, title }) => ({ id, title })),
      outputs: goal.outputs.map((output) => ({
        ...output,
        coreIndicators: output.coreIndicators.map((core) => {
          const latest = core.values.at(-1);
          return {
            id: core.id,
            description: core.description,
            unit: core.unit,
            progress: core.progress,
            latest: latest
              ? { value: latest.value, period_kind: latest.period_kind, period_start: latest.period_start }
              : null,
            adviceCount: core.advice.length,
          };
        }),
      })),
    })),
  };
}

/** Each core indicator's management count and roll-up, for `load`. */
const summariesOf = (tx: Tx, municipalityId: string) => async (coreIds: string[]) => {
  const summaries = await loadManagementSummaries(tx, municipalityId, coreIds);
  return (coreId: string) => summaries.get(coreId)!;
};

/**
 * One core indicator of this municipality's tree as the monitoring page shows it, with what its forms
 * choose from (the linkable indicators, the municipality's data sources, the shared measures) and the
 * goal and output it is under; null when the tree has no such core indicator (or the person may not read it).
 */
export async function loadCoreIndicator(
  tx: Tx,
  municipalityId: string,
  coreId: string,
  locale: Locale,
  today = new Date(),
) {
  const monitoring = await load(
    tx,
    municipalityId,
    locale,
    { today, coreId, detail: true },
    { valuesOf: (coreIds) => listValues(tx, municipalityId, coreIds), managementOf: summariesOf(tx, municipalityId) },
  );
  const goal = monitoring.goals[0];
  const output = goal?.outputs[0];
  const core = output?.coreIndicators[0];
  if (!goal || !output || !core) return null;
  const { indicators, months, sources, benchmarkMeasures } = monitoring;
  return { goal: goal.title, output: output.title, core, indicators, months, sources, benchmarkMeasures };
}

/**
 * The goal tree with everything about its core indicators (all of them, or only `coreId` with its
 * output and goal), each with the figures `valuesOf` reads and what `managementOf` gives for it.
 * Without `detail` the linked indicators, comparisons, experience data, data sources and shared measures
 * are left out (empty): the overview shows none.
 */
async function load<M extends object, V extends SeriesRow>(
  tx: Tx,
  municipalityId: string,
  locale: Locale,
  { today, until, coreId, detail }: { today: Date; until?: string; coreId?: string; detail: boolean },
  {
    valuesOf,
    managementOf,
  }: {
    valuesOf: (coreIds: string[]) => Promise<V[]>;
    managementOf: (coreIds: string[]) => Promise<(coreId: string) => M>;
  },
) {
  const fullTree = await getGoalTree(tx, municipalityId);
  const tree = coreId
    ? fullTree
        .map((goal) => ({
          ...goal,
          outputs: goal.outputs
            .map((output) => ({ ...output, coreIndicators: output.coreIndicators.filter((c) => c.id === coreId) }))
            .filter((output) => output.coreIndicators.length > 0),
        }))
        .filter((goal) => goal.outputs.length > 0)
    : fullTree;
  const coreIds = tree.flatMap((g) => g.outputs.flatMap((o) => o.coreIndicators.map((c) => c.id)));
  const [links, values, advice, indicators, measures, targets, sources, benchmarkMeasures, management] =
    await Promise.all([
      coreIds.length && detail
        ? tx
            .selectFrom('core_indicator_indicators as l')
            .innerJoin('indicators as i', 'i.code', 'l.indicator_code')
            .select(['l.core_indicator_id', 'l.indicator_code'])
            .where('l.core_indicator_id', 'in', coreIds)
            .orderBy('i.position')
            .execute()
        : [],
      valuesOf(coreIds).then((rows) =>
        until ? rows.filter((v) => periodEnd(v.period_kind, v.period_start) <= until) : rows,
      ),
      listConcerningAdvice(tx, municipalityId, coreIds),
      detail ? listIndicatorOptions(tx, locale) : ([] as Awaited<ReturnType<typeof listIndicatorOptions>>),
      listMeasures(tx, municipalityId, coreIds),
      listTargets(tx, municipalityId, coreIds),
      detail ? listDataSources(tx, municipalityId) : ([] as Awaited<ReturnType<typeof listDataSources>>),
      detail ? listBenchmarkMeasures(tx) : ([] as Awaited<ReturnType<typeof listBenchmarkMeasures>>),
      managementOf(coreIds),
    ]);
  const comparisons = detail
    ? await compareWithPeers(
        tx,
        municipalityId,
        [...new Set(measures.flatMap((m) => m.benchmark_measure_id ?? []))],
        until,
      )
    : null;
  // No codes, no experience data asked for (both queries answer nothing for none).
  const linkedCodes = detail ? [...new Set(links.map((l) => l.indicator_code))] : [];
  // The same twelve-month window as the patterns page, as each month's first day.
  const lastDay = until ? new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000) : today;
  const months = lastMonths(lastDay).map((month) => `${month}-01`);
  const [scores, signals] = await Promise.all([
    questionnaireScoresFor(tx, municipalityId, linkedCodes).then((rows) =>
      until ? rows.filter((s) => s.opens_on < until) : rows,
    ),
    signalCountsFor(tx, municipalityId, linkedCodes, months[0]!),
  ]);
  const indicatorName = new Map(indicators.map((i) => [i.code, i.name]));
  const goals = tree.map((goal) => ({
    id: goal.id,
    title: goal.title,
    outputs: goal.outputs.map((output) => ({
      id: output.id,
      title: output.title,
      description: output.description,
      coreIndicators: output.coreIndicators.map((core) => {
        const codes = links.filter((l) => l.core_indicator_id === core.id).map((l) => l.indicator_code);
        const coreValues = values.filter((v) => v.core_indicator_id === core.id);
        const measure = measures.find((m) => m.core_indicator_id === core.id) ?? null;
        const coreTargets = targets.filter((t) => t.core_indicator_id === core.id);
        return {
          id: core.id,
          description: core.description,
          dataSource: core.source ?? '',
          sourceId: core.source_id,
          sourceKind: core.source_kind,
          direction: measure?.direction ?? null,
          unit: measure?.unit ?? '',
          benchmarkMeasure: benchmarkMeasures.find((b) => b.id === measure?.benchmark_measure_id) ?? null,
          comparison: measure?.benchmark_measure_id ? (comparisons?.get(measure.benchmark_measure_id) ?? null) : null,
          targets: coreTargets,
          progress: judgeProgress(
            measure?.direction ?? null,
            coreValues.map((v) => ({ start: v.period_start, value: v.value })),
            coreTargets.map((t) => ({ dueYear: t.due_year, value: t.value })),
          ),
          ...management(core.id),
          indicators: codes.map((code) => ({ code, name: indicatorName.get(code) ?? code })),
          values: coreValues,
          scores: scores
            .filter((s) => codes.includes(s.indicator_code))
            .map((s) => ({ ...s, title: localise(s, 'title', locale) })),
          signals: codes.map((code) => ({
            code,
            name: indicatorName.get(code) ?? code,
            // A month not returned had no signals at all; null is 1–4 ("<5").
            counts: months.map((month) => {
              const row = signals.find((s) => s.indicator_code === code && s.month === month);
              return row ? row.signals : 0;
            }),
          })),
          advice: advice.filter((a) => a.core_indicator_id === core.id),
        };
      }),
    })),
  }));
  return {
    indicators,
    months,
    sources,
    benchmarkMeasures,
    goals: goals.map((goal) => {
      const cores = goal.outputs.flatMap((o) => o.coreIndicators);
      return {
        ...goal,
        progress: countProgress(cores.map((c) => c.progress.status)),
        // The advice linked to any of the goal's core indicators, once each.
        advice: [...new Map(cores.flatMap((c) => c.advice).map((a) => [a.id, a])).values()],
      };
    }),
  };
}
export type MonitoredCore = Monitoring['goals'][number]['outputs'][number]['coreIndicators'][number];
/** What the parts showing a core indicator's own figures read: all but its management indicators. */
export type MonitoredCoreFigures = Omit<MonitoredCore, 'management' | 'managementProgress'>;

/**
 * The direction, unit and shared measure of these core indicators of the municipality, and below their
 * targets in year order: like the figures, one check of the person's right per call rather than the read
 * policy's per row (migration 20261210720000).
 */
async function listMeasures(tx: Tx, municipalityId: string, coreIds: string[]) {
  if (coreIds.length === 0) return [];
  const { rows } = await sql<{
    core_indicator_id: string;
    direction: Direction;
    unit: string;
    benchmark_measure_id: string | null;
  }>`
    select core_indicator_id, direction, unit, benchmark_measure_id
    from private.core_indicator_measures_of(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  return rows;
}

async function listTargets(tx: Tx, municipalityId: string, coreIds: string[]) {
  if (coreIds.length === 0) return [];
  const { rows } = await sql<{ id: string; core_indicator_id: string; due_year: number; value: number }>`
    select id, core_indicator_id, due_year, value
    from private.core_indicator_targets_of(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  return rows;
}

/**
 * The figures of these core indicators of the municipality, in period order: one check of the person's
 * right per call rather than the read policy's per figure (migration 20261210710000).
 */
export async function listValues(tx: Tx, municipalityId: string, coreIds: string[]): Promise<ValueRow[]> {
  if (coreIds.length === 0) return [];
  const { rows } = await sql<ValueRow>`
    select * from private.core_indicator_values_of(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  return rows;
}

/**
 * The same figures with only what progress is judged on: the overview's 350 figures with their notes,
 * sources, file names and dates took PGlite three times as long to hand over (16 against 6 ms).
 */
async function listSeries(tx: Tx, municipalityId: string, coreIds: string[]): Promise<SeriesRow[]> {
  if (coreIds.length === 0) return [];
  const { rows } = await sql<SeriesRow>`
    select core_indicator_id, period_kind, period_start, value
    from private.core_indicator_values_of(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  return rows;
}

export async function questionnaireScoresFor(tx: Tx, municipalityId: string, codes: string[]) {
  if (codes.length === 0) return [];
  const { rows } = await sql<QuestionnaireScoreRow>`
    select questionnaire_id, title_nl, title_en, title_ar, wave_id, wave_name, opens_on::text as opens_on,
      group_id, group_key, group_name, indicator_code, respondents, mean_score::float8 as mean_score, hidden
    from private.monitoring_questionnaire_scores(${municipalityId}, ${codes}::text[])
    order by opens_on, wave_name, indicator_code`.execute(tx);
  return rows;
}

export async function signalCountsFor(tx: Tx, municipalityId: string, codes: string[], from: string) {
  if (codes.length === 0) return [];
  const { rows } = await sql<SignalCountRow>`
    select indicator_code, month::text as month, signals
    from private.monitoring_signal_counts(${municipalityId}, ${codes}::text[], ${from}::date)`.execute(tx);
  return rows;
}

/**
 * Advice linked to the core indicators that the person may read, with this municipality's latest response:
 * `private.core_indicator_advice_of` asks the advices read rule once per advice, where the three tables'
 * read policies asked it three times (migration 20261210730000).
 */
async function listConcerningAdvice(tx: Tx, municipalityId: string, coreIds: string[]): Promise<ConcerningAdvice[]> {
  if (coreIds.length === 0) return [];
  const { rows } = await sql<ConcerningAdvice>`
    select core_indicator_id, id, title, status, (published_at at time zone 'Europe/Amsterdam')::date::text as published_at,
      latest_decision, (latest_response_at at time zone 'Europe/Amsterdam')::date::text as latest_response_at
    from private.core_indicator_advice_of(${municipalityId}, ${coreIds}::uuid[]) f
    order by f.published_at desc nulls last, f.title`.execute(tx);
  return rows;
}

/** The municipality's core indicators, for matching the rows of an import. */
export async function listCoreIndicators(tx: Tx, municipalityId: string) {
  return tx
    .selectFrom('core_indicators as c')
    .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
    .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
    .select(['c.id', 'c.description'])
    .where('g.municipality_id', '=', municipalityId)
    .orderBy('g.position')
    .orderBy('o.position')
    .orderBy('c.position')
    .execute();
}

/** True when the core indicator belongs to this municipality's tree (forms carry both ids). */
export async function coreIndicatorBelongsTo(tx: Tx, coreId: string, municipalityId: string) {
  const { rows } = await sql<{ ok: boolean }>`
    select private.core_indicator_municipality(${coreId}) = ${municipalityId}::uuid as ok`.execute(tx);
  return rows[0]?.ok === true;
}

/**
 * Enters a value by hand. The same core indicator and period again replaces the earlier value (the
 * newest word counts), now as a manual value by this person.
 */
export async function saveValue(tx: Tx, input: ValueInput): Promise<void> {
  await sql`
    insert into public.core_indicator_values (core_indicator_id, period_kind, period_start, value, unit, note, source, entered_by)
    values (${input.coreIndicatorId}, ${input.period.kind}, ${input.period.start}::date, ${input.value}, ${input.unit},
      ${input.note}, 'manual', auth.uid())
    on conflict (core_indicator_id, period_kind, period_start) do update
      set value = excluded.value, unit = excluded.unit, note = excluded.note, source = 'manual', import_id = null,
          entered_by = auth.uid(), updated_at = now()`.execute(tx);
}

/** Sets which way is better for a core indicator, and its unit. */
export async function saveMeasure(tx: Tx, input: MeasureInput): Promise<void> {
  await tx
    .insertInto('core_indicator_measures')
    .values({
      core_indicator_id: input.coreIndicatorId,
      direction: input.direction,
      unit: input.unit,
      benchmark_measure_id: input.benchmarkMeasureId,
    })
    .onConflict((oc) =>
      oc.column('core_indicator_id').doUpdateSet({
        direction: input.direction,
        unit: input.unit,
        benchmark_measure_id: input.benchmarkMeasureId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** Sets the target for a year; the same year again replaces it, now as this person's. */
export async function saveTarget(tx: Tx, input: TargetInput): Promise<void> {
  await sql`
    insert into public.core_indicator_targets (core_indicator_id, due_year, value, set_by)
    values (${input.coreIndicatorId}, ${input.dueYear}, ${input.value}, auth.uid())
    on conflict (core_indicator_id, due_year) do update
      set value = excluded.value, set_by = auth.uid(), updated_at = now()`.execute(tx);
}

/** Removes a target of this core indicator of this municipality; false when there was nothing the person may remove. */
export async function removeTarget(tx: Tx, targetId: string, municipalityId: string, coreId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('core_indicator_targets')
    .where('id', '=', targetId)
    .where('core_indicator_id', '=', coreId)
    .where(sql<boolean>`private.core_indicator_municipality(core_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes a value of this core indicator of this municipality; false when there was nothing the person may remove. */
export async function removeValue(tx: Tx, valueId: string, municipalityId: string, coreId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('core_indicator_values')
    .where('id', '=', valueId)
    .where('core_indicator_id', '=', coreId)
    .where(sql<boolean>`private.core_indicator_municipality(core_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sets exactly these indicators as the ones a core indicator follows. */
export async function setLinkedIndicators(tx: Tx, coreId: string, codes: string[]): Promise<void> {
  let removal = tx.deleteFrom('core_indicator_indicators').where('core_indicator_id', '=', coreId);
  if (codes.length > 0) removal = removal.where('indicator_code', 'not in', codes);
  await removal.execute();
  if (codes.length > 0) {
    await tx
      .insertInto('core_indicator_indicators')
      .values(codes.map((code) => ({ core_indicator_id: coreId, indicator_code: code })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export interface ImportResult {
  importId: string;
  inserted: number;
  updated: number;
}

/**
 * Stores every checked row of an import, or (when the database refuses any of it) none: the caller runs
 * this inside its one transaction. A period already present is replaced, recording this import. Rows
 * naming a management indicator are its figures (its total, or a value of one of its dimensions); the
 * others the core indicator's.
 */
async function importValues(
  tx: Tx,
  municipalityId: string,
  fileName: string,
  rows: ImportRow[],
): Promise<ImportResult> {
  const figures = rows.filter((r) => r.kind === 'figure');
  const targets = rows.filter((r) => r.kind === 'target');
  const coreRows = figures.filter((r) => r.managementId === null);
  const managementRows = figures.filter((r) => r.managementId !== null);
  const coreTargets = targets.filter((r) => r.managementId === null);
  const managementTargets = targets.filter((r) => r.managementId !== null);
  const ids = (list: ImportRow[], key: 'subjectId' | 'managementId') => [...new Set(list.map((r) => r[key]!))];
  const { rows: existing } = await sql<{ key: string }>`
    select 'figure|' || v.core_indicator_id || '||' || v.period_kind || '|' || v.period_start::text as key
    from public.core_indicator_values v
    where v.core_indicator_id = any (${ids(coreRows, 'subjectId')}::uuid[])
    union all
    select 'figure|' || v.management_indicator_id || '|' || coalesce(v.breakdown_id::text, '') || '|' || v.breakdown_value
      || '|' || v.period_kind || '|' || v.period_start::text
    from public.management_indicator_values v
    where v.management_indicator_id = any (${ids(managementRows, 'managementId')}::uuid[])
    union all
    select 'target|' || t.core_indicator_id || '||' || t.due_year
    from public.core_indicator_targets t
    where t.core_indicator_id = any (${ids(coreTargets, 'subjectId')}::uuid[])
    union all
    select 'target|' || t.management_indicator_id || '||' || t.due_year
    from public.management_indicator_targets t
    where t.management_indicator_id = any (${ids(managementTargets, 'managementId')}::uuid[])`.execute(tx);
  const present = new Set(existing.map((e) => e.key));
  const updated = rows.filter((r) =>
    present.has(
      r.kind === 'target'
        ? `target|${r.managementId ?? r.subjectId}||${dueYearOf(r)}`
        : r.managementId === null
          ? `figure|${r.subjectId}||${r.period.kind}|${r.period.start}`
          : `figure|${r.managementId}|${r.dimensionId ?? ''}|${r.breakdown}|${r.period.kind}|${r.period.start}`,
    ),
  ).length;
  const record = await tx
    .insertInto('indicator_value_imports')
    .values({
      municipality_id: municipalityId,
      file_name: fileName.slice(0, 255) || 'import.csv',
      row_count: rows.length,
      inserted_count: rows.length - updated,
      updated_count: updated,
      imported_by: sql<string>`auth.uid()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < coreRows.length; i += 500) {
    const chunk = coreRows.slice(i, i + 500);
    await tx
      .insertInto('core_indicator_values')
      .values(
        chunk.map((r) => ({
          core_indicator_id: r.subjectId,
          period_kind: r.period.kind,
          period_start: r.period.start,
          value: r.value,
          unit: r.unit,
          note: r.note,
          source: 'import' as const,
          import_id: record.id,
          entered_by: sql<string>`auth.uid()`,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['core_indicator_id', 'period_kind', 'period_start']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          unit: eb.ref('excluded.unit'),
          note: eb.ref('excluded.note'),
          source: 'import',
          import_id: eb.ref('excluded.import_id'),
          entered_by: eb.ref('excluded.entered_by'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
  for (let i = 0; i < managementRows.length; i += 500) {
    const chunk = managementRows.slice(i, i + 500);
    await tx
      .insertInto('management_indicator_values')
      .values(
        chunk.map((r) => ({
          management_indicator_id: r.managementId!,
          breakdown_id: r.dimensionId,
          breakdown_value: r.breakdown,
          period_kind: r.period.kind,
          period_start: r.period.start,
          value: r.value,
          note: r.note,
          source: 'import' as const,
          import_id: record.id,
          entered_by: sql<string>`auth.uid()`,
        })),
      )
      .onConflict((oc) =>
        oc.constraint('management_indicator_values_figure_key').doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          note: eb.ref('excluded.note'),
          source: 'import',
          import_id: eb.ref('excluded.import_id'),
          entered_by: eb.ref('excluded.entered_by'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
  // Targets as the target forms set them: the same year again replaces it, now as this person's.
  for (const r of coreTargets)
    await saveTarget(tx, { coreIndicatorId: r.subjectId, dueYear: dueYearOf(r), value: r.value });
  for (const r of managementTargets) {
    await saveManagementTarget(tx, { managementIndicatorId: r.managementId!, dueYear: dueYearOf(r), value: r.value });
  }
  return { importId: record.id, inserted: rows.length - updated, updated };
}

/** A target row's year: the check let only years through. */
const dueYearOf = (row: ImportRow) => Number(row.period.start.slice(0, 4));

export async function listImports(tx: Tx, municipalityId: string) {
  const { rows } = await sql<{
    id: string;
    file_name: string;
    row_count: number;
    inserted_count: number;
    updated_count: number;
    created_at: string;
  }>`
    select id, file_name, row_count, inserted_count, updated_count, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from public.indicator_value_imports where municipality_id = ${municipalityId}
    order by created_at desc limit 10`.execute(tx);
  return rows;
}

/**
 * A CSV import, all or nothing: every row is checked against the municipality's core indicators first;
 * with any bad row nothing is stored and each bad row comes back with its line. Otherwise every row is
 * stored in the caller's one transaction, so a refusal by the database undoes all of them too.
 */
export async function importCsv(
  tx: Tx,
  municipalityId: string,
  fileName: string,
  text: string,
): Promise<{ ok: true; result: ImportResult } | { ok: false; problems: ImportProblem[] }> {
  const [cores, management] = await Promise.all([
    listCoreIndicators(tx, municipalityId),
    listManagementForImport(tx, municipalityId),
  ]);
  const check = checkImport(text, coreIndicatorRows(cores, management));
  if (!check.ok) return check;
  return { ok: true, result: await importValues(tx, municipalityId, fileName, check.rows) };
}
