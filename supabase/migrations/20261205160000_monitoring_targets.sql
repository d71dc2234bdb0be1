-- Issue 21, first slice: where a municipality's figures come from, which way is better, and what it aims for.
--
--   * data_sources: the list of sources a municipality keeps ("DUO", "Benchmark / DUO", "Ervaringsdata
--     coaches", "Dit moet worden uitgezocht"), each of a kind. A core indicator points at one of them
--     (core_indicators.source_id). The free text core_indicators.data_source had is carried over: one
--     source per distinct text per municipality, of kind "to be determined" until someone says otherwise.
--     The text column stays as it was (nothing is dropped); the app reads and writes source_id.
--     Sources are part of the goal tree, which anyone may read; the tree keepers (admins, the coordinators
--     of the municipality's region) keep the list.
--   * core_indicator_measures: per core indicator its direction (higher or lower is better) and unit;
--   * core_indicator_targets: per core indicator a target value (streefwaarde) and the year it should be
--     met, one per year.
--     Measures and targets are monitoring: who reads a municipality's monitoring reads them; its readers,
--     the coordinators of its region and admins set them.

create table public.data_sources (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  name text not null check (length(name) between 1 and 300),
  kind text not null default 'to_be_determined'
    check (kind in ('register', 'benchmark', 'experience', 'partner', 'to_be_determined')),
  created_at timestamptz not null default now(),
  unique (municipality_id, name)
);

alter table public.core_indicators add column source_id uuid references public.data_sources (id) on delete set null;
create index core_indicators_source_id_idx on public.core_indicators (source_id);

-- Carry the free texts over, trimmed.
insert into public.data_sources (municipality_id, name)
select distinct g.municipality_id, btrim(c.data_source)
from public.core_indicators c
join public.municipal_outputs o on o.id = c.output_id
join public.municipal_goals g on g.id = o.goal_id
where btrim(c.data_source) <> ''
on conflict do nothing;

update public.core_indicators c
set source_id = s.id
from public.municipal_outputs o, public.municipal_goals g, public.data_sources s
where o.id = c.output_id and g.id = o.goal_id and s.municipality_id = g.municipality_id
  and s.name = btrim(c.data_source);

-- A core indicator's source is one of its own municipality's: another municipality's list is not a
-- choice, whoever asks (EPG21).
create function private.source_of_own_municipality() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.source_id is not null and (
    select s.municipality_id from public.data_sources s where s.id = new.source_id
  ) is distinct from private.output_municipality(new.output_id) then
    raise exception 'a data source of another municipality' using errcode = 'EPG21';
  end if;
  return new;
end
$$;
revoke all on function private.source_of_own_municipality() from public, anon, authenticated;
create trigger core_indicators_own_source before insert or update of source_id, output_id on public.core_indicators
  for each row execute function private.source_of_own_municipality();

create table public.core_indicator_measures (
  core_indicator_id uuid primary key references public.core_indicators (id) on delete cascade,
  direction text not null check (direction in ('higher', 'lower')),
  unit text not null default '' check (length(unit) <= 20),
  updated_at timestamptz not null default now()
);

create table public.core_indicator_targets (
  id uuid primary key default gen_random_uuid(),
  core_indicator_id uuid not null references public.core_indicators (id) on delete cascade,
  due_year int not null check (due_year between 1990 and 2100),
  value numeric not null check (value between -1e12 and 1e12),
  set_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  unique (core_indicator_id, due_year)
);

-- Who keeps a municipality's measures and targets: its readers, the coordinators of its region, admins.
create function private.sets_municipality_targets(municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.writes_municipality_monitoring(municipality) or private.works_in_municipality(municipality)
$$;
revoke all on function private.sets_municipality_targets(uuid) from public;
grant execute on function private.sets_municipality_targets(uuid) to authenticated, service_role;

alter table public.data_sources enable row level security;
alter table public.core_indicator_measures enable row level security;
alter table public.core_indicator_targets enable row level security;

create policy "anyone reads the data sources of a goal tree" on public.data_sources
  for select to anon, authenticated using (true);
create policy "admins and the region's coordinators add data sources" on public.data_sources
  for insert to authenticated with check (private.works_in_municipality(municipality_id));
create policy "admins and the region's coordinators change data sources" on public.data_sources
  for update to authenticated
  using (private.works_in_municipality(municipality_id)) with check (private.works_in_municipality(municipality_id));
create policy "admins and the region's coordinators remove data sources" on public.data_sources
  for delete to authenticated using (private.works_in_municipality(municipality_id));

create policy "who reads the monitoring reads measures" on public.core_indicator_measures
  for select to authenticated
  using (private.reads_municipality_monitoring(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins set measures" on public.core_indicator_measures
  for insert to authenticated
  with check (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins change measures" on public.core_indicator_measures
  for update to authenticated
  using (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)))
  with check (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));

create policy "who reads the monitoring reads targets" on public.core_indicator_targets
  for select to authenticated
  using (private.reads_municipality_monitoring(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins set targets as themselves" on public.core_indicator_targets
  for insert to authenticated
  with check (
    set_by = auth.uid()
    and private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id))
  );
create policy "readers, the region's coordinators and admins change targets as themselves" on public.core_indicator_targets
  for update to authenticated
  using (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)))
  with check (
    set_by = auth.uid()
    and private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id))
  );
create policy "readers, the region's coordinators and admins remove targets" on public.core_indicator_targets
  for delete to authenticated
  using (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));

grant select on public.data_sources to anon;
grant select, insert, update, delete on public.data_sources to authenticated, service_role;
grant select, insert, update on public.core_indicator_measures to authenticated, service_role;
grant select, insert, update, delete on public.core_indicator_targets to authenticated, service_role;
