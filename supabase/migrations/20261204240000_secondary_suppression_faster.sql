-- The "<5" rule's secondary suppression (20261204120000) made fast enough to decide at write time, as
-- its own migration so that a database which already ran 20261204120000 gets it too:
-- - small_group_suppression checks across waves (slots) once per table rather than per pass, and only
--   for tables with a group hidden since the last check; each hidden figure must be a corner of a
--   rectangle of hidden figures, else it is a difference of shown ones.
-- - No JIT in the functions that rule out nested loops: that inflates the planner's cost estimates,
--   and the Postgres server then compiled every statement (seeding 47 s -> 0.9 s; one decision
--   11 s -> 14-92 ms there).
-- - The result functions look up each group's stored decision by its key (one row, `limit 1`) instead
--   of joining: without statistics the planner would scan all of the questionnaire's rows per group.
-- Signatures, grants and results stay; what is hidden is decided again below with the new rules.

create or replace function private.small_group_suppression(
  p_sizes int[], p_blocks int, p_slots int, p_nodes int, p_parents int[], p_relations int[], p_children int[]
) returns smallint[]
language plpgsql immutable set search_path = ''
-- No statistics guide the plan (the arrays' rows have none, and PGlite never analyzes), and a nested
-- loop over these few thousand rows costs a hundred times what hashing does. Ruling nested loops out
-- inflates the estimated cost, which would make a server with JIT compile each statement (seconds
-- per call on the Postgres server here), hence no JIT either.
set enable_nestloop = off set jit = off
as $$
declare
  edge_relations int[];
  edge_parents int[];
  edge_children int[];
  states smallint[];
  -- the groups hidden in the last round: only relations holding one of them can have changed
  touched boolean[];
  -- the groups hidden since the check across slots last ran: only their tables can have changed
  changed boolean[];
  more int[];
  g int;
begin
  -- Every relation in every block and slot, and per block and node the slots' sum.
  select array_agg(e.rel), array_agg(e.parent), array_agg(e.child)
  into edge_relations, edge_parents, edge_children
  from (
    select ((b * p_slots + s) * p_nodes + r.parent) * 4 + r.relation as rel,
      (b * p_slots + s) * p_nodes + r.parent as parent, (b * p_slots + s) * p_nodes + r.child as child
    from generate_series(0, p_blocks - 1) b cross join generate_series(0, p_slots - 1) s
    cross join unnest(p_parents, p_relations, p_children) r(parent, relation, child)
    union all
    select -((b * p_nodes) + n), b * p_slots * p_nodes + n, (b * p_slots + s) * p_nodes + n
    from generate_series(0, p_blocks - 1) b cross join generate_series(1, p_slots - 1) s
    cross join generate_series(1, p_nodes) n
  ) e;
  states := array(
    select (case when s.size between 1 and 4 then 1 else 0 end)::smallint
    from unnest(p_sizes) with ordinality s(size, i) order by s.i);
  touched := array(select s.state = 1 from unnest(states) with ordinality s(state, i) order by s.i);
  changed := touched;
  loop
    more := array(
      with edges as materialized (
        select e.rel, e.parent, e.child, p_sizes[e.child] as size, states[e.child] as state
        from unnest(edge_relations, edge_parents, edge_children) e(rel, parent, child)
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
    if cardinality(more) = 0 and p_slots > 1 then
      -- Across slots (see above): what subtracting remainders of different slots leaves (rows: a slot's
      -- remainder off the remainder over all slots; columns: shown children's slots off the parent's
      -- hidden slots); and, since each relation over the slots is a small table whose rows and columns
      -- add up, every hidden figure must be a corner of a rectangle of hidden figures in it (else it is
      -- a difference of shown figures). Where either fails, the smallest shown figure that helps is
      -- hidden: for a rectangle one that closes it with two hidden ones, else one in its slot, then in
      -- its column.
      more := array(
        with relations as (
          select r.parent, r.relation, r.child from unnest(p_parents, p_relations, p_children) r(parent, relation, child)
        ), m as materialized (
          -- every relation's parent and child in every block (bl) and slot (sl)
          select x.bl, r.parent, r.relation, r.child, x.sl,
            (x.bl * p_slots + x.sl) * p_nodes + r.child as id, (x.bl * p_slots + x.sl) * p_nodes + r.parent as parent_id
          from relations r
          cross join (select bl, sl from generate_series(0, p_blocks - 1) bl cross join generate_series(0, p_slots - 1) sl) x
        ), cells as materialized (
          select m.*, p_sizes[m.id] as size, states[m.id] as state, p_sizes[m.parent_id] as parent_size,
            states[m.parent_id] as parent_state,
            states[m.id] > 0 and p_sizes[m.id] > 0 as hidden, states[m.parent_id] > 0 and p_sizes[m.parent_id] > 0 as parent_hidden
          from m
          where (m.bl, m.parent, m.relation) in (
            select t.bl, t.parent, t.relation from m t where changed[t.id] or changed[t.parent_id])
        ), overall as (
          -- slot 0 (the sum of the slots) of each relation whose parent is shown there
          select c.bl, c.parent, c.relation, c.child, c.hidden, c.state = 0 and c.size > 0 as shown
          from cells c where c.sl = 0 and c.parent_state = 0 and c.parent_size > 0
        ), kept_slots as (
          -- Slots whose part of the children hidden overall cannot be taken off the parent's remainder
          -- over all slots: the parent is hidden there, or so is a child shown overall.
          select c.bl, c.parent, c.relation, c.sl
          from cells c join overall o using (bl, parent, relation, child)
          where c.sl > 0
          group by c.bl, c.parent, c.relation, c.sl
          having bool_or(c.parent_hidden) or bool_or(c.hidden and not o.hidden)
        ), kept_children as (
          -- Children whose part of the parent's hidden slots cannot be taken off the parent's hidden
          -- slots: hidden overall, or hidden in a slot where the parent is shown.
          select c.bl, c.parent, c.relation, c.child
          from cells c join overall o using (bl, parent, relation, child)
          where c.sl > 0
          group by c.bl, c.parent, c.relation, c.child
          having bool_or(o.hidden) or bool_or(c.hidden and not c.parent_hidden)
        ), left_over as (
          -- what subtracting leaves: the children hidden overall in the kept slots (by slot), and the
          -- kept children in the parent's hidden slots (by child)
          select 'slots' as way, c.bl, c.parent, c.relation, sum(c.size) as people
          from cells c join overall o using (bl, parent, relation, child) join kept_slots k using (bl, parent, relation, sl)
          where o.hidden
          group by c.bl, c.parent, c.relation
          union all
          select 'children', c.bl, c.parent, c.relation, sum(c.size)
          from cells c join kept_children k using (bl, parent, relation, child)
          where c.sl > 0 and c.parent_hidden
          group by c.bl, c.parent, c.relation
        ), broken as (
          select l.way, l.bl, l.parent, l.relation from left_over l where l.people between 1 and 4
        ), growing as (
          -- Groups whose hiding adds people to what is left: a child shown overall with people in the
          -- kept slots; the parent in a slot where it is shown and the kept children have people.
          select b.way, b.bl, b.parent, b.relation, g.id, g.size
          from broken b
          join lateral (
            select o.bl, o.parent, o.relation, c0.id, c0.size
            from overall o
            join cells c0 on c0.bl = o.bl and c0.parent = o.parent and c0.relation = o.relation and c0.child = o.child
              and c0.sl = 0
            where b.way = 'slots' and o.bl = b.bl and o.parent = b.parent and o.relation = b.relation and o.shown
              and exists (select 1 from cells c join kept_slots k using (bl, parent, relation, sl)
                          where c.bl = o.bl and c.parent = o.parent and c.relation = o.relation and c.child = o.child
                            and c.size > 0)
            union all
            select c.bl, c.parent, c.relation, c.parent_id, c.parent_size
            from cells c join kept_children k using (bl, parent, relation, child)
            where b.way = 'children' and c.bl = b.bl and c.parent = b.parent and c.relation = b.relation
              and c.sl > 0 and c.parent_state = 0 and c.size > 0
          ) g on true
        ), chosen as (
          select distinct on (g.way, g.bl, g.parent, g.relation) g.way, g.bl, g.parent, g.relation, g.id
          from growing g order by g.way, g.bl, g.parent, g.relation, g.size, g.id
        ), table_cells as materialized (
          -- each relation over the slots as a table: its children's and its parent's figures
          select distinct c.bl, c.parent, c.relation, c.child as node, c.sl, c.id, c.size, c.hidden from cells c
          union
          select c.bl, c.parent, c.relation, c.parent, c.sl, c.parent_id, c.parent_size, c.parent_hidden from cells c
        ), h as materialized (
          select * from table_cells t where t.hidden
        ), shared as materialized (
          -- per table and pair of slots, how many figures are hidden in both
          select a.bl, a.parent, a.relation, a.sl, b.sl as other, count(*) as figures
          from h a join h b on b.bl = a.bl and b.parent = a.parent and b.relation = a.relation and b.node = a.node
            and b.sl <> a.sl
          group by a.bl, a.parent, a.relation, a.sl, b.sl
        ), cornered as (
          -- hidden figures with a rectangle: hidden in another slot that shares a second hidden figure
          select distinct c.bl, c.parent, c.relation, c.node, p.sl
          from h c join shared p on p.bl = c.bl and p.parent = c.parent and p.relation = c.relation
            and p.other = c.sl and p.figures >= 2
        ), lonely as (
          select a.* from h a
          left join cornered k on k.bl = a.bl and k.parent = a.parent and k.relation = a.relation and k.node = a.node
            and k.sl = a.sl
          where k.node is null
        ), closing as (
          select a.id as lonely, x.id, x.size, 1 as preference
          from lonely a
          join h r on r.bl = a.bl and r.parent = a.parent and r.relation = a.relation and r.sl = a.sl and r.node <> a.node
          join h c on c.bl = a.bl and c.parent = a.parent and c.relation = a.relation and c.node = a.node and c.sl <> a.sl
          join table_cells x on x.bl = a.bl and x.parent = a.parent and x.relation = a.relation and x.sl = c.sl
            and x.node = r.node and not x.hidden and x.size > 0
          union all
          select a.id, x.id, x.size, 2
          from lonely a
          join table_cells x on x.bl = a.bl and x.parent = a.parent and x.relation = a.relation and x.sl = a.sl
            and not x.hidden and x.size > 0
          union all
          select a.id, x.id, x.size, 3
          from lonely a
          join table_cells x on x.bl = a.bl and x.parent = a.parent and x.relation = a.relation and x.node = a.node
            and not x.hidden and x.size > 0
        )
        -- failing any such group for a remainder, the parent over all slots
        select distinct coalesce(c.id, b.bl * p_slots * p_nodes + b.parent)
        from broken b left join chosen c using (way, bl, parent, relation)
        union
        select x.id from (
          select distinct on (c.lonely) c.id from closing c order by c.lonely, c.preference, c.size, c.id
        ) x);
      changed := array_fill(false, array[cardinality(p_sizes)]);
    end if;
    exit when cardinality(more) = 0;
    touched := array_fill(false, array[cardinality(p_sizes)]);
    foreach g in array more loop
      states[g] := 2;
      touched[g] := true;
      changed[g] := true;
    end loop;
  end loop;
  return states;
end
$$;

create or replace function private.questionnaire_groups_to_hide(p_questionnaire uuid)
returns table (kind text, item text, wave_key text, region_key text, municipality_key text, hidden text)
language plpgsql stable set search_path = ''
-- As small_group_suppression, and for the same reasons: hashing, not nested loops, and no JIT (the cells
-- are still read through their index).
set enable_nestloop = off set jit = off
as $$
begin
  return query
  with leaves as materialized (
    select c.kind, c.item, c.wave_id, c.region_id, c.municipality_id, c.respondents
    from public.questionnaire_result_cells c
    where c.wave_id = any (array(select w.id from public.questionnaire_waves w where w.questionnaire_id = p_questionnaire))
      and c.kind in ('question', 'indicator', 'domain') and c.respondents > 0
  ), items as materialized (
    select i.kind, i.item, (row_number() over (order by i.kind collate "C", i.item collate "C") - 1)::int as no
    from (select distinct l.kind, l.item from leaves l) i
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
    select ((i.no * sh.slots + s.slot) * sh.nodes + np.node) as id, sum(l.respondents)::int as size
    from leaves l
    join items i on i.kind = l.kind and i.item = l.item
    join waves w on w.wave_id = l.wave_id
    join pairs p on p.region_id is not distinct from l.region_id and p.municipality_id is not distinct from l.municipality_id
    join (select distinct x.node, m.pair from places x join place_members m on m.ra = x.ra and m.ma = x.ma) np on np.pair = p.no
    join (select distinct x.slot from slots x) s on s.slot = 0 or s.slot = w.no
    cross join shape sh
    group by 1
  ), grid as materialized (
    select array_agg(coalesce(c.size, 0) order by g.id) as sizes
    from shape sh cross join generate_series(1, sh.items * sh.slots * sh.nodes) g(id)
    left join cube c on c.id = g.id
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
  ), decided as materialized (
    select private.small_group_suppression(g.sizes, sh.items, sh.slots, sh.nodes,
      (select array_agg(r.parent) from place_relations r), (select array_agg(r.relation) from place_relations r),
      (select array_agg(r.child) from place_relations r)) as states
    from grid g cross join shape sh
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
  ), hidden as (
    select u.id::int, case u.state when 1 then 'too_few' else 'protective' end as hidden
    from decided d cross join unnest(d.states) with ordinality u(state, id)
    where u.state > 0
  )
  select x.kind, x.item, x.wave_key, x.region_key, x.municipality_key, h.hidden
  from shown x join hidden h on h.id = x.id;
end
$$;

create or replace function private.questionnaire_rehide(p_questionnaires uuid[]) returns void
language plpgsql volatile set search_path = ''
-- (hashing against the stored rows, no JIT: see small_group_suppression)
set enable_nestloop = off set jit = off
as $$
declare
  q uuid;
  fresh public.questionnaire_hidden_groups[];
begin
  for q in select distinct u.id from unnest(p_questionnaires) u(id) where u.id is not null order by 1 loop
    -- One decision at a time per questionnaire: a transaction that waits here decides, once it may go
    -- on, from the cells the one before it committed as well as from its own.
    perform pg_advisory_xact_lock(hashtextextended('questionnaire_rehide ' || q::text, 0));
    fresh := array(
      select row(q, g.kind, g.item, g.wave_key, g.region_key, g.municipality_key, g.hidden)::public.questionnaire_hidden_groups
      from private.questionnaire_groups_to_hide(q) g);
    delete from public.questionnaire_hidden_groups h
    where h.questionnaire_id = q
      and (h.kind, h.item, h.wave_key, h.region_key, h.municipality_key, h.hidden) not in (
        select f.kind, f.item, f.wave_key, f.region_key, f.municipality_key, f.hidden from unnest(fresh) f);
    insert into public.questionnaire_hidden_groups as h
    select * from unnest(fresh)
    on conflict (questionnaire_id, kind, item, wave_key, region_key, municipality_key) do nothing;
  end loop;
end
$$;

create or replace function private.questionnaire_scores(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null,
  p_by text default 'none', p_level text default 'indicator'
) returns table (group_key text, item text, respondents int, mean_score numeric, hidden text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.sees_questionnaire_results(p_questionnaire) then
    return;
  end if;
  if p_by not in ('none', 'wave', 'region', 'municipality') or p_level not in ('indicator', 'domain') then
    raise exception 'unknown breakdown' using errcode = '22023';
  end if;
  return query
  with grouped as (
    select
      case when p_by = 'wave' then c.wave_id::text else coalesce(p_wave::text, 'all') end as wave_key,
      case when p_by = 'region' then coalesce(c.region_id::text, 'none') else coalesce(p_region::text, 'all') end
        as region_key,
      case when p_by = 'municipality' then coalesce(c.municipality_id::text, 'none')
           else coalesce(p_municipality::text, 'all') end as municipality_key,
      c.item as it, sum(c.respondents)::int as n, sum(c.scored) as scored, sum(c.total) as total
    from public.questionnaire_waves w
    join public.questionnaire_result_cells c on c.wave_id = w.id and c.kind = p_level
    where w.questionnaire_id = p_questionnaire
      and (p_wave is null or c.wave_id = p_wave)
      and (p_region is null or c.region_id = p_region)
      and (p_municipality is null or c.municipality_id = p_municipality)
    group by 1, 2, 3, 4
    having sum(c.respondents) > 0
  )
  select
    case p_by when 'wave' then g.wave_key when 'region' then nullif(g.region_key, 'none')
              when 'municipality' then nullif(g.municipality_key, 'none') else 'all' end,
    g.it,
    case when h.hidden is null and g.n >= 5 then g.n end,
    case when h.hidden is null and g.n >= 5 and g.scored > 0 then round(g.total::numeric / g.scored, 2) end,
    coalesce(h.hidden, case when g.n < 5 then 'too_few' end)
  from grouped g
  left join lateral (
    -- one look-up by the key per group ('limit' keeps it one: without statistics the planner would
    -- rather scan all of the questionnaire's rows for every group)
    select h.hidden from public.questionnaire_hidden_groups h
    where h.questionnaire_id = p_questionnaire and h.kind = p_level and h.item = g.it and h.wave_key = g.wave_key
      and h.region_key = g.region_key and h.municipality_key = g.municipality_key
    limit 1
  ) h on true;
end
$$;

create or replace function private.questionnaire_question_results(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (question_id uuid, respondents int, mean_score numeric, counts jsonb, hidden text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.sees_questionnaire_results(p_questionnaire) then
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
    case when h.hidden is null and z.n >= 5 then z.n end,
    case when h.hidden is null and z.n >= 5 and z.scored > 0 then round(z.total::numeric / z.scored, 2) end,
    case when h.hidden is null and z.n >= 5 then (
      select coalesce(jsonb_object_agg(c.choice, c.c), '{}'::jsonb) from choices c where c.item = z.item
    ) end,
    coalesce(h.hidden, case when z.n < 5 then 'too_few' end)
  from sizes z
  left join lateral (
    select h.hidden from public.questionnaire_hidden_groups h
    where h.questionnaire_id = p_questionnaire and h.kind = 'question' and h.item = z.item
      and h.wave_key = coalesce(p_wave::text, 'all') and h.region_key = coalesce(p_region::text, 'all')
      and h.municipality_key = coalesce(p_municipality::text, 'all')
    limit 1
  ) h on true;
end
$$;

create or replace function private.questionnaire_results_page(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (part text, group_key text, item text, respondents int, mean_score numeric, counts jsonb, hidden text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.sees_questionnaire_results(p_questionnaire) then
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
    -- each group with the kind and address its decision is stored under
    select s.kind as part, 'all' as g, s.kind as kind, coalesce(p_wave::text, 'all') as wave_key,
      coalesce(p_municipality::text, 'all') as municipality_key, s.item as it,
      sum(s.respondents)::int as n, sum(s.scored) as scored, sum(s.total) as total
    from scoped s where s.kind in ('indicator', 'domain', 'question') and s.in_wave and s.in_place
    group by s.kind, s.item
    union all
    select 'wave', s.wave_id::text, 'indicator', s.wave_id::text, coalesce(p_municipality::text, 'all'), s.item,
      sum(s.respondents)::int, sum(s.scored), sum(s.total)
    from scoped s where s.kind = 'indicator' and s.in_place
    group by s.wave_id, s.item
    union all
    select 'municipality', s.municipality_id::text, 'domain', coalesce(p_wave::text, 'all'),
      coalesce(s.municipality_id::text, 'none'), s.item, sum(s.respondents)::int, sum(s.scored), sum(s.total)
    from scoped s where s.kind = 'domain' and s.in_wave
    group by s.municipality_id, s.item
  ), choices as (
    select s.item, jsonb_object_agg(s.choice, s.c) as counts
    from (
      select s.item, s.choice, sum(s.respondents)::int as c
      from scoped s where s.kind = 'choice' and s.in_wave and s.in_place
      group by s.item, s.choice having sum(s.respondents) > 0
    ) s
    group by s.item
  ), decided as (
    select g.*, coalesce(h.hidden, case when g.n < 5 then 'too_few' end) as hidden
    from grouped g
    left join lateral (
      -- (one look-up by the key per group, as in questionnaire_scores)
      select h.hidden from public.questionnaire_hidden_groups h
      where h.questionnaire_id = p_questionnaire and h.kind = g.kind and h.item = g.it and h.wave_key = g.wave_key
        and h.region_key = coalesce(p_region::text, 'all') and h.municipality_key = g.municipality_key
      limit 1
    ) h on true
    where g.n > 0
  )
  select d.part, case when d.part = 'question' then null else d.g end, d.it,
    case when d.hidden is null then d.n end,
    case when d.hidden is null and d.scored > 0 then round(d.total::numeric / d.scored, 2) end,
    case when d.part = 'question' and d.hidden is null then coalesce(ch.counts, '{}'::jsonb) end,
    d.hidden
  from decided d
  left join choices ch on d.part = 'question' and ch.item = d.it;
end
$$;

-- Decided again for every questionnaire with the rules above.
select private.questionnaire_rehide(array(select q.id from public.questionnaires q));
