import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { Direction, PeriodKind, SourceKind, ValueSource } from '~/db/types';
import { MAX_DIMENSIONS } from './limits';
import { periodEnd } from './periods';
import { countProgress, judgeProgress, type ProgressStatus } from './progress';
import { coreIndicatorBelongsTo } from './queries.server';
import type {
  ManagementDimensionInput,
  ManagementInput,
  ManagementTargetInput,
  ManagementValueInput,
} from './schema.server';

/**
 * Management indicators (indicatoren managementinformatie) under a municipality's core indicators:
 * each with its source from the municipality's list, unit, direction, up to 5 breakdown dimensions
 * (each with up to 20 values), targets and figures per period: the total, or the figure of one value
 * of one dimension (marginal breakdowns, never a cross-tab). Run inside `withUser`; RLS decides.
 */

/** A row of `private.management_of`: one management indicator with its dimensions, targets and figures. */
interface ManagementRow {
  id: string;
  core_indicator_id: string;
  name: string;
  source_id: string | null;
  source: string | null;
  source_kind: SourceKind | null;
  unit: string;
  direction: Direction;
  dimensions: { id: string; name: string; categories: string[] }[];
  targets: { id: string; due_year: number; value: number }[];
  figures: ManagementValueRow[];
}

interface ManagementValueRow {
  id: string;
  period_kind: PeriodKind;
  period_start: string;
  /** The dimension the figure is of; null for the total. */
  breakdown_id: string | null;
  breakdown_value: string;
  value: number;
  note: string;
  source: ValueSource;
  file_name: string | null;
}

/** A core indicator of this municipality (its id and description), or null: unknown, another's, or not readable. */
export async function findCoreIndicator(tx: Tx, coreId: string, municipalityId: string) {
  if (!(await coreIndicatorBelongsTo(tx, coreId, municipalityId))) return null;
  return (
    (await tx
      .selectFrom('core_indicators')
      .select(['id', 'description'])
      .where('id', '=', coreId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * The management indicators of these core indicators of this municipality with their targets, figures
 * and progress; with `until` (a report's end, exclusive) only the figures of periods ended by then, and
 * progress on those. One statement, `private.management_of`, which asks once whether the person reads the
 * municipality's monitoring where the tables' read policies asked it of every row (migration 20261210740000).
 */
export async function loadManagement(tx: Tx, municipalityId: string, coreIds: string[], until?: string) {
  if (coreIds.length === 0) return [];
  const { rows: indicators } = await sql<ManagementRow>`
    select id, core_indicator_id, name, source_id, source, source_kind, unit, direction, dimensions, targets, figures
    from private.management_of(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  return indicators.map((m) => {
    const own = m.figures.filter((v) => !until || periodEnd(v.period_kind, v.period_start) <= until);
    const ownDimensions = m.dimensions.map((d) => ({
      id: d.id,
      name: d.name,
      values: d.categories,
      // Values that have figures but were since taken off the list still show.
      columns: [
        ...new Set([...d.categories, ...own.filter((v) => v.breakdown_id === d.id).map((v) => v.breakdown_value)]),
      ],
      hasFigures: m.figures.some((v) => v.breakdown_id === d.id),
    }));
    return {
      id: m.id,
      coreIndicatorId: m.core_indicator_id,
      name: m.name,
      sourceId: m.source_id,
      source: m.source ?? '',
      sourceKind: m.source_kind,
      unit: m.unit,
      direction: m.direction,
      dimensions: ownDimensions,
      targets: m.targets,
      values: own,
      // Progress is the total's: a breakdown value has no target of its own.
      progress: judgeProgress(
        m.direction,
        own.filter((v) => v.breakdown_id === null).map((v) => ({ start: v.period_start, value: v.value })),
        m.targets.map((t) => ({ dueYear: t.due_year, value: t.value })),
      ),
    };
  });
}
export type ManagementIndicator = Awaited<ReturnType<typeof loadManagement>>[number];

/** How a core indicator's management indicators are doing, counted per status. */
export const rollUp = (management: ManagementIndicator[]) => countProgress(management.map((m) => m.progress.status));

/** What the monitoring page shows of a core indicator's management indicators: how many, and their roll-up. */
export interface ManagementSummary {
  managementCount: number;
  managementProgress: Record<ProgressStatus, number>;
}

/**
 * Per core indicator of this municipality, how many management indicators it has and how they are doing
 * (`rollUp`), judged as `loadManagement` judges them (on the totals, against the targets) but without
 * reading their figures through row level security one by one: `private.management_progress_inputs` asks
 * once whether the person reads the municipality's monitoring and returns only what progress is judged
 * on. A core indicator without any has a count of 0.
 */
export async function loadManagementSummaries(
  tx: Tx,
  municipalityId: string,
  coreIds: string[],
): Promise<Map<string, ManagementSummary>> {
  const summaries = new Map<string, ManagementSummary>(
    coreIds.map((id) => [id, { managementCount: 0, managementProgress: countProgress([]) }]),
  );
  if (coreIds.length === 0) return summaries;
  const { rows } = await sql<{
    core_indicator_id: string;
    direction: Direction;
    totals: { start: string; value: number }[];
    targets: { dueYear: number; value: number }[];
  }>`
    select core_indicator_id, direction, totals, targets
    from private.management_progress_inputs(${municipalityId}, ${coreIds}::uuid[])`.execute(tx);
  const statuses = new Map<string, ProgressStatus[]>();
  for (const m of rows) {
    const status = judgeProgress(m.direction, m.totals, m.targets).status;
    statuses.set(m.core_indicator_id, [...(statuses.get(m.core_indicator_id) ?? []), status]);
  }
  for (const [coreId, list] of statuses) {
    summaries.set(coreId, { managementCount: list.length, managementProgress: countProgress(list) });
  }
  return summaries;
}

/**
 * A management indicator of this municipality's tree that the person may read, with its dimensions
 * and their values (forms carry the ids); null for any other id.
 */
export async function findManagement(tx: Tx, managementId: string, municipalityId: string) {
  const { rows } = await sql<{ id: string }>`
    select m.id from public.management_indicators m
    where m.id = ${managementId}
      and private.core_indicator_municipality(m.core_indicator_id) = ${municipalityId}::uuid`.execute(tx);
  if (!rows[0]) return null;
  const { rows: dimensions } = await sql<{ id: string; name: string; values: string[] }>`
    select b.id, b.name, b.categories as values from public.management_breakdowns b
    where b.management_indicator_id = ${managementId}
    order by b.position, b.created_at`.execute(tx);
  return { id: rows[0].id, dimensions };
}

/** Adds a management indicator under a core indicator; false when one of that name is already under it. */
export async function addManagement(tx: Tx, input: ManagementInput): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    insert into public.management_indicators (core_indicator_id, name, source_id, unit, direction, position)
    values (${input.coreIndicatorId}, ${input.name}, ${input.sourceId}, ${input.unit}, ${input.direction},
      (select count(*) from public.management_indicators where core_indicator_id = ${input.coreIndicatorId}))
    on conflict (core_indicator_id, name) do nothing
    returning id`.execute(tx);
  const id = rows[0]?.id;
  if (!id) return false;
  if (input.breakdown) {
    await addDimension(tx, { managementIndicatorId: id, name: input.breakdown, values: input.breakdownValues });
  }
  return true;
}

/**
 * Adds a breakdown dimension to a management indicator: 'added', 'duplicate' when it has one of that
 * name (whatever the case), 'full' when it has `MAX_DIMENSIONS` already (the database refuses a sixth).
 */
export async function addDimension(tx: Tx, input: ManagementDimensionInput): Promise<'added' | 'duplicate' | 'full'> {
  const { rows: existing } = await sql<{ name: string }>`
    select name from public.management_breakdowns where management_indicator_id = ${input.managementIndicatorId}`.execute(
    tx,
  );
  if (existing.some((d) => d.name.toLowerCase() === input.name.toLowerCase())) return 'duplicate';
  if (existing.length >= MAX_DIMENSIONS) return 'full';
  const { rows } = await sql`
    insert into public.management_breakdowns (management_indicator_id, name, categories, position)
    values (${input.managementIndicatorId}, ${input.name}, ${input.values}::text[], ${existing.length})
    on conflict do nothing
    returning id`.execute(tx);
  return rows.length > 0 ? 'added' : 'duplicate';
}

/** Removes a dimension without figures of this municipality's indicator; false when there was nothing to remove. */
export async function removeDimension(tx: Tx, dimensionId: string, municipalityId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('management_breakdowns')
    .where('id', '=', dimensionId)
    .where(sql<boolean>`private.management_indicator_municipality(management_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes a management indicator without figures; false when there was nothing the person may remove. */
export async function removeManagement(tx: Tx, managementId: string, municipalityId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('management_indicators')
    .where('id', '=', managementId)
    .where(sql<boolean>`private.core_indicator_municipality(core_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sets the target for a year; the same year again replaces it, now as this person's. */
export async function saveManagementTarget(tx: Tx, input: ManagementTargetInput): Promise<void> {
  await sql`
    insert into public.management_indicator_targets (management_indicator_id, due_year, value, set_by)
    values (${input.managementIndicatorId}, ${input.dueYear}, ${input.value}, auth.uid())
    on conflict (management_indicator_id, due_year) do update
      set value = excluded.value, set_by = auth.uid(), updated_at = now()`.execute(tx);
}

/** Removes a target of this municipality's management indicator; false when there was nothing the person may remove. */
export async function removeManagementTarget(tx: Tx, targetId: string, municipalityId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('management_indicator_targets')
    .where('id', '=', targetId)
    .where(sql<boolean>`private.management_indicator_municipality(management_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Enters a figure by hand; the same period, dimension and value again replaces it. */
export async function saveManagementValue(tx: Tx, input: ManagementValueInput): Promise<void> {
  await sql`
    insert into public.management_indicator_values
      (management_indicator_id, period_kind, period_start, breakdown_id, breakdown_value, value, note, source, entered_by)
    values (${input.managementIndicatorId}, ${input.period.kind}, ${input.period.start}::date,
      ${input.breakdown.dimensionId}::uuid, ${input.breakdown.value}, ${input.value}, ${input.note}, 'manual', auth.uid())
    on conflict on constraint management_indicator_values_figure_key do update
      set value = excluded.value, note = excluded.note, source = 'manual', import_id = null,
          entered_by = auth.uid(), updated_at = now()`.execute(tx);
}

/** Removes a figure; false when there was nothing the person may remove. */
export async function removeManagementValue(tx: Tx, valueId: string, municipalityId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('management_indicator_values')
    .where('id', '=', valueId)
    .where(sql<boolean>`private.management_indicator_municipality(management_indicator_id) = ${municipalityId}::uuid`)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The municipality's management indicators with their dimensions, for matching the rows of an import. */
export async function listManagementForImport(tx: Tx, municipalityId: string) {
  const { rows } = await sql<{
    id: string;
    parentId: string;
    name: string;
    dimensions: { id: string; name: string; values: string[] }[];
  }>`
    select m.id, m.core_indicator_id as "parentId", m.name,
      coalesce((
        select json_agg(json_build_object('id', b.id, 'name', b.name, 'values', b.categories)
          order by b.position, b.created_at)
        from public.management_breakdowns b where b.management_indicator_id = m.id
      ), '[]'::json) as dimensions
    from public.management_indicators m
    where private.core_indicator_municipality(m.core_indicator_id) = ${municipalityId}::uuid`.execute(tx);
  return rows;
}
