-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-6.md): what was left of the monitoring
-- overview's loader after the figures were read once per call (20261210710000) was mostly row level
-- security asked row by row.
--
-- * private.monitored_municipalities: the municipalities whose monitoring the person reads. The overview
--   asked reads_municipality_monitoring(m.id) of each of the 350 municipalities (~20 ms of CPU) only to
--   know whether there is another one to switch to; the index page listed them the same way. Only an
--   admin reads every municipality's monitoring; anyone else reads only those where they are a reader
--   (municipality_readers) or coordinate a pool serving it (pool_municipalities), which is what the
--   function's other branches ask first. reads_municipality_monitoring still decides for each of those
--   few candidates, so its answer is the function's (tests/db/monitoring-reads-once.test.ts holds the
--   two side by side for every role).
-- * private.core_indicator_targets_of and private.core_indicator_measures_of: the targets and the
--   direction, unit and shared measure of core indicators of one municipality, as
--   core_indicator_values_of gives their figures. They ask once whether the person reads that
--   municipality's monitoring, which is what the read policies on core_indicator_targets and
--   core_indicator_measures ask of each row (their municipality is this one: the joins keep only
--   those). Anyone else gets no rows. The policies are unchanged; forms and writes go through them.

create function private.monitored_municipalities()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  -- Once per call (an InitPlan), not once per municipality.
  select m.id from public.municipalities m where (select private.is_admin())
  union
  select candidate.id
  from (
    select r.municipality_id as id from public.municipality_readers r where r.user_id = auth.uid()
    union
    select pm.municipality_id
    from public.pool_municipalities pm
    join public.pool_memberships m on m.pool_id = pm.pool_id and m.user_id = auth.uid() and m.role = 'coordinator'
  ) candidate
  where private.reads_municipality_monitoring(candidate.id)
$$;
revoke all on function private.monitored_municipalities() from public, anon;
grant execute on function private.monitored_municipalities() to authenticated, service_role;

create function private.core_indicator_targets_of(municipality uuid, cores uuid[])
returns table (id uuid, core_indicator_id uuid, due_year int, value float8)
language sql stable security definer set search_path = ''
as $$
  select t.id, t.core_indicator_id, t.due_year, t.value::float8
  from public.core_indicator_targets t
  join public.core_indicators c on c.id = t.core_indicator_id
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  where g.municipality_id = municipality
    and t.core_indicator_id = any (cores)
    -- Once per call (an InitPlan), not once per row.
    and (select private.reads_municipality_monitoring(municipality))
  order by t.due_year
$$;
revoke all on function private.core_indicator_targets_of(uuid, uuid[]) from public, anon;
grant execute on function private.core_indicator_targets_of(uuid, uuid[]) to authenticated, service_role;

create function private.core_indicator_measures_of(municipality uuid, cores uuid[])
returns table (core_indicator_id uuid, direction text, unit text, benchmark_measure_id uuid)
language sql stable security definer set search_path = ''
as $$
  select me.core_indicator_id, me.direction, me.unit, me.benchmark_measure_id
  from public.core_indicator_measures me
  join public.core_indicators c on c.id = me.core_indicator_id
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  where g.municipality_id = municipality
    and me.core_indicator_id = any (cores)
    -- Once per call (an InitPlan), not once per row.
    and (select private.reads_municipality_monitoring(municipality))
$$;
revoke all on function private.core_indicator_measures_of(uuid, uuid[]) from public, anon;
grant execute on function private.core_indicator_measures_of(uuid, uuid[]) to authenticated, service_role;
