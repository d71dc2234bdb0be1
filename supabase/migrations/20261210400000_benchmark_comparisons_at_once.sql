-- Issue 21, measured: the monitoring page compares every core indicator (60 at the benchmark's size) and
-- spent most of its time in private.benchmark_comparison, called once per measure, each call gathering
-- the members of three groups into arrays and comparing the arrays pair by pair
-- (docs/benchmarks/2026-12-05-monitoring-2.md).
--
-- private.benchmark_comparisons does every measure of a page in one statement, and needs no member
-- lists: the region and the size class are both parts of "all", so "all" differs from either by the
-- difference of their counts, and the region and the size class differ by the municipalities in exactly
-- one of them, |region| + |size class| − 2·|both|. Counting those four numbers gives the same groups,
-- figures and hiding as before (the comparison tests are unchanged but for the call), and each other
-- municipality's groups are worked out once, not once per figure. It is PL/pgSQL planned for each
-- call's own arguments (force_custom_plan): as a SQL function its statement was planned without
-- knowing how many figures the arrays ask for, and that plan took 1.2 s of CPU where this one takes
-- 0.085 s (PGlite, 350 municipalities × 60 measures; the 60 calls before took ~1.3 s). The
-- one-measure function goes: one way to ask.

drop function private.benchmark_comparison(uuid, uuid, text, date);

create function private.benchmark_comparisons(municipality uuid, measures uuid[], kinds text[], starts date[])
returns table (
  measure_id uuid, period_kind text, period_start date, peer_group text, rank int, municipalities int,
  median numeric, low numeric, high numeric, shown text
)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
  with classes as (
    -- A class runs from its min_inhabitants to the next one's, as private.size_class_of reads them.
    select c.id, c.min_inhabitants as from_inhabitants,
           lead(c.min_inhabitants) over (order by c.min_inhabitants) as to_inhabitants
    from public.size_classes c
  ),
  mine as (
    -- Only for who reads this municipality's monitoring; anyone else learns nothing, not even counts.
    select m.region_id, c.id as size_class
    from public.municipalities m
    left join classes c on m.inhabitants >= c.from_inhabitants
      and (c.to_inhabitants is null or m.inhabitants < c.to_inhabitants)
    where m.id = municipality and private.reads_municipality_monitoring(municipality)
  ),
  wanted as (
    select distinct w.measure_id, w.period_kind, w.period_start
    from unnest(measures, kinds, starts) as w(measure_id, period_kind, period_start)
  ),
  places as materialized (
    -- Every other municipality once, with the groups it is in. (Computed per figure instead, the size
    -- class alone was most of the function's time.)
    select m.id, coalesce(m.region_id = mine.region_id, false) as in_region,
           coalesce(c.id = mine.size_class, false) as in_size_class
    from mine
    cross join public.municipalities m
    left join classes c on m.inhabitants >= c.from_inhabitants
      and (c.to_inhabitants is null or m.inhabitants < c.to_inhabitants)
    where m.id <> municipality
  ),
  figures as (
    select v.measure_id, v.period_kind, v.period_start, v.value, p.in_region, p.in_size_class
    from wanted w
    join public.benchmark_values v on v.measure_id = w.measure_id and v.period_kind = w.period_kind
      and v.period_start = w.period_start
    join places p on p.id = v.municipality_id
  ),
  counted as (
    select f.measure_id, f.period_kind, f.period_start,
      count(*)::int as n_all,
      count(*) filter (where f.in_region)::int as n_region,
      count(*) filter (where f.in_size_class)::int as n_size_class,
      count(*) filter (where f.in_region and f.in_size_class)::int as n_both,
      percentile_cont(0.5) within group (order by f.value) as median_all,
      percentile_cont(0.5) within group (order by f.value) filter (where f.in_region) as median_region,
      percentile_cont(0.5) within group (order by f.value) filter (where f.in_size_class) as median_size_class,
      min(f.value) as low_all, max(f.value) as high_all,
      min(f.value) filter (where f.in_region) as low_region, max(f.value) filter (where f.in_region) as high_region,
      min(f.value) filter (where f.in_size_class) as low_size_class,
      max(f.value) filter (where f.in_size_class) as high_size_class
    from figures f
    group by f.measure_id, f.period_kind, f.period_start
  ),
  groups as (
    select c.measure_id, c.period_kind, c.period_start, c.n_region, c.n_size_class, c.n_both, g.*
    from counted c
    cross join lateral (values
      ('all', 3, c.n_all, c.median_all, c.low_all, c.high_all),
      ('region', 2, c.n_region, c.median_region, c.low_region, c.high_region),
      ('size_class', 1, c.n_size_class, c.median_size_class, c.low_size_class, c.high_size_class)
    ) as g(peer_group, rank, municipalities, median, low, high)
    where g.municipalities > 0
  ),
  judged as (
    select g.*,
      case
        when g.municipalities < 5 then 'too_few'
        -- Beside a larger group (or one as large that ranks higher) that differs by 1 to 4 municipalities,
        -- the two together single those few out: the smaller one hides.
        when exists (
          select 1 from groups o
          where o.measure_id = g.measure_id and o.period_kind = g.period_kind and o.period_start = g.period_start
            and o.peer_group <> g.peer_group and o.municipalities >= 5
            and (o.municipalities > g.municipalities or (o.municipalities = g.municipalities and o.rank > g.rank))
            and case
                  -- The region and the size class are parts of "all".
                  when 'all' in (g.peer_group, o.peer_group) then abs(g.municipalities - o.municipalities)
                  else g.n_region + g.n_size_class - 2 * g.n_both
                end between 1 and 4
        ) then 'hidden'
        else 'shown'
      end as shown
    from groups g
  )
  select j.measure_id, j.period_kind, j.period_start, j.peer_group, j.rank, j.municipalities,
         case when j.shown = 'shown' then j.median::numeric end,
         case when j.shown = 'shown' then j.low end,
         case when j.shown = 'shown' then j.high end,
         j.shown
  from judged j
  order by j.measure_id, j.period_kind, j.period_start, j.rank desc;
end
$$;
revoke all on function private.benchmark_comparisons(uuid, uuid[], text[], date[]) from public, anon;
grant execute on function private.benchmark_comparisons(uuid, uuid[], text[], date[]) to authenticated, service_role;
