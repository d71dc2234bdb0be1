-- Monitoring (issue 8): a municipality follows its own goal tree (goal → output → core indicator) over
-- time. Each core indicator is linked to some of the 14 Indicators of Integration, has values per
-- period (typed in or imported from a data source's CSV export), and gets experience data from the
-- questionnaires and signals on its linked indicators, which are only ever shown for groups of five or more.
--
-- Who sees what:
--   * readers of the municipality read and write its values and imports (it is their monitoring);
--   * coordinators of pools serving the municipality read them (they advise on it), admins do all;
--   * members, anon, other municipalities' readers and partner organisations see nothing;
--   * which indicators a core indicator is linked to is part of the (public) goal tree; those who
--     shape the tree (admins, coordinators) and the municipality's readers set the links.

-- Helpers for policies ------------------------------------------------------------------------------

-- The municipality whose goal tree holds a core indicator.
create function public.core_indicator_municipality(core uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  select g.municipality_id
  from public.core_indicators c
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  where c.id = core
$$;

-- True when the current user may read a municipality's monitoring: its readers, the coordinators of
-- the pools that serve it, admins.
create function public.reads_municipality_monitoring(municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin()
    or exists (select 1 from public.municipality_readers r where r.municipality_id = municipality and r.user_id = auth.uid())
    or exists (
      select 1 from public.pool_municipalities pm
      join public.pool_memberships m on m.pool_id = pm.pool_id and m.user_id = auth.uid() and m.role = 'coordinator'
      where pm.municipality_id = municipality
    )
$$;

-- True when the current user may enter and import a municipality's values: its readers and admins.
create function public.writes_municipality_monitoring(municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin()
    or exists (select 1 from public.municipality_readers r where r.municipality_id = municipality and r.user_id = auth.uid())
$$;

-- Core indicator ↔ the 14 indicators -----------------------------------------------------------------

create table public.core_indicator_indicators (
  core_indicator_id uuid not null references public.core_indicators (id) on delete cascade,
  indicator_code text not null references public.indicators (code) on delete cascade,
  primary key (core_indicator_id, indicator_code)
);
create index core_indicator_indicators_code_idx on public.core_indicator_indicators (indicator_code);

-- Imports: who imported which file when, and what it did -----------------------------------------------

create table public.indicator_value_imports (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  file_name text not null check (length(file_name) between 1 and 255),
  row_count int not null check (row_count >= 0),
  inserted_count int not null check (inserted_count >= 0),
  updated_count int not null check (updated_count >= 0),
  imported_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  check (inserted_count + updated_count = row_count)
);
create index indicator_value_imports_municipality_idx on public.indicator_value_imports (municipality_id, created_at desc);

-- Values ----------------------------------------------------------------------------------------------
-- One value per core indicator and period (kind + first day): entering or importing the same period
-- again replaces the value (last write wins) and records who did it and from which import. A period is
-- a year (Jan 1), a quarter (first day of Jan/Apr/Jul/Oct) or a month (its first day).

create table public.core_indicator_values (
  id uuid primary key default gen_random_uuid(),
  core_indicator_id uuid not null references public.core_indicators (id) on delete cascade,
  period_kind text not null check (period_kind in ('year', 'quarter', 'month')),
  period_start date not null,
  value numeric not null check (value between -1e12 and 1e12),
  unit text not null default '' check (length(unit) <= 20),
  note text not null default '' check (length(note) <= 500),
  source text not null default 'manual' check (source in ('manual', 'import')),
  import_id uuid references public.indicator_value_imports (id) on delete set null,
  entered_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (core_indicator_id, period_kind, period_start),
  check (import_id is null or source = 'import'),
  check (extract(day from period_start) = 1),
  check (period_kind <> 'year' or extract(month from period_start) = 1),
  check (period_kind <> 'quarter' or extract(month from period_start) in (1, 4, 7, 10))
);
create index core_indicator_values_import_idx on public.core_indicator_values (import_id);

-- Row level security ----------------------------------------------------------------------------------

alter table public.core_indicator_indicators enable row level security;
alter table public.indicator_value_imports enable row level security;
alter table public.core_indicator_values enable row level security;

create policy "anyone reads which indicators a core indicator follows" on public.core_indicator_indicators
  for select to anon, authenticated using (true);
create policy "tree keepers and the municipality's readers link indicators" on public.core_indicator_indicators
  for insert to authenticated
  with check (
    public.is_admin() or public.has_role('coordinator')
    or public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );
create policy "tree keepers and the municipality's readers unlink indicators" on public.core_indicator_indicators
  for delete to authenticated
  using (
    public.is_admin() or public.has_role('coordinator')
    or public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );

create policy "the municipality's readers, serving coordinators and admins read imports" on public.indicator_value_imports
  for select to authenticated using (public.reads_municipality_monitoring(municipality_id));
create policy "the municipality's readers and admins import as themselves" on public.indicator_value_imports
  for insert to authenticated
  with check (imported_by = auth.uid() and public.writes_municipality_monitoring(municipality_id));
-- Imports are a record of what happened: nobody changes them; removing the municipality removes them.

create policy "the municipality's readers, serving coordinators and admins read values" on public.core_indicator_values
  for select to authenticated
  using (public.reads_municipality_monitoring(public.core_indicator_municipality(core_indicator_id)));
create policy "the municipality's readers and admins enter values as themselves" on public.core_indicator_values
  for insert to authenticated
  with check (
    entered_by = auth.uid()
    and public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );
create policy "the municipality's readers and admins correct values" on public.core_indicator_values
  for update to authenticated
  using (public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id)))
  with check (
    entered_by = auth.uid()
    and public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );
create policy "the municipality's readers and admins remove values" on public.core_indicator_values
  for delete to authenticated
  using (public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id)));

-- Experience data: aggregates only, never for fewer than five -------------------------------------------

-- Questionnaire scores per wave of the municipality's respondents, for the given indicators, from every
-- questionnaire whose results the caller may see. Each (wave, indicator) group comes from
-- questionnaire_scores, which blanks (null respondents and mean) any group of fewer than five.
create function public.monitoring_questionnaire_scores(p_municipality uuid, p_indicators text[])
returns table (
  questionnaire_id uuid, title_nl text, title_en text, title_ar text,
  wave_id uuid, wave_name text, opens_on date,
  indicator_code text, respondents int, mean_score numeric
)
language plpgsql stable security definer set search_path = ''
as $$
declare
  q record;
begin
  if not public.reads_municipality_monitoring(p_municipality) then
    return;
  end if;
  for q in
    select distinct qn.id, qn.title_nl, qn.title_en, qn.title_ar
    from public.questionnaires qn
    join public.questionnaire_questions qq on qq.questionnaire_id = qn.id
    where qq.kind = 'scale' and qq.indicator_code = any (p_indicators) and qn.status <> 'draft'
      and public.sees_questionnaire_results(qn.id)
  loop
    return query
      select q.id, q.title_nl, q.title_en, q.title_ar, w.id, w.name, w.opens_on,
        s.item, s.respondents, s.mean_score
      from public.questionnaire_scores(q.id, null, null, p_municipality, 'wave', 'indicator') s
      join public.questionnaire_waves w on w.id::text = s.group_key
      where s.item = any (p_indicators);
  end loop;
end
$$;

-- Signals per month received about the municipality and tagged with one of the given indicators,
-- per indicator, from the month of p_from on (whole months only: a start date inside a month could
-- otherwise split a group and reveal one signal by difference). Merged duplicates do not count twice. A month with one to four
-- signals for an indicator comes back as null ("<5") for everyone, admins included, so the number
-- is the same on every screen and export; a month without any does not come back.
create function public.monitoring_signal_counts(p_municipality uuid, p_indicators text[], p_from date)
returns table (indicator_code text, month date, signals int)
language sql stable security definer set search_path = ''
as $$
  select si.indicator_code, date_trunc('month', s.received_on)::date,
    case when count(*) >= 5 then count(*)::int end
  from public.signals s
  join public.signal_indicators si on si.signal_id = s.id
  where public.reads_municipality_monitoring(p_municipality)
    and s.municipality_id = p_municipality and s.status <> 'merged'
    and si.indicator_code = any (p_indicators)
    and s.received_on >= date_trunc('month', p_from)::date
  group by 1, 2
$$;

-- Privileges ------------------------------------------------------------------------------------------

revoke execute on function public.core_indicator_municipality(uuid), public.reads_municipality_monitoring(uuid),
  public.writes_municipality_monitoring(uuid), public.monitoring_questionnaire_scores(uuid, text[]),
  public.monitoring_signal_counts(uuid, text[], date)
from public;
grant execute on function public.core_indicator_municipality(uuid), public.reads_municipality_monitoring(uuid),
  public.writes_municipality_monitoring(uuid)
to anon, authenticated, service_role;
grant execute on function public.monitoring_questionnaire_scores(uuid, text[]),
  public.monitoring_signal_counts(uuid, text[], date)
to authenticated, service_role;

grant select on public.core_indicator_indicators to anon;
grant select, insert, delete on public.core_indicator_indicators to authenticated, service_role;
grant select, insert on public.indicator_value_imports to authenticated, service_role;
grant select, insert, update, delete on public.core_indicator_values to authenticated, service_role;
