-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-7.md): the management indicators page, and
-- the report for all of a municipality's core indicators, read management indicators, their dimensions,
-- targets and figures through row level security. Each of those four read policies asks
-- reads_municipality_monitoring(the indicator's municipality) of every row, ~0.2 ms a row in the embedded
-- database: 35 figures of one core indicator cost ~7 ms; the report's loader took 322–339 ms in process
-- at 350 municipalities (162–166 ms with this function).
--
-- private.management_of gives the same rows in one statement, one row per management indicator with its
-- dimensions, targets and figures as JSON, asking once whether the person reads that municipality's
-- monitoring: the question all four policies ask, of this municipality, since the joins keep only its
-- core indicators. Anyone else gets no rows. The file name of an import is the import's read policy's:
-- this municipality's imports need no second question. The policies are unchanged; every write still
-- goes through them. tests/db/monitoring-reads-once.test.ts holds the function's answer against the
-- tables read under the policies for every role.

create function private.management_of(municipality uuid, cores uuid[])
returns table (
  id uuid,
  core_indicator_id uuid,
  name text,
  source_id uuid,
  source text,
  source_kind text,
  unit text,
  direction text,
  dimensions json,
  targets json,
  figures json
)
language sql stable security definer set search_path = ''
as $$
  select m.id, m.core_indicator_id, m.name, m.source_id, s.name, s.kind, m.unit, m.direction,
    coalesce((
      select json_agg(json_build_object('id', b.id, 'name', b.name, 'categories', b.categories)
        order by b.position, b.created_at, b.name)
      from public.management_breakdowns b
      where b.management_indicator_id = m.id
    ), '[]'::json),
    coalesce((
      select json_agg(json_build_object('id', t.id, 'due_year', t.due_year, 'value', t.value::float8)
        order by t.due_year)
      from public.management_indicator_targets t
      where t.management_indicator_id = m.id
    ), '[]'::json),
    coalesce((
      select json_agg(json_build_object(
          'id', v.id, 'period_kind', v.period_kind, 'period_start', v.period_start::text,
          'breakdown_id', v.breakdown_id, 'breakdown_value', v.breakdown_value, 'value', v.value::float8,
          'note', v.note, 'source', v.source, 'file_name', i.file_name)
        order by v.period_start, v.period_kind, v.breakdown_value)
      from public.management_indicator_values v
      left join public.indicator_value_imports i
        on i.id = v.import_id
        and (i.municipality_id = municipality or private.reads_municipality_monitoring(i.municipality_id))
      where v.management_indicator_id = m.id
    ), '[]'::json)
  from public.management_indicators m
  join public.core_indicators c on c.id = m.core_indicator_id
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  left join public.data_sources s on s.id = m.source_id
  where g.municipality_id = municipality
    and m.core_indicator_id = any (cores)
    -- Once per call (an InitPlan), not once per row.
    and (select private.reads_municipality_monitoring(municipality))
  order by m.position, m.created_at, m.name
$$;
revoke all on function private.management_of(uuid, uuid[]) from public, anon;
grant execute on function private.management_of(uuid, uuid[]) to authenticated, service_role;
