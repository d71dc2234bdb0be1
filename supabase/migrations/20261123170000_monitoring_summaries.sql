-- Monitoring at scale (issue 8 benchmark): the questionnaire results and the signal patterns were
-- computed from every answer / every tagged signal on each page view. Now triggers keep small summary
-- tables up to date, and the result functions read those (a few hundred rows instead of 200 000).
--
-- The pattern, for both: a *tally* per source row (a completed response; a tagged signal) records what
-- that row currently adds to the summary and where. After every statement that may change a source,
-- `…_retally(ids)` recomputes the tallies of the rows involved from the tables themselves, subtracts the
-- stored tally, adds the fresh one and stores it. The summary is therefore always the sum of the
-- tallies, and each tally is what its row contributes now, whatever the order in which cascades
-- (a deleted wave → its responses → their answers) reach the triggers.
--
-- Nobody reads the summaries or tallies directly (no grants, RLS without policies): only the
-- security-definer functions do, and they keep the rules of the functions they replace: the same
-- readers, and no group of fewer than five respondents, whatever the filters.

-- Questionnaire results -------------------------------------------------------------------------------

-- One item of what a response contributes: per question (respondents = answers), per choice of a
-- question (scale value or option), per indicator and per domain (respondents = 1: the response counts
-- once however many questions of the indicator it answered; scored/total: its scale answers there).
create type public.questionnaire_tally_item as (
  kind text, item text, choice text, respondents int, scored int, total int
);

create table public.questionnaire_response_tallies (
  -- No foreign key: the tally must outlive a deleted response until the retally subtracts it.
  response_id uuid primary key,
  wave_id uuid not null,
  region_id uuid,
  municipality_id uuid,
  items public.questionnaire_tally_item[] not null
);

-- The sums over completed responses per wave × region × municipality (a "cell") and item. A cell whose
-- last response went keeps its row at zero (readers skip those) rather than every save scanning for it.
create table public.questionnaire_result_cells (
  wave_id uuid not null,
  kind text not null check (kind in ('question', 'choice', 'indicator', 'domain')),
  item text not null,
  choice text not null default '',
  region_id uuid,
  municipality_id uuid,
  respondents int not null,
  scored int not null,
  total bigint not null,
  constraint questionnaire_result_cells_key
    unique nulls not distinct (wave_id, kind, item, choice, region_id, municipality_id)
);

-- What the given responses contribute now (completed ones only), computed from the answers, in the
-- same shapes the former aggregate queries grouped them.
-- Invoker rights: only the trigger functions (security definer) and the backfill call it, so nobody
-- else could read single responses through it even if granted execute.
create function public.questionnaire_tallies_of(p_responses uuid[])
returns setof public.questionnaire_response_tallies
language sql stable set search_path = ''
as $$
  with scope as (
    select r.id, r.wave_id, r.region_id, r.municipality_id
    from (select distinct u.id from unnest(p_responses) u(id)) u
    join public.questionnaire_responses r on r.id = u.id
    where r.completed_at is not null
  ), answers as (
    select a.response_id, a.question_id, a.scale_value, a.option_ids, q.kind, q.indicator_code, i.domain
    from scope s
    join public.questionnaire_answers a on a.response_id = s.id
    join public.questionnaire_questions q on q.id = a.question_id
    join public.indicators i on i.code = q.indicator_code
  ), items as (
    select a.response_id, 'question' as kind, a.question_id::text as item, '' as choice,
      count(*)::int as respondents, count(a.scale_value)::int as scored, coalesce(sum(a.scale_value), 0)::int as total
    from answers a group by a.response_id, a.question_id
    union all
    select a.response_id, 'choice', a.question_id::text, coalesce(a.scale_value::text, o::text), count(*)::int, 0, 0
    from answers a left join lateral unnest(a.option_ids) o on true
    where a.kind <> 'open' and coalesce(a.scale_value::text, o::text) is not null
    group by a.response_id, a.question_id, coalesce(a.scale_value::text, o::text)
    union all
    select a.response_id, 'indicator', a.indicator_code, '', 1, count(*)::int, sum(a.scale_value)::int
    from answers a where a.kind = 'scale' and a.scale_value is not null
    group by a.response_id, a.indicator_code
    union all
    select a.response_id, 'domain', a.domain, '', 1, count(*)::int, sum(a.scale_value)::int
    from answers a where a.kind = 'scale' and a.scale_value is not null
    group by a.response_id, a.domain
  )
  select s.id, s.wave_id, s.region_id, s.municipality_id,
    array_agg(row(i.kind, i.item, i.choice, i.respondents, i.scored, i.total)::public.questionnaire_tally_item
              order by i.kind, i.item, i.choice)
  from scope s join items i on i.response_id = s.id
  group by s.id, s.wave_id, s.region_id, s.municipality_id
$$;

create function public.questionnaire_retally(p_responses uuid[]) returns void
language plpgsql volatile set search_path = ''
as $$
declare
  fresh_rows public.questionnaire_response_tallies[];
begin
  if coalesce(cardinality(p_responses), 0) = 0 then
    return;
  end if;
  fresh_rows := array(select t from public.questionnaire_tallies_of(p_responses) t);
  -- One upsert of the difference (rows in key order, so concurrent completions queue, not deadlock).
  with old as (
    delete from public.questionnaire_response_tallies t
    using (select distinct u.id from unnest(p_responses) u(id)) u
    where t.response_id = u.id
    returning t.*
  ), fresh as (
    select * from unnest(fresh_rows)
  ), changes as (
    select -1 as sign, o.wave_id, o.region_id, o.municipality_id, o.items from old o
    union all
    select 1, f.wave_id, f.region_id, f.municipality_id, f.items from fresh f
  )
  insert into public.questionnaire_result_cells as c
    (wave_id, kind, item, choice, region_id, municipality_id, respondents, scored, total)
  select ch.wave_id, i.kind, i.item, i.choice, ch.region_id, ch.municipality_id,
    sum(ch.sign * i.respondents), sum(ch.sign * i.scored), sum(ch.sign * i.total)
  from changes ch cross join lateral unnest(ch.items) i
  group by ch.wave_id, i.kind, i.item, i.choice, ch.region_id, ch.municipality_id
  having sum(ch.sign * i.respondents) <> 0 or sum(ch.sign * i.scored) <> 0 or sum(ch.sign * i.total) <> 0
  order by ch.wave_id, i.kind, i.item, i.choice, ch.region_id, ch.municipality_id
  on conflict on constraint questionnaire_result_cells_key do update
    set respondents = c.respondents + excluded.respondents,
        scored = c.scored + excluded.scored,
        total = c.total + excluded.total;

  insert into public.questionnaire_response_tallies select * from unnest(fresh_rows);

end
$$;

-- The triggers: after each statement, retally the responses it touched. (Transition tables are one
-- event per trigger, hence the three triggers per table.)
create function public.questionnaire_answers_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform public.questionnaire_retally(array(select distinct n.response_id from new_rows n));
  elsif tg_op = 'UPDATE' then
    perform public.questionnaire_retally(array(
      select o.response_id from old_rows o union select n.response_id from new_rows n));
  else
    perform public.questionnaire_retally(array(select distinct o.response_id from old_rows o));
  end if;
  return null;
end
$$;
create trigger questionnaire_answers_inserted after insert on public.questionnaire_answers
  referencing new table as new_rows for each statement execute function public.questionnaire_answers_changed();
create trigger questionnaire_answers_updated after update on public.questionnaire_answers
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.questionnaire_answers_changed();
create trigger questionnaire_answers_deleted after delete on public.questionnaire_answers
  referencing old table as old_rows for each statement execute function public.questionnaire_answers_changed();

create function public.questionnaire_responses_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform public.questionnaire_retally(array(select n.id from new_rows n where n.completed_at is not null));
  elsif tg_op = 'UPDATE' then
    -- Only what places or counts a response; saving a new resume secret changes nothing here.
    perform public.questionnaire_retally(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.completed_at is null) <> (o.completed_at is null)
        or n.wave_id <> o.wave_id
        or n.region_id is distinct from o.region_id
        or n.municipality_id is distinct from o.municipality_id
      union
      -- a changed primary key (never done, but then both ids are retallied)
      select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)
      union
      select n.id from new_rows n where not exists (select 1 from old_rows o where o.id = n.id)));
  else
    perform public.questionnaire_retally(array(select o.id from old_rows o));
  end if;
  return null;
end
$$;
create trigger questionnaire_responses_inserted after insert on public.questionnaire_responses
  referencing new table as new_rows for each statement execute function public.questionnaire_responses_changed();
create trigger questionnaire_responses_updated after update on public.questionnaire_responses
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.questionnaire_responses_changed();
create trigger questionnaire_responses_deleted after delete on public.questionnaire_responses
  referencing old table as old_rows for each statement execute function public.questionnaire_responses_changed();

-- A question that changes its kind or indicator moves its answers to other items (rare: retally
-- every response that answered it). A deleted question cascades to its answers, whose trigger runs.
create function public.questionnaire_questions_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform public.questionnaire_retally(array(
    select distinct a.response_id
    from new_rows n join old_rows o on o.id = n.id
    join public.questionnaire_answers a on a.question_id = n.id
    where n.kind <> o.kind or n.indicator_code <> o.indicator_code));
  return null;
end
$$;
create trigger questionnaire_questions_updated after update on public.questionnaire_questions
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.questionnaire_questions_changed();

-- An indicator moved to another domain (an administrator's correction) moves the domain items.
create function public.indicators_domain_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform public.questionnaire_retally(array(
    select distinct a.response_id
    from new_rows n join old_rows o on o.code = n.code
    join public.questionnaire_questions q on q.indicator_code = n.code
    join public.questionnaire_answers a on a.question_id = q.id
    where n.domain <> o.domain));
  return null;
end
$$;
create trigger indicators_domain_changed after update on public.indicators
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.indicators_domain_changed();

-- The result functions, same signatures and rules, now reading the cells --------------------------

create or replace function public.questionnaire_scores(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null,
  p_by text default 'none', p_level text default 'indicator'
) returns table (group_key text, item text, respondents int, mean_score numeric)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  if p_by not in ('none', 'wave', 'region', 'municipality') or p_level not in ('indicator', 'domain') then
    raise exception 'unknown breakdown' using errcode = '22023';
  end if;
  return query
  with grouped as (
    select
      case p_by when 'wave' then c.wave_id::text when 'region' then c.region_id::text
                when 'municipality' then c.municipality_id::text else 'all' end as g,
      c.item as it, sum(c.respondents)::int as n, sum(c.scored) as scored, sum(c.total) as total
    from public.questionnaire_waves w
    join public.questionnaire_result_cells c on c.wave_id = w.id and c.kind = p_level
    where w.questionnaire_id = p_questionnaire
      and (p_wave is null or c.wave_id = p_wave)
      and (p_region is null or c.region_id = p_region)
      and (p_municipality is null or c.municipality_id = p_municipality)
    group by 1, 2
    having sum(c.respondents) > 0
  )
  -- The group's size decides, after every filter: fewer than five shows nothing but that it exists.
  select g.g, g.it,
    case when g.n >= 5 then g.n end,
    case when g.n >= 5 and g.scored > 0 then round(g.total::numeric / g.scored, 2) end
  from grouped g;
end
$$;

create or replace function public.questionnaire_question_results(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (question_id uuid, respondents int, mean_score numeric, counts jsonb)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  return query
  with scoped as (
    select c.kind, c.item, c.choice, c.respondents, c.scored, c.total
    from public.questionnaire_waves w
    join public.questionnaire_result_cells c on c.wave_id = w.id and c.kind in ('question', 'choice')
    where w.questionnaire_id = p_questionnaire
      and (p_wave is null or c.wave_id = p_wave)
      and (p_region is null or c.region_id = p_region)
      and (p_municipality is null or c.municipality_id = p_municipality)
  ), sizes as (
    select s.item, sum(s.respondents)::int as n, sum(s.scored) as scored, sum(s.total) as total
    from scoped s where s.kind = 'question' group by s.item having sum(s.respondents) > 0
  ), choices as (
    select s.item, s.choice, sum(s.respondents)::int as c
    from scoped s where s.kind = 'choice' group by s.item, s.choice having sum(s.respondents) > 0
  )
  select z.item::uuid,
    case when z.n >= 5 then z.n end,
    case when z.n >= 5 and z.scored > 0 then round(z.total::numeric / z.scored, 2) end,
    case when z.n >= 5 then (
      select coalesce(jsonb_object_agg(c.choice, c.c), '{}'::jsonb) from choices c where c.item = z.item
    ) end
  from sizes z;
end
$$;

-- Signal patterns ----------------------------------------------------------------------------------

-- What a tagged, unmerged signal adds to the monthly counts: one per indicator it is tagged with.
create table public.signal_tallies (
  signal_id uuid primary key,
  region_id uuid,
  municipality_id uuid,
  month date not null,
  indicator_codes text[] not null
);

create table public.signal_indicator_months (
  region_id uuid,
  municipality_id uuid,
  indicator_code text not null,
  month date not null,
  n int not null,
  constraint signal_indicator_months_key unique nulls not distinct (month, indicator_code, region_id, municipality_id)
);

-- Invoker rights, like questionnaire_tallies_of.
create function public.signal_tallies_of(p_signals uuid[])
returns setof public.signal_tallies
language sql stable set search_path = ''
as $$
  select s.id, s.region_id, s.municipality_id, date_trunc('month', s.received_on)::date,
    array_agg(si.indicator_code order by si.indicator_code)
  from (select distinct u.id from unnest(p_signals) u(id)) u
  join public.signals s on s.id = u.id
  join public.signal_indicators si on si.signal_id = s.id
  where s.status <> 'merged'
  group by s.id, s.region_id, s.municipality_id, s.received_on
$$;

-- The same pattern as questionnaire_retally (a fix in one belongs in both).
create function public.signal_retally(p_signals uuid[]) returns void
language plpgsql volatile set search_path = ''
as $$
declare
  fresh_rows public.signal_tallies[];
begin
  if coalesce(cardinality(p_signals), 0) = 0 then
    return;
  end if;
  fresh_rows := array(select t from public.signal_tallies_of(p_signals) t);
  with old as (
    delete from public.signal_tallies t
    using (select distinct u.id from unnest(p_signals) u(id)) u
    where t.signal_id = u.id
    returning t.*
  ), fresh as (
    select * from unnest(fresh_rows)
  ), changes as (
    select -1 as sign, o.region_id, o.municipality_id, o.month, o.indicator_codes from old o
    union all
    select 1, f.region_id, f.municipality_id, f.month, f.indicator_codes from fresh f
  )
  insert into public.signal_indicator_months as m (region_id, municipality_id, indicator_code, month, n)
  select ch.region_id, ch.municipality_id, code, ch.month, sum(ch.sign)
  from changes ch cross join lateral unnest(ch.indicator_codes) code
  group by ch.month, code, ch.region_id, ch.municipality_id
  having sum(ch.sign) <> 0
  order by ch.month, code, ch.region_id, ch.municipality_id
  on conflict on constraint signal_indicator_months_key do update set n = m.n + excluded.n;

  insert into public.signal_tallies select * from unnest(fresh_rows);
end
$$;

create function public.signal_indicators_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform public.signal_retally(array(select distinct n.signal_id from new_rows n));
  elsif tg_op = 'UPDATE' then
    perform public.signal_retally(array(select o.signal_id from old_rows o union select n.signal_id from new_rows n));
  else
    perform public.signal_retally(array(select distinct o.signal_id from old_rows o));
  end if;
  return null;
end
$$;
create trigger signal_indicators_inserted after insert on public.signal_indicators
  referencing new table as new_rows for each statement execute function public.signal_indicators_changed();
create trigger signal_indicators_updated after update on public.signal_indicators
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.signal_indicators_changed();
create trigger signal_indicators_deleted after delete on public.signal_indicators
  referencing old table as old_rows for each statement execute function public.signal_indicators_changed();

-- A new signal has no tags yet, so inserts need no trigger; updates that place, date or merge it do.
create function public.signals_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    perform public.signal_retally(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where n.status <> o.status or n.received_on <> o.received_on
        or n.region_id is distinct from o.region_id or n.municipality_id is distinct from o.municipality_id
      union
      select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)
      union
      select n.id from new_rows n where not exists (select 1 from old_rows o where o.id = n.id)));
  else
    perform public.signal_retally(array(select o.id from old_rows o));
  end if;
  return null;
end
$$;
create trigger signals_updated after update on public.signals
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.signals_changed();
create trigger signals_deleted after delete on public.signals
  referencing old table as old_rows for each statement execute function public.signals_changed();

-- Tagged signals per indicator and month from p_from on, over exactly the signals the caller may read:
-- the condition is the select policy on public.signals word for word (a test checks both agree).
create function public.signal_counts_per_indicator_month(p_region uuid, p_municipality uuid, p_from date)
returns table (indicator_code text, month text, n int)
language sql stable security definer set search_path = ''
as $$
  select m.indicator_code, to_char(m.month, 'YYYY-MM'), sum(m.n)::int
  from public.signal_indicator_months m
  where m.month >= p_from
    and (p_region is null or m.region_id = p_region)
    and (p_municipality is null or m.municipality_id = p_municipality)
    and (
      m.region_id = any ((select public.my_signal_regions())::uuid[])
      or (m.region_id is null and (select public.has_role('coordinator')))
      or (select public.is_admin())
    )
  group by m.indicator_code, m.month
  having sum(m.n) > 0
$$;

-- The most recent signals first, for the similar-signals groups (a bounded window, read in index order).
create index signals_recent_idx on public.signals (received_on desc, id) where status <> 'merged';

-- Privileges ---------------------------------------------------------------------------------------

alter table public.questionnaire_response_tallies enable row level security;
alter table public.questionnaire_result_cells enable row level security;
alter table public.signal_tallies enable row level security;
alter table public.signal_indicator_months enable row level security;
-- No policies: readable only through the functions above (Supabase grants new tables to its roles by
-- default, hence the explicit revoke).
revoke all on public.questionnaire_response_tallies, public.questionnaire_result_cells,
  public.signal_tallies, public.signal_indicator_months
from public, anon, authenticated, service_role;

revoke execute on function
  public.questionnaire_tallies_of(uuid[]), public.questionnaire_retally(uuid[]),
  public.questionnaire_answers_changed(), public.questionnaire_responses_changed(),
  public.questionnaire_questions_changed(), public.indicators_domain_changed(),
  public.signal_tallies_of(uuid[]), public.signal_retally(uuid[]),
  public.signal_indicators_changed(), public.signals_changed(),
  public.signal_counts_per_indicator_month(uuid, uuid, date)
from public, anon, authenticated, service_role;
grant execute on function public.signal_counts_per_indicator_month(uuid, uuid, date) to authenticated, service_role;

-- The monitoring page's signal counts (20261123160000_monitoring) from the same summary instead of the
-- raw rows; same rules: whole months, merged duplicates not counted, 1–4 as null ("<5"), no empty months.
create or replace function public.monitoring_signal_counts(p_municipality uuid, p_indicators text[], p_from date)
returns table (indicator_code text, month date, signals int)
language sql stable security definer set search_path = ''
as $$
  select m.indicator_code, m.month, case when sum(m.n) >= 5 then sum(m.n)::int end
  from public.signal_indicator_months m
  where public.reads_municipality_monitoring(p_municipality)
    and m.municipality_id = p_municipality
    and m.indicator_code = any (p_indicators)
    and m.month >= date_trunc('month', p_from)::date
  group by 1, 2
  having sum(m.n) > 0
$$;

-- Backfill from what is there.
select public.questionnaire_retally(array(select id from public.questionnaire_responses));
select public.signal_retally(array(select id from public.signals));
