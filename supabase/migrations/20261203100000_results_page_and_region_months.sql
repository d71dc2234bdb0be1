-- Issue 8 benchmark, the two pages' largest statements in the embedded database:
--
-- 1. The results page asked for four score breakdowns and the per-question results through five calls
--    (one union): five access checks and five scans of the result cells. questionnaire_results_page
--    checks once, reads the questionnaire's cells once and computes all five from them, with the same
--    rules as questionnaire_scores and questionnaire_question_results (a test compares them).
-- 2. The patterns page without a municipality summed the monthly counts of every municipality of the
--    reader's regions. signal_indicator_region_months keeps those sums per region, maintained from
--    signal_indicator_months by a trigger, so such a reader sums a tenth of the rows.

-- Results page ---------------------------------------------------------------------------------------

-- part: 'indicator' and 'domain' (filters as given, group 'all'), 'wave' (per wave, every wave, at
-- indicator level), 'municipality' (per municipality, every municipality, at domain level) and
-- 'question' (per question, with counts per choice). Every group of fewer than five: respondents and
-- mean null, no counts.
create function public.questionnaire_results_page(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (part text, group_key text, item text, respondents int, mean_score numeric, counts jsonb)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  return query
  with scoped as materialized (
    -- What any part needs: the per-wave part ignores the wave filter, the per-municipality part the
    -- municipality filter; each part applies the rest itself.
    select c.kind, c.item, c.choice, c.wave_id, c.municipality_id, c.respondents, c.scored, c.total,
      (p_wave is null or c.wave_id = p_wave) as in_wave,
      (p_municipality is null or c.municipality_id = p_municipality) as in_place
    from public.questionnaire_waves w
    join public.questionnaire_result_cells c on c.wave_id = w.id
    where w.questionnaire_id = p_questionnaire
      and (p_region is null or c.region_id = p_region)
      and (p_wave is null or c.wave_id = p_wave or c.kind = 'indicator')
      and (p_municipality is null or c.municipality_id = p_municipality or c.kind = 'domain')
  ), grouped as (
    select s.kind as part, 'all' as g, s.item as it,
      sum(s.respondents)::int as n, sum(s.scored) as scored, sum(s.total) as total
    from scoped s where s.kind in ('indicator', 'domain') and s.in_wave and s.in_place
    group by s.kind, s.item
    union all
    select 'wave', s.wave_id::text, s.item, sum(s.respondents)::int, sum(s.scored), sum(s.total)
    from scoped s where s.kind = 'indicator' and s.in_place
    group by s.wave_id, s.item
    union all
    select 'municipality', s.municipality_id::text, s.item, sum(s.respondents)::int, sum(s.scored), sum(s.total)
    from scoped s where s.kind = 'domain' and s.in_wave
    group by s.municipality_id, s.item
    union all
    select 'question', null, s.item, sum(s.respondents)::int, sum(s.scored), sum(s.total)
    from scoped s where s.kind = 'question' and s.in_wave and s.in_place
    group by s.item
  ), choices as (
    select s.item, jsonb_object_agg(s.choice, s.c) as counts
    from (
      select s.item, s.choice, sum(s.respondents)::int as c
      from scoped s where s.kind = 'choice' and s.in_wave and s.in_place
      group by s.item, s.choice having sum(s.respondents) > 0
    ) s
    group by s.item
  )
  -- The group's size decides, after every filter: fewer than five shows nothing but that it exists.
  select g.part, g.g, g.it,
    case when g.n >= 5 then g.n end,
    case when g.n >= 5 and g.scored > 0 then round(g.total::numeric / g.scored, 2) end,
    case when g.part = 'question' and g.n >= 5 then coalesce(ch.counts, '{}'::jsonb) end
  from grouped g
  left join choices ch on g.part = 'question' and ch.item = g.it
  where g.n > 0;
end
$$;

-- Signal counts per region ---------------------------------------------------------------------------

create table public.signal_indicator_region_months (
  region_id uuid,
  indicator_code text not null,
  month date not null,
  n int not null,
  constraint signal_indicator_region_months_key unique nulls not distinct (month, indicator_code, region_id)
);
alter table public.signal_indicator_region_months enable row level security;
-- No policies, like the other summaries: read only through signal_counts_per_indicator_month.
revoke all on public.signal_indicator_region_months from public, anon, authenticated, service_role;

-- Adds rows of signal_indicator_months to their region's row and takes others away (order as the key,
-- so concurrent writers lock rows in the same order). Invoker rights: only the trigger calls it.
create function public.signal_region_months_apply(
  p_added public.signal_indicator_months[], p_removed public.signal_indicator_months[]
) returns void
language sql volatile set search_path = ''
as $$
  insert into public.signal_indicator_region_months as r (region_id, indicator_code, month, n)
  select d.region_id, d.indicator_code, d.month, sum(d.n)
  from (
    select a.region_id, a.indicator_code, a.month, a.n from unnest(p_added) a
    union all
    select o.region_id, o.indicator_code, o.month, -o.n from unnest(p_removed) o
  ) d
  group by d.month, d.indicator_code, d.region_id
  having sum(d.n) <> 0
  order by d.month, d.indicator_code, d.region_id
  on conflict on constraint signal_indicator_region_months_key do update set n = r.n + excluded.n
$$;

-- What a statement changed in the municipality rows, added to their regions' rows.
create function public.signal_indicator_months_changed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
declare
  added public.signal_indicator_months[] := '{}';
  removed public.signal_indicator_months[] := '{}';
begin
  -- Only the transition tables the operation has may be named.
  if tg_op in ('INSERT', 'UPDATE') then
    added := array(select row(r.*)::public.signal_indicator_months from new_rows r);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    removed := array(select row(r.*)::public.signal_indicator_months from old_rows r);
  end if;
  perform public.signal_region_months_apply(added, removed);
  return null;
end
$$;
create trigger signal_indicator_months_inserted after insert on public.signal_indicator_months
  referencing new table as new_rows for each statement execute function public.signal_indicator_months_changed();
create trigger signal_indicator_months_updated after update on public.signal_indicator_months
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.signal_indicator_months_changed();
create trigger signal_indicator_months_deleted after delete on public.signal_indicator_months
  referencing old table as old_rows for each statement execute function public.signal_indicator_months_changed();
revoke execute on function
  public.signal_region_months_apply(public.signal_indicator_months[], public.signal_indicator_months[]),
  public.signal_indicator_months_changed()
from public, anon, authenticated, service_role;

-- The same function, reading the region sums unless a municipality is asked for (the other branch is
-- a one-time filter, never scanned). The reader's condition is still the select policy on
-- public.signals word for word (a test checks both agree).
create or replace function public.signal_counts_per_indicator_month(p_region uuid, p_municipality uuid, p_from date)
returns table (indicator_code text, month text, n int)
language sql stable security definer set search_path = ''
as $$
  select m.indicator_code, to_char(m.month, 'YYYY-MM'), sum(m.n)::int
  from (
    select t.region_id, t.indicator_code, t.month, t.n from public.signal_indicator_months t
    where p_municipality is not null and t.municipality_id = p_municipality
    union all
    select t.region_id, t.indicator_code, t.month, t.n from public.signal_indicator_region_months t
    where p_municipality is null
  ) m
  where m.month >= p_from
    and (p_region is null or m.region_id = p_region)
    and (
      m.region_id = any ((select public.my_signal_regions())::uuid[])
      or (m.region_id is null and (select public.has_role('coordinator')))
      or (select public.is_admin())
    )
  group by m.indicator_code, m.month
  having sum(m.n) > 0
$$;

-- Backfill from the municipality rows.
insert into public.signal_indicator_region_months (region_id, indicator_code, month, n)
select m.region_id, m.indicator_code, m.month, sum(m.n)
from public.signal_indicator_months m
group by m.month, m.indicator_code, m.region_id
having sum(m.n) <> 0;
