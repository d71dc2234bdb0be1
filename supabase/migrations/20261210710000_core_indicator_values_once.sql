-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-5.md): with the monitoring overview a
-- scorecard, reading its core indicators' figures was the largest part of its loader. Read through row
-- level security, every figure asks reads_municipality_monitoring(core_indicator_municipality(…)) on its
-- own: for Alkmaar's 343 figures at 350 municipalities × 60 core indicators ~30 ms of CPU per view, of
-- the overview's ~70.
--
-- private.core_indicator_values_of gives the figures of core indicators of one municipality, as
-- listValues in app/monitoring/queries.server.ts reads them (with the import's file name). It asks once
-- whether the person reads that municipality's monitoring, which is what the read policies on
-- core_indicator_values and indicator_value_imports ask of each of these rows (their municipality is
-- this one: the joins below keep only those). Anyone else gets no rows. The policies are unchanged.

create function private.core_indicator_values_of(municipality uuid, cores uuid[])
returns table (
  id uuid, core_indicator_id uuid, period_kind text, period_start text, value float8, unit text, note text,
  source text, file_name text, updated_at text
)
language sql stable security definer set search_path = ''
as $$
  select v.id, v.core_indicator_id, v.period_kind, v.period_start::text, v.value::float8, v.unit, v.note,
    v.source, i.file_name, (v.updated_at at time zone 'Europe/Amsterdam')::date::text
  from public.core_indicator_values v
  join public.core_indicators c on c.id = v.core_indicator_id
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  left join public.indicator_value_imports i on i.id = v.import_id and i.municipality_id = municipality
  where g.municipality_id = municipality
    and v.core_indicator_id = any (cores)
    -- Once per call (an InitPlan), not once per row.
    and (select private.reads_municipality_monitoring(municipality))
  order by v.period_start, v.period_kind
$$;
revoke all on function private.core_indicator_values_of(uuid, uuid[]) from public, anon;
grant execute on function private.core_indicator_values_of(uuid, uuid[]) to authenticated, service_role;
