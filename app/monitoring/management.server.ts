import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { Direction, PeriodKind, SourceKind, ValueSource } from '~/db/types';
import { periodEnd } from './periods';
import { countProgress, judgeProgress } from './progress';
import { coreIndicatorBelongsTo } from './queries.server';
import type { ManagementInput, ManagementTargetInput, ManagementValueInput } from './schema.server';

/**
 * Management indicators (indicatoren managementinformatie) under a municipality's core indicators:
 * each with its source from the municipality's list, unit, direction, an optional breakdown, targets
 * and figures per period and breakdown value ('' is the total). Run inside `withUser`; RLS decides.
 */

interface ManagementRow {
  id: string;
  core_indicator_id: string;
  name: string;
  source_id: string | null;
  source: string | null;
  source_kind: SourceKind | null;
  unit: string;
  direction: Direction;
  breakdown: string;
  breakdown_values: string[];
}

export interface ManagementValueRow {
  id: string;
  management_indicator_id: string;
  period_kind: PeriodKind;
  period_start: string;
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
 * The management indicators of these core indicators with their targets, figures and progress; with
 * `until` (a report's end, exclusive) only the figures of periods ended by then, and progress on those.
 */
export async function loadManagement(tx: Tx, coreIds: string[], until?: string) {
  if (coreIds.length === 0) return [];
  const { rows: indicators } = await sql<ManagementRow>`
    select m.id, m.core_indicator_id, m.name, m.source_id, s.name as source, s.kind as source_kind, m.unit,
      m.direction, m.breakdown, m.breakdown_values
    from public.management_indicators m
    left join public.data_sources s on s.id = m.source_id
    where m.core_indicator_id = any (${coreIds}::uuid[])
    order by m.position, m.created_at, m.name`.execute(tx);
  const ids = indicators.map((m) => m.id);
  if (ids.length === 0) return [];
  const [{ rows: targets }, { rows: values }] = await Promise.all([
    sql<{ id: string; management_indicator_id: string; due_year: number; value: number }>`
      select id, management_indicator_id, due_year, value::float8 as value
      from public.management_indicator_targets
      where management_indicator_id = any (${ids}::uuid[])
      order by due_year`.execute(tx),
    sql<ManagementValueRow>`
      select v.id, v.management_indicator_id, v.period_kind, v.period_start::text as period_start, v.breakdown_value,
        v.value::float8 as value, v.note, v.source, i.file_name
      from public.management_indicator_values v
      left join public.indicator_value_imports i on i.id = v.import_id
      where v.management_indicator_id = any (${ids}::uuid[])
      order by v.period_start, v.period_kind, v.breakdown_value`.execute(tx),
  ]);
  return indicators.map((m) => {
    const own = values.filter(
      (v) => v.management_indicator_id === m.id && (!until || periodEnd(v.period_kind, v.period_start) <= until),
    );
    const ownTargets = targets.filter((t) => t.management_indicator_id === m.id);
    // Breakdown values that have figures but were since taken off the list still show.
    const columns = [...new Set([...m.breakdown_values, ...own.flatMap((v) => v.breakdown_value || [])])];
    return {
      id: m.id,
      coreIndicatorId: m.core_indicator_id,
      name: m.name,
      sourceId: m.source_id,
      source: m.source ?? '',
      sourceKind: m.source_kind,
      unit: m.unit,
      direction: m.direction,
      breakdown: m.breakdown,
      breakdownValues: m.breakdown_values,
      columns,
      targets: ownTargets,
      values: own,
      // Progress is the total's: a breakdown value has no target of its own.
      progress: judgeProgress(
        m.direction,
        own.filter((v) => v.breakdown_value === '').map((v) => ({ start: v.period_start, value: v.value })),
        ownTargets.map((t) => ({ dueYear: t.due_year, value: t.value })),
      ),
    };
  });
}
export type ManagementIndicator = Awaited<ReturnType<typeof loadManagement>>[number];

/** How a core indicator's management indicators are doing, counted per status. */
export const rollUp = (management: ManagementIndicator[]) => countProgress(management.map((m) => m.progress.status));

/**
 * A management indicator of this municipality's tree that the person may read, with its breakdown
 * values (forms carry both ids); null for any other id.
 */
export async function findManagement(tx: Tx, managementId: string, municipalityId: string) {
  const { rows } = await sql<{ breakdownValues: string[] }>`
    select m.breakdown_values as "breakdownValues" from public.management_indicators m
    where m.id = ${managementId}
      and private.core_indicator_municipality(m.core_indicator_id) = ${municipalityId}::uuid`.execute(tx);
  return rows[0] ?? null;
}

/** Adds a management indicator under a core indicator; false when one of that name is already under it. */
export async function addManagement(tx: Tx, input: ManagementInput): Promise<boolean> {
  const { rows } = await sql`
    insert into public.management_indicators
      (core_indicator_id, name, source_id, unit, direction, breakdown, breakdown_values, position)
    values (${input.coreIndicatorId}, ${input.name}, ${input.sourceId}, ${input.unit}, ${input.direction},
      ${input.breakdown}, ${input.breakdownValues}::text[],
      (select count(*) from public.management_indicators where core_indicator_id = ${input.coreIndicatorId}))
    on conflict (core_indicator_id, name) do nothing
    returning id`.execute(tx);
  return rows.length > 0;
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

/** Enters a figure by hand; the same period and breakdown value again replaces it. */
export async function saveManagementValue(tx: Tx, input: ManagementValueInput): Promise<void> {
  await sql`
    insert into public.management_indicator_values
      (management_indicator_id, period_kind, period_start, breakdown_value, value, note, source, entered_by)
    values (${input.managementIndicatorId}, ${input.period.kind}, ${input.period.start}::date, ${input.breakdownValue},
      ${input.value}, ${input.note}, 'manual', auth.uid())
    on conflict (management_indicator_id, period_kind, period_start, breakdown_value) do update
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

/** The municipality's management indicators, for matching the rows of an import. */
export async function listManagementForImport(tx: Tx, municipalityId: string) {
  const { rows } = await sql<{ id: string; parentId: string; name: string; breakdownValues: string[] }>`
    select m.id, m.core_indicator_id as "parentId", m.name, m.breakdown_values as "breakdownValues"
    from public.management_indicators m
    where private.core_indicator_municipality(m.core_indicator_id) = ${municipalityId}::uuid`.execute(tx);
  return rows;
}
