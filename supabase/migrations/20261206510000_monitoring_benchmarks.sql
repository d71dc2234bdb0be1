-- Issue 21, second slice: a municipality sees its figure beside those of comparable municipalities,
-- without learning any one of theirs.
--
--   * size_classes: reference data (admins keep it). A class starts at min_inhabitants and runs to the
--     next class's start, so classes can neither overlap nor leave gaps. municipalities.inhabitants puts
--     a municipality in one.
--   * benchmark_measures: measures many municipalities share ("% inburgeraars met B1 binnen 3 jaar",
--     from DUO's per-municipality figures), with unit and direction; admins keep the list. A core
--     indicator's measure row may name one (core_indicator_measures.benchmark_measure_id): "compare
--     this with that".
--   * benchmark_values: one figure per measure, municipality and period (periods as in
--     core_indicator_values). Admins import whole files for many municipalities; a municipality's
--     readers enter their own. Who reads a municipality's monitoring reads its figures; everybody else
--     only those of municipalities that made theirs public (public_benchmark_figures).
--   * private.benchmark_comparison: for one municipality, measure and period, the median and range of
--     the OTHER municipalities' figures in three groups (same region, same size class, all), each only
--     from at least 5 municipalities, and hidden when it differs from another shown group by 1 to 4
--     municipalities: the two ranges or medians side by side would single those few out (the
--     subtraction the "<5" rule must survive; tests/db/monitoring-benchmarks.test.ts tries it).

create table public.size_classes (
  id uuid primary key default gen_random_uuid(),
  min_inhabitants int not null unique check (min_inhabitants between 0 and 100000000),
  created_at timestamptz not null default now()
);
insert into public.size_classes (min_inhabitants) values (0), (20000), (50000), (100000), (250000);

alter table public.municipalities
  add column inhabitants int check (inhabitants between 0 and 100000000);

create table public.benchmark_measures (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 300),
  unit text not null default '' check (length(unit) <= 20),
  direction text not null check (direction in ('higher', 'lower')),
  created_at timestamptz not null default now()
);

alter table public.core_indicator_measures
  add column benchmark_measure_id uuid references public.benchmark_measures (id) on delete set null;
create index core_indicator_measures_benchmark_idx on public.core_indicator_measures (benchmark_measure_id);

create table public.benchmark_values (
  id uuid primary key default gen_random_uuid(),
  measure_id uuid not null references public.benchmark_measures (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  period_kind text not null check (period_kind in ('year', 'quarter', 'month')),
  period_start date not null,
  value numeric not null check (value between -1e12 and 1e12),
  source text not null default 'manual' check (source in ('manual', 'import')),
  entered_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  unique (measure_id, period_kind, period_start, municipality_id),
  check (extract(day from period_start) = 1),
  check (period_kind <> 'year' or extract(month from period_start) = 1),
  check (period_kind <> 'quarter' or extract(month from period_start) in (1, 4, 7, 10)),
  check (extract(year from period_start) between 1990 and 2100)
);
create index benchmark_values_municipality_idx on public.benchmark_values (municipality_id);

-- A municipality that made its figures public: others may read them, with its name.
create table public.public_benchmark_figures (
  municipality_id uuid primary key references public.municipalities (id) on delete cascade,
  made_public_by uuid references auth.users (id) on delete set null default auth.uid(),
  made_public_at timestamptz not null default now()
);

-- The size class a number of inhabitants falls in (null when unknown).
create function private.size_class_of(inhabitants int) returns uuid
language sql stable security definer set search_path = ''
as $$
  select id from public.size_classes where min_inhabitants <= inhabitants order by min_inhabitants desc limit 1
$$;
revoke all on function private.size_class_of(int) from public, anon, authenticated;

create function private.benchmark_comparison(measure uuid, municipality uuid, kind text, start date)
returns table (peer_group text, municipalities int, median numeric, low numeric, high numeric, shown text)
language sql stable security definer set search_path = ''
as $$
  with mine as (
    -- Only for who reads this municipality's monitoring; anyone else learns nothing, not even counts.
    select m.region_id, private.size_class_of(m.inhabitants) as size_class
    from public.municipalities m
    where m.id = municipality and private.reads_municipality_monitoring(municipality)
  ),
  figures as (
    select v.municipality_id, v.value, m.region_id, private.size_class_of(m.inhabitants) as size_class
    from public.benchmark_values v join public.municipalities m on m.id = v.municipality_id
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
revoke all on function private.benchmark_comparison(uuid, uuid, text, date) from public, anon;
grant execute on function private.benchmark_comparison(uuid, uuid, text, date) to authenticated, service_role;

alter table public.size_classes enable row level security;
alter table public.benchmark_measures enable row level security;
alter table public.benchmark_values enable row level security;
alter table public.public_benchmark_figures enable row level security;

create policy "anyone reads the size classes" on public.size_classes for select to anon, authenticated using (true);
create policy "admins keep the size classes" on public.size_classes for all to authenticated
  using (private.is_admin()) with check (private.is_admin());

create policy "signed-in people read the benchmark measures" on public.benchmark_measures
  for select to authenticated using (true);
create policy "admins keep the benchmark measures" on public.benchmark_measures for all to authenticated
  using (private.is_admin()) with check (private.is_admin());

create policy "signed-in people see which municipalities made their figures public" on public.public_benchmark_figures
  for select to authenticated using (true);
create policy "a municipality's readers and admins make its figures public" on public.public_benchmark_figures
  for insert to authenticated
  with check (made_public_by = auth.uid() and private.writes_municipality_monitoring(municipality_id));
create policy "a municipality's readers and admins make its figures private again" on public.public_benchmark_figures
  for delete to authenticated using (private.writes_municipality_monitoring(municipality_id));

create policy "who reads a municipality's monitoring, or anyone when it is public, reads its figures"
  on public.benchmark_values for select to authenticated
  using (
    private.reads_municipality_monitoring(municipality_id)
    or exists (select 1 from public.public_benchmark_figures p where p.municipality_id = benchmark_values.municipality_id)
  );
create policy "admins, and a municipality's readers for their own, enter figures" on public.benchmark_values
  for insert to authenticated
  with check (entered_by = auth.uid() and private.writes_municipality_monitoring(municipality_id));
create policy "admins, and a municipality's readers for their own, change figures" on public.benchmark_values
  for update to authenticated
  using (private.writes_municipality_monitoring(municipality_id))
  with check (entered_by = auth.uid() and private.writes_municipality_monitoring(municipality_id));
create policy "admins, and a municipality's readers for their own, remove figures" on public.benchmark_values
  for delete to authenticated using (private.writes_municipality_monitoring(municipality_id));

grant select on public.size_classes to anon;
grant select, insert, update, delete on public.size_classes to authenticated, service_role;
grant select, insert, update, delete on public.benchmark_measures to authenticated, service_role;
grant select, insert, update, delete on public.benchmark_values to authenticated, service_role;
grant select, insert, delete on public.public_benchmark_figures to authenticated, service_role;
