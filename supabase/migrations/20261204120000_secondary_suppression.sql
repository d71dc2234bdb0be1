-- Issue 16, item 4: "<5" defeated by subtraction. Every group under five was blanked, but its siblings
-- and their total were shown: a region's result minus every municipality shown beside it gave the
-- blanked municipality's respondents and answers exactly (Kampen's two). Wherever groups are shown with
-- their total, more must be hidden, so that no group under five can be worked out from what is shown.
--
-- One helper decides it for any figures that add up (small_group_suppression). A questionnaire's
-- results feed it their whole cube at once (questionnaire_groups_to_hide: every item per wave and all
-- waves, per place at every level) whenever respondents change, and keep what to hide in a table
-- (questionnaire_hidden_groups), so every page, filter, breakdown and export reads the same decision for
-- the same group and the pages stay as fast as before; the pool diversity overview feeds it its
-- partitions of the member count on each view (a few dozen groups). Hidden values say why: 'too_few'
-- (fewer than five) or 'protective' (hidden so that a small group cannot be worked out).

-- The shared rule ---------------------------------------------------------------------------------------

-- The figures: blocks (independent sets of figures, e.g. the items of a questionnaire) × slots (slot 0
-- is the sum of slots 1.., e.g. all waves and each wave; one slot: no such sum) × nodes (places, or
-- any groups), group (b, s, n) numbered (b × p_slots + s) × p_nodes + n, b and s from 0, n from 1;
-- p_sizes[group] is its number of people. Row k of (p_parents, p_relations, p_children) says: in every
-- block and slot, node p_parents[k] is the sum of its children in relation p_relations[k] (0–3), one
-- of which is p_children[k]. Returns per group 0 (show), 1 (fewer than five: hidden) or 2 (hidden to
-- protect a small group).
--
-- Primary: every group of one to four is hidden. Secondary, repeated until nothing changes, for every
-- relation, the slots' sum included (zero-sized groups count as shown: an absent figure is a known
-- zero):
--   * a shown parent: its hidden children must be none, or at least two whose sum (what the parent minus
--     the shown children gives away) is five or more, and that sum may not pin each of them to its
--     least (all under-five ones 1, all others 5) or, with only under-five ones, to its most (all 4);
--     otherwise one more child is hidden, or the parent when no child is left;
--   * a parent hidden to protect: its hidden children must add up to five or more (else it would be
--     the sum of shown children plus a small group), so one more child is hidden.
-- The child hidden is the one that mends the most relations at once (the corner of a rectangle across
-- places and slots), then the smallest, then the lowest number: fewer figures go, and the same figures
-- always give the same answer, whoever asks and whatever else they ask for.
-- These keep every remainder of one relation, and of any chain of them down a tree, at zero or five
-- and more. Across slots, remainders can also be subtracted from each other: a region's remainder over
-- all waves minus its remainder in a wave where the same municipalities are hidden leaves those
-- municipalities in the other waves; and the other way round, a place's hidden waves minus the same
-- waves of its shown children. Once the rules above hold, those two are checked as well, one more group
-- is hidden where they leave one to four people, and the rules run again, until both hold.
create function public.small_group_suppression(
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

-- Questionnaire results ----------------------------------------------------------------------------------

-- Which groups a questionnaire's results must hide, decided like the result cells are kept: when who
-- counts where changes (a completed response, a moved or deleted one, a deleted wave), not on every
-- page view, so the pages read the cells and this table and stay as fast as before. A group is an item
-- ('question', 'indicator', 'domain') per wave address ('all' or a wave) and place address (region /
-- municipality, each 'all', 'none' for respondents who gave none, or an id); only hidden groups are
-- rows. Nobody reads it but the result functions (RLS without policies, no grants).
create table public.questionnaire_hidden_groups (
  questionnaire_id uuid not null,
  kind text not null,
  item text not null,
  wave_key text not null,
  region_key text not null,
  municipality_key text not null,
  hidden text not null check (hidden in ('too_few', 'protective')),
  primary key (questionnaire_id, kind, item, wave_key, region_key, municipality_key)
);
alter table public.questionnaire_hidden_groups enable row level security;
revoke all on public.questionnaire_hidden_groups from public, anon, authenticated, service_role;

-- Every group the result functions can show for a questionnaire that the helper hides, at every
-- address that shows it. The figures that add up, for every item: all waves = the sum of the waves, at
-- every place; everywhere = the sum of the regions, and the sum of the municipalities; a region = the sum
-- of its municipalities; a municipality = the sum of its regions (one, unless a municipality ever
-- moved). Addresses that hold the same respondents (a region with one municipality, all waves of a
-- questionnaire with one wave) are one group. Invoker rights; only questionnaire_rehide calls it.
create function public.questionnaire_groups_to_hide(p_questionnaire uuid)
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
    select public.small_group_suppression(g.sizes, sh.items, sh.slots, sh.nodes,
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
-- Decides again, for each questionnaire, what its results hide, and stores only what changed.
create function public.questionnaire_rehide(p_questionnaires uuid[]) returns void
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
      from public.questionnaire_groups_to_hide(q) g);
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

-- The retally (20261123170000) as it was, and then the questionnaires whose respondents moved between
-- groups decide again what to hide. (A changed score alone moves nobody.)
create or replace function public.questionnaire_retally(p_responses uuid[]) returns void
language plpgsql volatile set search_path = ''
as $$
declare
  fresh_rows public.questionnaire_response_tallies[];
  moved_waves uuid[];
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
  ), differences as (
    select ch.wave_id, i.kind, i.item, i.choice, ch.region_id, ch.municipality_id,
      sum(ch.sign * i.respondents) as respondents, sum(ch.sign * i.scored) as scored, sum(ch.sign * i.total) as total
    from changes ch cross join lateral unnest(ch.items) i
    group by ch.wave_id, i.kind, i.item, i.choice, ch.region_id, ch.municipality_id
    having sum(ch.sign * i.respondents) <> 0 or sum(ch.sign * i.scored) <> 0 or sum(ch.sign * i.total) <> 0
  ), applied as (
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

  insert into public.questionnaire_response_tallies select * from unnest(fresh_rows);

  perform public.questionnaire_rehide(array(
    select w.questionnaire_id from public.questionnaire_waves w where w.id = any (moved_waves)));
end
$$;

-- A deleted wave's responses are retallied while the wave is already gone; its questionnaire decides
-- again here, after the whole delete (a deleted questionnaire's rows go the same way).
create function public.questionnaire_waves_removed() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform public.questionnaire_rehide(array(select o.questionnaire_id from old_rows o));
  return null;
end
$$;
create trigger questionnaire_waves_removed after delete on public.questionnaire_waves
  referencing old table as old_rows for each statement execute function public.questionnaire_waves_removed();

revoke execute on function public.small_group_suppression(int[], int, int, int, int[], int[], int[]),
  public.questionnaire_groups_to_hide(uuid), public.questionnaire_rehide(uuid[]),
  public.questionnaire_waves_removed()
from public, anon, authenticated, service_role;

-- The result functions: the same sums of the cells as before, each group with its address, and
-- whatever the table hides is blank with its reason in `hidden`. (A group under five is blank even
-- without a row, as before.)

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

-- The results page, still one statement (20261203100000), each part's groups with their addresses.
drop function public.questionnaire_results_page(uuid, uuid, uuid, uuid);
create function public.questionnaire_results_page(
  p_questionnaire uuid, p_wave uuid default null, p_region uuid default null, p_municipality uuid default null
) returns table (part text, group_key text, item text, respondents int, mean_score numeric, counts jsonb, hidden text)
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

revoke execute on function public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_results_page(uuid, uuid, uuid, uuid)
from public, anon;
grant execute on function public.questionnaire_scores(uuid, uuid, uuid, uuid, text, text),
  public.questionnaire_question_results(uuid, uuid, uuid, uuid),
  public.questionnaire_results_page(uuid, uuid, uuid, uuid)
to authenticated, service_role;

-- What the questionnaires there are hide now.
select public.questionnaire_rehide(array(select q.id from public.questionnaires q));

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
  relations as (
    -- the member count is the sum of each partition's groups (relation 0–3)
    select array_position(array['municipality', 'years_in_nl', 'route', 'activity'], c.dimension) - 1 as relation,
      p.id as parent, c.id as child
    from numbered c
    join numbered p on p.dimension = 'summary' and p.bucket = 'members'
    where c.dimension in ('municipality', 'years_in_nl', 'route', 'activity')
  ),
  states as materialized (
    select public.small_group_suppression(
      (select array_agg(n.n order by n.id) from numbered n), 1, 1, (select count(*) from numbered)::int,
      (select array_agg(r.parent) from relations r), (select array_agg(r.relation) from relations r),
      (select array_agg(r.child) from relations r)
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
