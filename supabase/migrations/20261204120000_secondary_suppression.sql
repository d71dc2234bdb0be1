-- Issue 16, item 4: "<5" defeated by subtraction. Every group under five was blanked, but its siblings
-- and their total were shown: a region's result minus every municipality shown beside it gave the
-- blanked municipality's respondents and answers exactly (Kampen's two). Wherever groups are shown with
-- their total, more must be hidden, so that no group under five can be worked out from what is shown.
--
-- One helper decides it for any figures that add up (small_group_suppression). The questionnaire
-- results feed it their whole cube at once (questionnaire_result_groups: every item per wave and all
-- waves, per place at every level), so that every page, filter, breakdown and export reads the same
-- decision for the same group; the pool diversity overview feeds it its dimensions. Hidden values say
-- why: 'too_few' (fewer than five) or 'protective' (hidden so that a small group cannot be worked out).

-- The shared rule ---------------------------------------------------------------------------------------

-- p_sizes[i] is the number of people in group i. Each row k of (p_relations, p_parents, p_children)
-- says: in relation p_relations[k], group p_parents[k] is the sum of its children, one of which is
-- p_children[k] (a group may be the parent of several relations and a child in others). Returns per
-- group 0 (show), 1 (fewer than five: hidden) or 2 (hidden to protect a small group).
--
-- Primary: every group of one to four is hidden. Secondary, repeated until nothing changes, for every
-- relation (zero-sized groups count as shown: an absent figure is a known zero):
--   * a shown parent: its hidden children must be none, or at least two whose sum (what the parent minus
--     the shown children gives away) is five or more, and that sum may not pin each of them to its
--     least (all under-five ones 1, all others 5) or, with only under-five ones, to its most (all 4);
--     otherwise one more child is hidden, or the parent when no child is left;
--   * a parent hidden to protect: its hidden children must add up to five or more (else it would be
--     the sum of shown children plus a small group), so one more child is hidden.
-- The child hidden is the one that mends the most relations at once (the corner of a rectangle across
-- places and waves), then the smallest, then the lowest number: fewer figures go, and the same
-- figures always give the same answer, whoever asks and whatever else they ask for.
-- Together these keep every remainder that any chain of subtractions leaves at zero or five and more:
-- a hidden child contributes either its whole group (under five, all of its own children hidden) or, if
-- hidden to protect, a remainder of five or more.
create function public.small_group_suppression(
  p_sizes int[], p_relations int[], p_parents int[], p_children int[]
) returns smallint[]
language plpgsql immutable set search_path = ''
-- The same reason as in questionnaire_result_groups: the arrays' rows have no statistics.
set enable_nestloop = off
as $$
declare
  states smallint[];
  -- the groups hidden in the last round: only relations holding one of them can have changed
  touched boolean[];
  more int[];
  g int;
begin
  states := array(
    select (case when s.size between 1 and 4 then 1 else 0 end)::smallint
    from unnest(p_sizes) with ordinality s(size, i) order by s.i);
  touched := array(select s.state = 1 from unnest(states) with ordinality s(state, i) order by s.i);
  loop
    more := array(
      with edges as materialized (
        select e.rel, e.parent, e.child, p_sizes[e.child] as size, states[e.child] as state
        from unnest(p_relations, p_parents, p_children) e(rel, parent, child)
        where p_sizes[e.child] > 0
      ), relations as (
        select e.rel, e.parent,
          count(*) filter (where e.state > 0) as hidden,
          coalesce(sum(e.size) filter (where e.state > 0), 0) as hidden_sum,
          count(*) filter (where e.state = 1) as few,
          count(*) filter (where e.state = 2) as protective
        from edges e
        where e.rel in (select t.rel from edges t where touched[t.parent] or touched[t.child])
        group by e.rel, e.parent
      ), broken as (
        select r.rel, r.parent from relations r
        where (states[r.parent] = 0 and r.hidden > 0 and (
                r.hidden < 2 or r.hidden_sum < 5
                or r.hidden_sum = r.few + 5 * r.protective
                or (r.protective = 0 and r.hidden_sum = 4 * r.few)))
           or (states[r.parent] = 2 and r.hidden_sum < 5)
      ), candidates as (
        select b.rel, e.child, e.size from broken b join edges e on e.rel = b.rel where e.state = 0
      ), mends as (
        select c.child, count(*) as relations from candidates c group by c.child
      ), chosen as (
        select distinct on (c.rel) c.rel, c.child
        from candidates c join mends m on m.child = c.child
        order by c.rel, m.relations desc, c.size, c.child
      )
      select distinct coalesce(c.child, case when states[b.parent] = 0 then b.parent end)
      from broken b left join chosen c on c.rel = b.rel
      where c.child is not null or states[b.parent] = 0);
    exit when cardinality(more) = 0;
    touched := array_fill(false, array[cardinality(p_sizes)]);
    foreach g in array more loop
      states[g] := 2;
      touched[g] := true;
    end loop;
  end loop;
  return states;
end
$$;

-- Questionnaire results ----------------------------------------------------------------------------------

-- Every group the result functions can show for a questionnaire, with the helper's decision: per item
-- (p_kinds of 'question', 'indicator', 'domain'), per wave and all waves ('all'), per place: everywhere
-- ('all'/'all'), a region (region/'all'), a municipality ('all'/municipality) or a municipality within a
-- region. 'none' stands for respondents without a region or municipality. Only non-empty groups.
--
-- The figures that add up, for every item: all waves = the sum of the waves, at every place; everywhere
-- = the sum of the regions, and the sum of the municipalities; a region = the sum of its municipalities;
-- a municipality = the sum of its regions (one, unless a municipality ever moved). Places that hold the
-- same respondents (a region with one municipality, a questionnaire with one wave) are one group.
-- The shape (waves, places) comes from every item of the questionnaire, so an item is decided the same
-- whichever kinds a caller asks for.
--
-- Invoker rights and no grants: only the security-definer result functions call it, after their check.
create function public.questionnaire_result_groups(p_questionnaire uuid, p_kinds text[])
returns table (
  kind text, item text, wave_key text, region_key text, municipality_key text,
  respondents int, scored bigint, total bigint, hidden text
)
language plpgsql stable set search_path = ''
-- No statistics guide the plan (PGlite never analyzes), and a nested loop over these few thousand
-- rows costs a hundred times what hashing does; the cells are still read through their index.
set enable_nestloop = off set plan_cache_mode = force_generic_plan
as $$
begin
  return query
  with leaves as materialized (
    select c.kind, c.item, c.wave_id, c.region_id, c.municipality_id, c.respondents, c.scored, c.total
    from public.questionnaire_result_cells c
    where c.wave_id = any (array(select w.id from public.questionnaire_waves w where w.questionnaire_id = p_questionnaire))
      and c.kind in ('question', 'indicator', 'domain') and c.respondents > 0
  ), items as materialized (
    select i.kind, i.item, (row_number() over (order by i.kind collate "C", i.item collate "C") - 1)::int as no
    from (select distinct l.kind, l.item from leaves l where l.kind = any (p_kinds)) i
  ), waves as materialized (
    select w.wave_id, row_number() over (order by w.wave_id)::int as no from (select distinct l.wave_id from leaves l) w
  ), pairs as materialized (
    select p.region_id, p.municipality_id, row_number() over (order by p.region_id, p.municipality_id)::int as no,
      dense_rank() over (order by p.region_id)::int as region_no,
      dense_rank() over (order by p.municipality_id)::int as municipality_no
    from (select distinct l.region_id, l.municipality_id from leaves l) p
  ), slots as materialized (
    -- wave address (0: all waves) → slot; with one wave, that wave and all waves are one group
    select 0 as address, 0 as slot
    union all
    select w.no, case when (select count(*) from waves) = 1 then 0 else w.no end from waves w
  ), place_members as (
    -- every place address (region, municipality; 0: all) with the pairs it holds
    select 0 as ra, 0 as ma, p.no as pair from pairs p
    union all select p.region_no, 0, p.no from pairs p
    union all select 0, p.municipality_no, p.no from pairs p
    union all select p.region_no, p.municipality_no, p.no from pairs p
  ), places as materialized (
    -- addresses holding the same respondents are one node
    select a.ra, a.ma, dense_rank() over (order by a.members)::int as node
    from (select m.ra, m.ma, array_agg(m.pair order by m.pair) as members from place_members m group by m.ra, m.ma) a
  ), shape as materialized (
    -- a group's number: ((item × slots) + slot) × nodes + node
    select (select count(*) from items)::int as items, (select count(distinct s.slot) from slots s)::int as slots,
      (select max(p.node) from places p) as nodes
  ), cube as (
    select ((i.no * sh.slots + s.slot) * sh.nodes + np.node) as id,
      sum(l.respondents)::int as size, sum(l.scored)::bigint as scored, sum(l.total)::bigint as total
    from leaves l
    join items i on i.kind = l.kind and i.item = l.item
    join waves w on w.wave_id = l.wave_id
    join pairs p on p.region_id is not distinct from l.region_id and p.municipality_id is not distinct from l.municipality_id
    join (select distinct x.node, m.pair from places x join place_members m on m.ra = x.ra and m.ma = x.ma) np on np.pair = p.no
    join (select distinct x.slot from slots x) s on s.slot = 0 or s.slot = w.no
    cross join shape sh
    group by 1
  ), grid as materialized (
    -- (one sort for the three arrays: aggregates take a sorted subquery's rows in its order)
    select array_agg(x.size) as sizes, array_agg(x.scored) as scored, array_agg(x.total) as totals
    from (
      select coalesce(c.size, 0) as size, c.scored, c.total
      from shape sh cross join generate_series(1, sh.items * sh.slots * sh.nodes) g(id)
      left join cube c on c.id = g.id
      order by g.id
    ) x
  ), place_relations as (
    -- (parent node, kind of relation, child node), each relation once however nodes merged
    select distinct parent.node as parent, r.relation, child.node as child
    from (
      select 0 as pr, 0 as pm, 0 as relation, p.region_no as cr, 0 as cm from pairs p
      union all select 0, 0, 1, 0, p.municipality_no from pairs p
      union all select p.region_no, 0, 2, p.region_no, p.municipality_no from pairs p
      union all select 0, p.municipality_no, 3, p.region_no, p.municipality_no from pairs p
    ) r
    join places parent on parent.ra = r.pr and parent.ma = r.pm
    join places child on child.ra = r.cr and child.ma = r.cm
    where parent.node <> child.node
  ), edges as (
    -- per item and slot, every place relation; per item and place, all waves over the waves
    select (i.no * sh.slots + s.slot) * sh.nodes * 4 + (r.parent - 1) * 4 + r.relation as rel,
      (i.no * sh.slots + s.slot) * sh.nodes + r.parent as parent,
      (i.no * sh.slots + s.slot) * sh.nodes + r.child as child
    from items i cross join (select distinct x.slot from slots x) s cross join place_relations r cross join shape sh
    union all
    select -((i.no * sh.nodes) + n.node), i.no * sh.slots * sh.nodes + n.node, (i.no * sh.slots + s.slot) * sh.nodes + n.node
    from items i cross join generate_series(1, (select nodes from shape)) n(node)
    cross join (select distinct x.slot from slots x where x.slot > 0) s cross join shape sh
  ), decided as materialized (
    select public.small_group_suppression(g.sizes,
      (select array_agg(e.rel) from edges e), (select array_agg(e.parent) from edges e),
      (select array_agg(e.child) from edges e)) as states
    from grid g
  ), wave_keys as (
    select 0 as no, 'all' as key union all select w.no, w.wave_id::text from waves w
  ), region_keys as (
    select 0 as no, 'all' as key union all select distinct p.region_no, coalesce(p.region_id::text, 'none') from pairs p
  ), municipality_keys as (
    select 0 as no, 'all' as key
    union all select distinct p.municipality_no, coalesce(p.municipality_id::text, 'none') from pairs p
  ), shown as (
    select i.kind, i.item, wk.key as wave_key, rk.key as region_key, mk.key as municipality_key,
      (i.no * sh.slots + s.slot) * sh.nodes + p.node as id
    from items i
    cross join slots s join wave_keys wk on wk.no = s.address
    cross join places p join region_keys rk on rk.no = p.ra join municipality_keys mk on mk.no = p.ma
    cross join shape sh
  ), groups as (
    select u.id::int, u.size, u.scored, u.total, u.state
    from grid g cross join decided d
    cross join unnest(g.sizes, g.scored, g.totals, d.states) with ordinality u(size, scored, total, state, id)
    where u.size > 0
  )
  select x.kind, x.item, x.wave_key, x.region_key, x.municipality_key,
    case when c.state = 0 then c.size end, c.scored, c.total,
    case c.state when 1 then 'too_few' when 2 then 'protective' end
  from shown x join groups c on c.id = x.id;
end
$$;
revoke execute on function public.small_group_suppression(int[], int[], int[], int[]),
  public.questionnaire_result_groups(uuid, text[])
from public, anon, authenticated, service_role;

-- The result functions read their groups from there. Same readers and filters as before; a hidden
-- group has no respondents, mean or counts, and says why in `hidden`.

drop function public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text);
create function public.questionnaire_scores(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null,
  p_by text default 'none', p_level text default 'indicator'
) returns table (group_key text, item text, respondents int, mean_score numeric, hidden text)
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
  select
    case p_by when 'wave' then g.wave_key
              when 'region' then nullif(g.region_key, 'none')
              when 'municipality' then nullif(g.municipality_key, 'none')
              else 'all' end,
    g.item, g.respondents,
    case when g.respondents is not null and g.scored > 0 then round(g.total::numeric / g.scored, 2) end,
    g.hidden
  from public.questionnaire_result_groups(p_questionnaire, array[p_level]) g
  where (case when p_by = 'wave' then g.wave_key <> 'all' and (p_wave is null or g.wave_key = p_wave::text)
              else g.wave_key = coalesce(p_wave::text, 'all') end)
    and (case when p_by = 'region' then g.region_key <> 'all' and (p_region is null or g.region_key = p_region::text)
              else g.region_key = coalesce(p_region::text, 'all') end)
    and (case when p_by = 'municipality'
              then g.municipality_key <> 'all' and (p_municipality is null or g.municipality_key = p_municipality::text)
              else g.municipality_key = coalesce(p_municipality::text, 'all') end);
end
$$;

drop function public.questionnaire_question_results(uuid, uuid, uuid, uuid);
create function public.questionnaire_question_results(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (question_id uuid, respondents int, mean_score numeric, counts jsonb, hidden text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  return query
  with choices as (
    select c.item, c.choice, sum(c.respondents)::int as n
    from public.questionnaire_waves w
    join public.questionnaire_result_cells c on c.wave_id = w.id and c.kind = 'choice'
    where w.questionnaire_id = p_questionnaire
      and (p_wave is null or c.wave_id = p_wave)
      and (p_region is null or c.region_id = p_region)
      and (p_municipality is null or c.municipality_id = p_municipality)
    group by c.item, c.choice having sum(c.respondents) > 0
  )
  select g.item::uuid, g.respondents,
    case when g.respondents is not null and g.scored > 0 then round(g.total::numeric / g.scored, 2) end,
    case when g.respondents is not null then (
      select coalesce(jsonb_object_agg(ch.choice, ch.n), '{}'::jsonb) from choices ch where ch.item = g.item
    ) end,
    g.hidden
  from public.questionnaire_result_groups(p_questionnaire, array['question']) g
  where g.wave_key = coalesce(p_wave::text, 'all')
    and g.region_key = coalesce(p_region::text, 'all')
    and g.municipality_key = coalesce(p_municipality::text, 'all');
end
$$;

-- The results page: all its breakdowns from one computation of the groups (as before, one statement).
drop function public.questionnaire_results_page(uuid, uuid, uuid, uuid);
create function public.questionnaire_results_page(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (part text, group_key text, item text, respondents int, mean_score numeric, counts jsonb, hidden text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  wave_address text := coalesce(p_wave::text, 'all');
  region_address text := coalesce(p_region::text, 'all');
  municipality_address text := coalesce(p_municipality::text, 'all');
begin
  if not public.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  return query
  with groups as materialized (
    select * from public.questionnaire_result_groups(p_questionnaire, array['indicator', 'domain', 'question'])
  ), shown as (
    select g.kind as part, 'all' as group_key, g.item, g.respondents, g.scored, g.total, g.hidden
    from groups g
    where g.kind in ('indicator', 'domain', 'question') and g.wave_key = wave_address
      and g.region_key = region_address and g.municipality_key = municipality_address
    union all
    select 'wave', g.wave_key, g.item, g.respondents, g.scored, g.total, g.hidden
    from groups g
    where g.kind = 'indicator' and g.wave_key <> 'all'
      and g.region_key = region_address and g.municipality_key = municipality_address
    union all
    select 'municipality', nullif(g.municipality_key, 'none'), g.item, g.respondents, g.scored, g.total, g.hidden
    from groups g
    where g.kind = 'domain' and g.wave_key = wave_address
      and g.region_key = region_address and g.municipality_key <> 'all'
  ), choices as (
    select c.item, jsonb_object_agg(c.choice, c.n) as counts
    from (
      select c.item, c.choice, sum(c.respondents)::int as n
      from public.questionnaire_waves w
      join public.questionnaire_result_cells c on c.wave_id = w.id and c.kind = 'choice'
      where w.questionnaire_id = p_questionnaire
        and (p_wave is null or c.wave_id = p_wave)
        and (p_region is null or c.region_id = p_region)
        and (p_municipality is null or c.municipality_id = p_municipality)
      group by c.item, c.choice having sum(c.respondents) > 0
    ) c
    group by c.item
  )
  select s.part, case when s.part = 'question' then null else s.group_key end, s.item, s.respondents,
    case when s.respondents is not null and s.scored > 0 then round(s.total::numeric / s.scored, 2) end,
    case when s.part = 'question' and s.respondents is not null then coalesce(ch.counts, '{}'::jsonb) end,
    s.hidden
  from shown s
  left join choices ch on s.part = 'question' and ch.item = s.item;
end
$$;

revoke execute on function public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_results_page(uuid, uuid, uuid, uuid)
from public, anon;
grant execute on function public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_results_page(uuid, uuid, uuid, uuid)
to authenticated, service_role;

-- The monitoring page's experience data, with the reason for each hidden score.
drop function public.monitoring_questionnaire_scores(uuid, text[]);
create function public.monitoring_questionnaire_scores(p_municipality uuid, p_indicators text[])
returns table (
  questionnaire_id uuid, title_nl text, title_en text, title_ar text,
  wave_id uuid, wave_name text, opens_on date,
  indicator_code text, respondents int, mean_score numeric, hidden text
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
        s.item, s.respondents, s.mean_score, s.hidden
      from public.questionnaire_scores(q.id, null, null, p_municipality, 'wave', 'indicator') s
      join public.questionnaire_waves w on w.id::text = s.group_key
      where s.item = any (p_indicators);
  end loop;
end
$$;
revoke execute on function public.monitoring_questionnaire_scores(uuid, text[]) from public, anon;
grant execute on function public.monitoring_questionnaire_scores(uuid, text[]) to authenticated, service_role;

-- Pool diversity -----------------------------------------------------------------------------------------

-- A pool's make-up as counts per group, for its coordinators, admins and the readers it serves. Members
-- only (not coordinators). Municipality, years in the Netherlands, route and activity each split the
-- members (activity into active in the last 90 days and the rest, which is not shown but follows from
-- the two that are), so each is a relation over the member count; a person may have several languages
-- and themes, so those are groups without a total. Hidden groups come after the shown ones, by name,
-- so their place in the list says nothing about their size.
drop function public.pool_diversity(uuid);
create function public.pool_diversity(pool uuid)
returns table (dimension text, bucket text, people int, hidden text, rank int)
language sql stable security definer set search_path = ''
as $$
  with allowed as (
    select public.is_pool_coordinator(pool) or public.is_admin() or public.reads_for_pool(pool) as ok
  ),
  members as (
    select p.id, p.municipality_id, p.arrival_year, p.route, u.last_sign_in_at
    from public.pool_memberships m
    join public.profiles p on p.id = m.user_id
    join auth.users u on u.id = m.user_id
    where m.pool_id = pool and m.role = 'member' and (select ok from allowed)
  ),
  facts as (
    select 'municipality' as dimension, coalesce(mu.name, 'unknown') as bucket
    from members left join public.municipalities mu on mu.id = members.municipality_id
    union all
    select 'years_in_nl',
      case
        when arrival_year is null then 'unknown'
        when extract(year from current_date)::int - arrival_year < 2 then 'under_2'
        when extract(year from current_date)::int - arrival_year < 5 then '2_5'
        when extract(year from current_date)::int - arrival_year < 10 then '5_10'
        when extract(year from current_date)::int - arrival_year <= 20 then '10_20'
        else 'over_20'
      end
    from members
    union all
    select 'language', l.language from members join public.profile_languages l on l.user_id = members.id
    union all
    select 'theme', t.indicator_code from members join public.profile_themes t on t.user_id = members.id
    union all
    select 'route', coalesce(route, 'unknown') from members
    union all
    select 'activity', case when last_sign_in_at > now() - interval '90 days' then 'active_90_days' else 'inactive' end
    from members
  ),
  groups as (
    select 'summary' as dimension, 'members' as bucket, (select count(*) from members)::int as n
    where (select ok from allowed)
    union all
    select f.dimension, f.bucket, count(*)::int from facts f group by f.dimension, f.bucket
  ),
  numbered as materialized (
    select g.*, row_number() over (order by g.dimension, g.bucket)::int as id from groups g
  ),
  edges as (
    select dense_rank() over (order by c.dimension)::int as rel, p.id as parent, c.id as child
    from numbered c
    join numbered p on p.dimension = 'summary' and p.bucket = 'members'
    where c.dimension in ('municipality', 'years_in_nl', 'route', 'activity')
  ),
  states as materialized (
    select public.small_group_suppression(
      (select array_agg(n.n order by n.id) from numbered n),
      (select array_agg(e.rel order by e.rel, e.child) from edges e),
      (select array_agg(e.parent order by e.rel, e.child) from edges e),
      (select array_agg(e.child order by e.rel, e.child) from edges e)
    ) as of_group
  ),
  decided as (
    select g.*, s.of_group[g.id] as state from numbered g cross join states s
  )
  select d.dimension, d.bucket,
    case when d.state = 0 then d.n end,
    case d.state when 1 then 'too_few' when 2 then 'protective' end,
    (row_number() over (partition by d.dimension order by d.state > 0, case when d.state = 0 then d.n end desc, d.bucket))::int
  from decided d
  where d.bucket <> 'inactive'
  union all
  -- How many municipalities the members come from (not a group of people).
  select 'summary', 'municipalities_covered', count(distinct municipality_id)::int, null, 2 from members
  having (select ok from allowed)
$$;
revoke execute on function public.pool_diversity(uuid) from public, anon;
grant execute on function public.pool_diversity(uuid) to authenticated, service_role;
