-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-4.md): the monitoring page shows per core
-- indicator only how its management indicators are doing (a count per progress status, and a link to
-- their own page). Read through row level security, every figure asked
-- reads_municipality_monitoring(management_indicator_municipality(…)) on its own, ~0.15 ms a row: for
-- Alkmaar's 612 totals at 350 municipalities × 60 core indicators ~95 ms of CPU, for a page that shows
-- three numbers per core indicator.
--
-- private.management_progress_inputs gives what that status is judged on (judgeProgress in
-- app/monitoring/progress.ts, unchanged): each management indicator's direction, its totals in period
-- order and its targets, for core indicators of one municipality. It asks once whether the person reads
-- that municipality's monitoring, which is what the read policies on management_indicators,
-- management_indicator_targets and management_indicator_values ask of each of these rows (their
-- municipality is this one: the joins below keep only those). Anyone else gets no rows, not even that
-- there are indicators. The policies themselves are unchanged; the management page and the report still
-- read through them.

create function private.management_progress_inputs(municipality uuid, cores uuid[])
returns table (core_indicator_id uuid, management_indicator_id uuid, direction text, totals json, targets json)
language sql stable security definer set search_path = ''
as $$
  select m.core_indicator_id, m.id, m.direction,
    coalesce((
      select json_agg(json_build_object('start', v.period_start, 'value', v.value::float8)
        order by v.period_start, v.period_kind)
      from public.management_indicator_values v
      where v.management_indicator_id = m.id and v.breakdown_id is null
    ), '[]'::json),
    coalesce((
      select json_agg(json_build_object('dueYear', t.due_year, 'value', t.value::float8) order by t.due_year)
      from public.management_indicator_targets t
      where t.management_indicator_id = m.id
    ), '[]'::json)
  from public.management_indicators m
  join public.core_indicators c on c.id = m.core_indicator_id
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  where g.municipality_id = municipality
    and m.core_indicator_id = any (cores)
    -- Once per call (an InitPlan), not once per row.
    and (select private.reads_municipality_monitoring(municipality))
  order by m.position, m.created_at, m.name
$$;
revoke all on function private.management_progress_inputs(uuid, uuid[]) from public, anon;
grant execute on function private.management_progress_inputs(uuid, uuid[]) to authenticated, service_role;
