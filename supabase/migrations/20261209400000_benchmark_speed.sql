-- Issue 21, measured: the comparison and the admins' measures page at 350 municipalities × 60 measures
-- × 5 years (docs/benchmarks/2026-12-05-monitoring-2.md).
--
--   * private.benchmark_comparison: the same groups, counts and hiding as before, but each figure's size
--     class comes from a join with the classes' ranges (a class runs from its min_inhabitants to the
--     next one's, as private.size_class_of reads them) instead of one call of size_class_of per figure,
--     which was most of its time with ~350 figures per measure and period.
--   * the read policy on benchmark_values asks "admin?" once per statement (an InitPlan) before the
--     per-row check: reads_municipality_monitoring already lets admins through, but per row, and the
--     admins' page counts every figure (105 000 calls). Who may read what is unchanged.

create or replace function private.benchmark_comparison(measure uuid, municipality uuid, kind text, start date)
returns table (peer_group text, municipalities int, median numeric, low numeric, high numeric, shown text)
language sql stable security definer set search_path = ''
as $$
  with classes as (
    select c.id, c.min_inhabitants as from_inhabitants,
           lead(c.min_inhabitants) over (order by c.min_inhabitants) as to_inhabitants
    from public.size_classes c
  ),
  mine as (
    -- Only for who reads this municipality's monitoring; anyone else learns nothing, not even counts.
    select m.region_id, private.size_class_of(m.inhabitants) as size_class
    from public.municipalities m
    where m.id = municipality and private.reads_municipality_monitoring(municipality)
  ),
  figures as (
    select v.municipality_id, v.value, m.region_id, c.id as size_class
    from public.benchmark_values v
    join public.municipalities m on m.id = v.municipality_id
    left join classes c on m.inhabitants >= c.from_inhabitants
      and (c.to_inhabitants is null or m.inhabitants < c.to_inhabitants)
    where v.measure_id = measure and v.period_kind = kind and v.period_start = start
      and v.municipality_id <> municipality
  ),
  groups as (
    select g.peer_group, g.rank, array_agg(f.municipality_id) as members, count(*)::int as municipalities,
           percentile_cont(0.5) within group (order by f.value)::numeric as median, min(f.value) as low,
           max(f.value) as high
    from mine
    cross join figures f
    cross join lateral (values
      ('all', 3, true),
      ('region', 2, f.region_id = mine.region_id),
      ('size_class', 1, mine.size_class is not null and f.size_class = mine.size_class)
    ) as g(peer_group, rank, member)
    where g.member
    group by g.peer_group, g.rank
  ),
  judged as (
    select g.*,
      case
        when g.municipalities < 5 then 'too_few'
        -- Beside a larger group (or one as large that ranks higher) that differs by 1 to 4 municipalities,
        -- the two together single those few out: the smaller one hides.
        when exists (
          select 1 from groups o
          where o.peer_group <> g.peer_group and o.municipalities >= 5
            and (o.municipalities > g.municipalities or (o.municipalities = g.municipalities and o.rank > g.rank))
            and (
              select count(*) from (
                (select unnest(g.members) except select unnest(o.members))
                union all
                (select unnest(o.members) except select unnest(g.members))
              ) difference
            ) between 1 and 4
        ) then 'hidden'
        else 'shown'
      end as shown
    from groups g
  )
  select j.peer_group, j.municipalities,
         case when j.shown = 'shown' then j.median end,
         case when j.shown = 'shown' then j.low end,
         case when j.shown = 'shown' then j.high end,
         j.shown
  from judged j
  order by j.rank desc
$$;

drop policy "who reads a municipality's monitoring, or anyone when it is public, reads its figures"
  on public.benchmark_values;
create policy "who reads a municipality's monitoring, or anyone when it is public, reads its figures"
  on public.benchmark_values for select to authenticated
  using (
    (select private.is_admin())
    or private.reads_municipality_monitoring(municipality_id)
    or exists (select 1 from public.public_benchmark_figures p where p.municipality_id = benchmark_values.municipality_id)
  );
