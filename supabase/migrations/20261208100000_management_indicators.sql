-- Issue 21, third slice: management indicators (indicatoren managementinformatie) under each core
-- indicator, as seed 001 lists them ("% mensen dat examen doet en slaagt binnen 3 jaar — DUO").
--
--   * management_indicators: a name, its data source from the municipality's own list, unit, which way
--     is better, and optionally one breakdown dimension with its values ("Leerroute": B1, Onderwijs, Z).
--   * management_indicator_targets: a target (streefwaarde) and the year it should be met, one per year.
--   * management_indicator_values: one figure per indicator, period and breakdown value ('' is the
--     total); the same again replaces it (last write wins), typed in or from an import.
--
-- Who may do what follows the core indicators: the definitions and targets like core_indicator_measures
-- and core_indicator_targets (read by who reads the monitoring; kept by the municipality's readers, the
-- coordinators of its region and admins), the figures exactly like core_indicator_values (read by who
-- reads the monitoring; entered by the municipality's readers and admins, as themselves).

create table public.management_indicators (
  id uuid primary key default gen_random_uuid(),
  core_indicator_id uuid not null references public.core_indicators (id) on delete cascade,
  name text not null check (length(name) between 1 and 300),
  source_id uuid references public.data_sources (id) on delete set null,
  unit text not null default '' check (length(unit) <= 20),
  direction text not null check (direction in ('higher', 'lower')),
  breakdown text not null default '' check (length(breakdown) <= 100),
  breakdown_values text[] not null default '{}' check (cardinality(breakdown_values) <= 20),
  position int not null default 0,
  created_at timestamptz not null default now(),
  unique (core_indicator_id, name)
);
create index management_indicators_source_id_idx on public.management_indicators (source_id);

create table public.management_indicator_targets (
  id uuid primary key default gen_random_uuid(),
  management_indicator_id uuid not null references public.management_indicators (id) on delete cascade,
  due_year int not null check (due_year between 1990 and 2100),
  value numeric not null check (value between -1e12 and 1e12),
  set_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  unique (management_indicator_id, due_year)
);

create table public.management_indicator_values (
  id uuid primary key default gen_random_uuid(),
  -- Figures never vanish by cascade (as core_indicator_values since 20261204110000): removing a
  -- management indicator, or the goal tree above it, that still has figures is refused.
  management_indicator_id uuid not null references public.management_indicators (id) on delete restrict,
  period_kind text not null check (period_kind in ('year', 'quarter', 'month')),
  period_start date not null,
  breakdown_value text not null default '' check (length(breakdown_value) <= 100),
  value numeric not null check (value between -1e12 and 1e12),
  note text not null default '' check (length(note) <= 500),
  source text not null default 'manual' check (source in ('manual', 'import')),
  import_id uuid references public.indicator_value_imports (id) on delete set null,
  entered_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (management_indicator_id, period_kind, period_start, breakdown_value),
  check (import_id is null or source = 'import'),
  check (extract(day from period_start) = 1),
  check (period_kind <> 'year' or extract(month from period_start) = 1),
  check (period_kind <> 'quarter' or extract(month from period_start) in (1, 4, 7, 10))
);
create index management_indicator_values_import_idx on public.management_indicator_values (import_id);

-- The municipality whose goal tree holds a management indicator.
create function private.management_indicator_municipality(indicator uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  select private.core_indicator_municipality(m.core_indicator_id)
  from public.management_indicators m where m.id = indicator
$$;
revoke all on function private.management_indicator_municipality(uuid) from public;
grant execute on function private.management_indicator_municipality(uuid) to authenticated, service_role;

-- Whoever writes, a management indicator's source is one of its own municipality's list (EPG21, as for
-- core indicators), and its breakdown values are distinct, 1–100 characters, and only with a dimension.
create function private.management_indicator_is_sound() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.source_id is not null and (
    select s.municipality_id from public.data_sources s where s.id = new.source_id
  ) is distinct from private.core_indicator_municipality(new.core_indicator_id) then
    raise exception 'a data source of another municipality' using errcode = 'EPG21';
  end if;
  if cardinality(new.breakdown_values) > 0 and (
    new.breakdown = ''
    or exists (select from unnest(new.breakdown_values) v where length(v) not between 1 and 100)
    or (select count(distinct v) from unnest(new.breakdown_values) v) <> cardinality(new.breakdown_values)
  ) then
    raise exception 'breakdown values need a dimension and must be distinct, 1 to 100 characters' using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function private.management_indicator_is_sound() from public, anon, authenticated;
create trigger management_indicators_sound before insert or update on public.management_indicators
  for each row execute function private.management_indicator_is_sound();

-- A figure's breakdown value is '' (the total) or one of its indicator's values.
create function private.management_value_in_breakdown() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.breakdown_value <> '' and not exists (
    select from public.management_indicators m
    where m.id = new.management_indicator_id and new.breakdown_value = any (m.breakdown_values)
  ) then
    raise exception 'not a breakdown value of this management indicator' using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function private.management_value_in_breakdown() from public, anon, authenticated;
create trigger management_indicator_values_in_breakdown
  before insert or update of breakdown_value, management_indicator_id on public.management_indicator_values
  for each row execute function private.management_value_in_breakdown();

alter table public.management_indicators enable row level security;
alter table public.management_indicator_targets enable row level security;
alter table public.management_indicator_values enable row level security;

create policy "who reads the monitoring reads management indicators" on public.management_indicators
  for select to authenticated
  using (private.reads_municipality_monitoring(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins add management indicators" on public.management_indicators
  for insert to authenticated
  with check (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins change management indicators" on public.management_indicators
  for update to authenticated
  using (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)))
  with check (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));
create policy "readers, the region's coordinators and admins remove management indicators" on public.management_indicators
  for delete to authenticated
  using (private.sets_municipality_targets(private.core_indicator_municipality(core_indicator_id)));

create policy "who reads the monitoring reads management targets" on public.management_indicator_targets
  for select to authenticated
  using (private.reads_municipality_monitoring(private.management_indicator_municipality(management_indicator_id)));
create policy "readers, the region's coordinators and admins set management targets as themselves" on public.management_indicator_targets
  for insert to authenticated
  with check (
    set_by = auth.uid()
    and private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id))
  );
create policy "readers, the region's coordinators and admins change management targets as themselves" on public.management_indicator_targets
  for update to authenticated
  using (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)))
  with check (
    set_by = auth.uid()
    and private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id))
  );
create policy "readers, the region's coordinators and admins remove management targets" on public.management_indicator_targets
  for delete to authenticated
  using (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)));

create policy "the municipality's readers, serving coordinators and admins read management figures" on public.management_indicator_values
  for select to authenticated
  using (private.reads_municipality_monitoring(private.management_indicator_municipality(management_indicator_id)));
create policy "the municipality's readers and admins enter management figures as themselves" on public.management_indicator_values
  for insert to authenticated
  with check (
    entered_by = auth.uid()
    and private.writes_municipality_monitoring(private.management_indicator_municipality(management_indicator_id))
  );
create policy "the municipality's readers and admins correct management figures" on public.management_indicator_values
  for update to authenticated
  using (private.writes_municipality_monitoring(private.management_indicator_municipality(management_indicator_id)))
  with check (
    entered_by = auth.uid()
    and private.writes_municipality_monitoring(private.management_indicator_municipality(management_indicator_id))
  );
create policy "the municipality's readers and admins remove management figures" on public.management_indicator_values
  for delete to authenticated
  using (private.writes_municipality_monitoring(private.management_indicator_municipality(management_indicator_id)));

grant select, insert, update, delete on public.management_indicators to authenticated, service_role;
grant select, insert, update, delete on public.management_indicator_targets to authenticated, service_role;
grant select, insert, update, delete on public.management_indicator_values to authenticated, service_role;
