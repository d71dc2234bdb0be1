-- Issue 21: a management indicator is broken down along several dimensions, not one. Seed 001 names
-- more than one for a single indicator ("uitgesplitst naar type opleiding", contract types, leerroute).
-- The breakdowns are marginal: a figure is the total, or the figure of one value of one dimension
-- (never a cross-tab of two dimensions).
--
--   * management_breakdowns: a dimension of a management indicator ("Leerroute") with its values
--     (`categories`: B1, Onderwijs, Z), at most 5 per indicator, each with at most 20 distinct values
--     of 1–100 characters; its name once per indicator, whatever the case.
--   * management_indicator_values.breakdown_id: the dimension a figure belongs to (null for the total,
--     whose breakdown_value stays ''). One figure per indicator, period, dimension and value.
--
-- What was there moves: each indicator's one dimension (`breakdown`, `breakdown_values`) becomes its
-- first dimension row and the figures with a breakdown value point at it; then the two columns go.
-- An indicator that somehow has figures per value but no dimension name gets one named 'Uitsplitsing',
-- so no figure is lost. Values that figures carry but the list no longer does stay on the figures (the
-- page still shows them), as before.
--
-- Who may do what is the indicators' own: the dimensions are read by who reads the monitoring and kept
-- by the municipality's readers, the coordinators of its region and admins (as management_indicators).

create table public.management_breakdowns (
  id uuid primary key default gen_random_uuid(),
  management_indicator_id uuid not null references public.management_indicators (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  categories text[] not null default '{}' check (cardinality(categories) <= 20),
  position int not null default 0,
  created_at timestamptz not null default now()
);
create unique index management_breakdowns_name_key on public.management_breakdowns (management_indicator_id, lower(name));

insert into public.management_breakdowns (management_indicator_id, name, categories, position)
select m.id, coalesce(nullif(m.breakdown, ''), 'Uitsplitsing'), m.breakdown_values, 0
from public.management_indicators m
where m.breakdown <> ''
  or cardinality(m.breakdown_values) > 0
  or exists (
    select from public.management_indicator_values v where v.management_indicator_id = m.id and v.breakdown_value <> ''
  );

-- The old trigger would check the old columns; it goes before the figures are pointed at their dimension.
drop trigger management_indicator_values_in_breakdown on public.management_indicator_values;

alter table public.management_indicator_values
  add column breakdown_id uuid references public.management_breakdowns (id) on delete restrict;
create index management_indicator_values_breakdown_idx on public.management_indicator_values (breakdown_id);

update public.management_indicator_values v
set breakdown_id = b.id
from public.management_breakdowns b
where b.management_indicator_id = v.management_indicator_id and v.breakdown_value <> '';

-- The one unique key of the figures (named by Postgres) gives way to one that takes the dimension in.
do $$
declare
  key text;
begin
  for key in
    select conname from pg_constraint
    where conrelid = 'public.management_indicator_values'::regclass and contype = 'u'
  loop
    execute format('alter table public.management_indicator_values drop constraint %I', key);
  end loop;
end
$$;
alter table public.management_indicator_values
  add constraint management_indicator_values_figure_key
    unique nulls not distinct (management_indicator_id, period_kind, period_start, breakdown_id, breakdown_value),
  add constraint management_indicator_values_total_or_value
    check ((breakdown_id is null) = (breakdown_value = ''));

-- The indicator keeps only the check of its source; its dimensions check themselves.
create or replace function private.management_indicator_is_sound() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.source_id is not null and (
    select s.municipality_id from public.data_sources s where s.id = new.source_id
  ) is distinct from private.core_indicator_municipality(new.core_indicator_id) then
    raise exception 'a data source of another municipality' using errcode = 'EPG21';
  end if;
  return new;
end
$$;
revoke all on function private.management_indicator_is_sound() from public, anon, authenticated;

alter table public.management_indicators drop column breakdown, drop column breakdown_values;

-- A dimension stays with its indicator, has distinct values of 1–100 characters, and an indicator has
-- at most 5. Two people adding a sixth at once could both pass the count; the lock on the indicator's
-- row makes the second wait for the first.
create function private.management_breakdown_is_sound() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.management_indicator_id <> old.management_indicator_id then
    raise exception 'a dimension stays with its management indicator' using errcode = '23514';
  end if;
  if exists (select from unnest(new.categories) v where v is null or length(v) not between 1 and 100)
    or (select count(distinct v) from unnest(new.categories) v) <> cardinality(new.categories) then
    raise exception 'breakdown values must be distinct, 1 to 100 characters' using errcode = '23514';
  end if;
  if tg_op = 'INSERT' then
    perform from public.management_indicators m where m.id = new.management_indicator_id for update;
    if (
      select count(*) from public.management_breakdowns b where b.management_indicator_id = new.management_indicator_id
    ) >= 5 then
      raise exception 'at most 5 dimensions per management indicator' using errcode = '23514';
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.management_breakdown_is_sound() from public, anon, authenticated;
create trigger management_breakdowns_sound before insert or update on public.management_breakdowns
  for each row execute function private.management_breakdown_is_sound();

-- A figure's dimension is one of its own indicator's, and its value one of that dimension's values.
create or replace function private.management_value_in_breakdown() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.breakdown_id is not null and not exists (
    select from public.management_breakdowns b
    where b.id = new.breakdown_id
      and b.management_indicator_id = new.management_indicator_id
      and new.breakdown_value = any (b.categories)
  ) then
    raise exception 'not a breakdown value of this management indicator' using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function private.management_value_in_breakdown() from public, anon, authenticated;
create trigger management_indicator_values_in_breakdown
  before insert or update of breakdown_value, breakdown_id, management_indicator_id on public.management_indicator_values
  for each row execute function private.management_value_in_breakdown();

alter table public.management_breakdowns enable row level security;

create policy "who reads the monitoring reads management breakdowns" on public.management_breakdowns
  for select to authenticated
  using (private.reads_municipality_monitoring(private.management_indicator_municipality(management_indicator_id)));
create policy "readers, the region's coordinators and admins add management breakdowns" on public.management_breakdowns
  for insert to authenticated
  with check (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)));
create policy "readers, the region's coordinators and admins change management breakdowns" on public.management_breakdowns
  for update to authenticated
  using (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)))
  with check (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)));
create policy "readers, the region's coordinators and admins remove management breakdowns" on public.management_breakdowns
  for delete to authenticated
  using (private.sets_municipality_targets(private.management_indicator_municipality(management_indicator_id)));

grant select, insert, update, delete on public.management_breakdowns to authenticated, service_role;
