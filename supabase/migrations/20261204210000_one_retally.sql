-- Issue 20, item 7: `questionnaire_retally` and `signal_retally` (20261123170000) were near copies
-- ("a fix in one belongs in both"). What they share, replacing the stored tallies of some source rows
-- with fresh ones and handing back the difference as signed rows, is now one function; each retally
-- keeps only what differs: how a tally adds up into its own summary table.

-- Stores `p_fresh` in place of the stored tallies of `p_sources` (the tally table is the row type of
-- `p_fresh`, its source id the column `p_source_column`), and returns what the summary must change
-- by: each replaced tally with sign -1, each fresh one with sign +1.
create function private.swap_tallies(p_fresh anyarray, p_sources uuid[], p_source_column name)
returns table (sign int, tally anyelement)
language plpgsql volatile set search_path = ''
as $$
declare
  tallies regclass := (select t.typrelid::regclass from pg_catalog.pg_type t where t.oid = pg_catalog.pg_typeof(p_fresh[1]));
  replaced p_fresh%type;
begin
  execute format(
    'with gone as (delete from %s t where t.%I = any ($1) returning t) select coalesce(array_agg(gone.t), ''{}'') from gone',
    tallies, p_source_column)
    into replaced using p_sources;
  execute format('insert into %s select * from unnest($1)', tallies) using p_fresh;
  return query select -1, r from unnest(replaced) r union all select 1, f from unnest(p_fresh) f;
end
$$;
revoke execute on function private.swap_tallies(anyarray, uuid[], name) from public, anon, authenticated;

create or replace function private.questionnaire_retally(p_responses uuid[]) returns void
language plpgsql volatile set search_path = ''
as $$
declare
  moved_waves uuid[];
begin
  if coalesce(cardinality(p_responses), 0) = 0 then
    return;
  end if;
  with changes as (
    select ch.sign, ch.tally from private.swap_tallies(
      array(select t from private.questionnaire_tallies_of(p_responses) t), p_responses, 'response_id') ch
  ), differences as (
    select (ch.tally).wave_id, i.kind, i.item, i.choice, (ch.tally).region_id, (ch.tally).municipality_id,
      sum(ch.sign * i.respondents) as respondents, sum(ch.sign * i.scored) as scored, sum(ch.sign * i.total) as total
    from changes ch cross join lateral unnest((ch.tally).items) i
    group by 1, 2, 3, 4, 5, 6
    having sum(ch.sign * i.respondents) <> 0 or sum(ch.sign * i.scored) <> 0 or sum(ch.sign * i.total) <> 0
  ), applied as (
    -- One upsert of the difference (rows in key order, so concurrent completions queue, not deadlock).
    insert into public.questionnaire_result_cells as c
      (wave_id, kind, item, choice, region_id, municipality_id, respondents, scored, total)
    select d.wave_id, d.kind, d.item, d.choice, d.region_id, d.municipality_id, d.respondents, d.scored, d.total
    from differences d
    order by d.wave_id, d.kind, d.item, d.choice, d.region_id, d.municipality_id
    on conflict on constraint questionnaire_result_cells_key do update
      set respondents = c.respondents + excluded.respondents,
          scored = c.scored + excluded.scored,
          total = c.total + excluded.total
  )
  select array_agg(distinct d.wave_id) into moved_waves from differences d where d.respondents <> 0;

  -- The questionnaires whose respondents moved between groups decide again what to hide
  -- (20261204120000); a changed score alone moves nobody.
  perform private.questionnaire_rehide(array(
    select w.questionnaire_id from public.questionnaire_waves w where w.id = any (moved_waves)));
end
$$;

create or replace function private.signal_retally(p_signals uuid[]) returns void
language plpgsql volatile set search_path = ''
as $$
begin
  if coalesce(cardinality(p_signals), 0) = 0 then
    return;
  end if;
  insert into public.signal_indicator_months as m (region_id, municipality_id, indicator_code, month, n)
  select (ch.tally).region_id, (ch.tally).municipality_id, code, (ch.tally).month, sum(ch.sign)
  from private.swap_tallies(array(select t from private.signal_tallies_of(p_signals) t), p_signals, 'signal_id') ch
  cross join lateral unnest((ch.tally).indicator_codes) code
  group by (ch.tally).month, code, (ch.tally).region_id, (ch.tally).municipality_id
  having sum(ch.sign) <> 0
  order by (ch.tally).month, code, (ch.tally).region_id, (ch.tally).municipality_id
  on conflict on constraint signal_indicator_months_key do update set n = m.n + excluded.n;
end
$$;
