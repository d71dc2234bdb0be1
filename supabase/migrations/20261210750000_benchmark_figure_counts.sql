-- Issue 21, measured (docs/benchmarks/2026-12-06-monitoring-7.md): the admin's list of shared measures
-- counted every measure's figures on each view. At 350 municipalities × 60 measures × 5 years that is
-- 105,000 rows read for 60 numbers, ~35 ms in the embedded database (which never vacuums, so an
-- index-only count does not help there).
--
-- The counts are now kept as the figures change: statement-level triggers with transition tables add
-- and subtract per measure, so an import of many rows is one update per measure. Counts live in
-- `private`, out of the Data API, and private.benchmark_measures_with_figures gives the list to admins
-- only (asked once per call), as the admin page alone reads them; anyone else gets no rows.
-- tests/db/benchmark-figure-counts.test.ts holds the counts equal to count(*) after inserts, an import
-- that replaces figures, deletes, and the removal of a measure or a municipality.

create table private.benchmark_figure_counts (
  measure_id uuid primary key references public.benchmark_measures (id) on delete cascade,
  figures bigint not null check (figures >= 0)
);
revoke all on private.benchmark_figure_counts from public, anon, authenticated;

insert into private.benchmark_figure_counts (measure_id, figures)
select measure_id, count(*) from public.benchmark_values group by measure_id;

create function private.count_benchmark_figures() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update private.benchmark_figure_counts c set figures = c.figures - gone.n
    from (select measure_id, count(*) as n from old_figures group by measure_id) gone
    where c.measure_id = gone.measure_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.benchmark_figure_counts (measure_id, figures)
    select measure_id, count(*) from new_figures group by measure_id
    on conflict (measure_id) do update set figures = private.benchmark_figure_counts.figures + excluded.figures;
  end if;
  return null;
end
$$;
revoke all on function private.count_benchmark_figures() from public, anon, authenticated;

create trigger benchmark_figures_inserted after insert on public.benchmark_values
  referencing new table as new_figures
  for each statement execute function private.count_benchmark_figures();
create trigger benchmark_figures_updated after update on public.benchmark_values
  referencing old table as old_figures new table as new_figures
  for each statement execute function private.count_benchmark_figures();
create trigger benchmark_figures_deleted after delete on public.benchmark_values
  referencing old table as old_figures
  for each statement execute function private.count_benchmark_figures();

create function private.benchmark_measures_with_figures()
returns table (id uuid, name text, unit text, direction text, figures bigint)
language sql stable security definer set search_path = ''
as $$
  select m.id, m.name, m.unit, m.direction, coalesce(c.figures, 0)
  from public.benchmark_measures m
  left join private.benchmark_figure_counts c on c.measure_id = m.id
  -- Once per call (an InitPlan), not once per row.
  where (select private.is_admin())
  order by m.name
$$;
revoke all on function private.benchmark_measures_with_figures() from public, anon;
grant execute on function private.benchmark_measures_with_figures() to authenticated, service_role;
