-- Issue 16, item 3: coordinators crossing regions.
--
-- Until now a coordinator could put their pool in any region, create a pool anywhere, have a pool serve
-- any municipality and rewrite (or delete) any municipality's goal tree, and a deleted goal took the
-- municipality's monitoring figures with it. A pool's region and served municipalities decide what its
-- coordinators read (the region's signals and newcomers' contact details, the served municipalities'
-- monitoring, exports and responses), so choosing them is what has to be guarded.
--
-- The rule: admins work everywhere; a coordinator works in the regions an admin assigned to them
-- (coordinator_regions, one row per coordinator and region). Only there may they place a pool, have a
-- pool serve a municipality, shape a municipality's goal tree or address their pool's advice. What a
-- coordinator reads still follows the pools they coordinate, whose placement is now guarded; taking a
-- region away does not move the coordinator's pools (an admin moves the pool or the person).
--
-- Per region, not per municipality: pools, signals and their contact details are already scoped by
-- region, a regional pool serves its region's municipalities, and the goal trees belong to those same
-- municipalities; 41 municipality rows per coordinator would say nothing that five region rows do not.

-- The assignment --------------------------------------------------------------------------------------

-- `role` ties the row to the person's coordinator role: an assignment cannot exist without the role,
-- and revoking the role removes the person's assignments with it.
create table public.coordinator_regions (
  user_id uuid not null,
  role text not null default 'coordinator' check (role = 'coordinator'),
  region_id uuid not null references public.regions (id) on delete cascade,
  assigned_by uuid references auth.users (id) on delete set null default auth.uid(),
  assigned_at timestamptz not null default now(),
  primary key (user_id, region_id),
  foreign key (user_id, role) references public.user_roles (user_id, role) on delete cascade
);
create index coordinator_regions_region_id_idx on public.coordinator_regions (region_id);

-- Coordinators who run a regional pool today keep working in its region.
insert into public.coordinator_regions (user_id, region_id, assigned_by)
select distinct m.user_id, p.region_id, null::uuid
from public.pool_memberships m
join public.pools p on p.id = m.pool_id
join public.user_roles r on r.user_id = m.user_id and r.role = 'coordinator'
where m.role = 'coordinator' and p.region_id is not null;

alter table public.coordinator_regions enable row level security;
create policy "coordinators read their own regions, admins all" on public.coordinator_regions
  for select to authenticated using (user_id = auth.uid() or public.is_admin());
create policy "admins assign regions to coordinators" on public.coordinator_regions
  for insert to authenticated with check (public.is_admin() and assigned_by = auth.uid());
create policy "admins take regions from coordinators" on public.coordinator_regions
  for delete to authenticated using (public.is_admin());
grant select, insert, delete on public.coordinator_regions to authenticated, service_role;

-- Helpers for policies ------------------------------------------------------------------------------------

-- True for admins, and for a coordinator an admin assigned to this region. A null region (a national
-- pool) is everywhere, so admins only.
create function public.works_in_region(region uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin()
    or exists (select 1 from public.coordinator_regions where user_id = auth.uid() and region_id = region)
$$;

create function public.works_in_municipality(municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin() or exists (
    select 1 from public.coordinator_regions c
    join public.municipalities m on m.region_id = c.region_id
    where c.user_id = auth.uid() and m.id = municipality
  )
$$;

-- Whether the current user may put this pool in this region: where they work, or, for the pool's own
-- coordinators, where it already is (so they edit its other fields wherever it is, but move it only where
-- they work). Read in an update's check, the lookup sees the row as it was before the update.
create function public.may_place_pool(pool uuid, region uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.works_in_region(region)
    or (public.is_pool_coordinator(pool)
        and exists (select 1 from public.pools p where p.id = pool and p.region_id is not distinct from region))
$$;

create function public.goal_municipality(goal uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  select municipality_id from public.municipal_goals where id = goal
$$;

create function public.output_municipality(output uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  select g.municipality_id from public.municipal_outputs o join public.municipal_goals g on g.id = o.goal_id
  where o.id = output
$$;

revoke execute on function public.works_in_region(uuid), public.works_in_municipality(uuid),
  public.may_place_pool(uuid, uuid), public.goal_municipality(uuid), public.output_municipality(uuid)
from public;
grant execute on function public.works_in_region(uuid), public.works_in_municipality(uuid),
  public.may_place_pool(uuid, uuid), public.goal_municipality(uuid), public.output_municipality(uuid)
to authenticated, service_role;

-- Pools: where they are and whom they serve ----------------------------------------------------------------

drop policy "coordinators and admins create pools" on public.pools;
create policy "admins create pools anywhere, coordinators in their regions" on public.pools
  for insert to authenticated with check (public.works_in_region(region_id));

drop policy "pool coordinators and admins change a pool" on public.pools;
create policy "pool coordinators and admins change a pool, moving it only where they work" on public.pools
  for update to authenticated
  using (public.is_pool_coordinator(id) or public.is_admin())
  with check ((public.is_pool_coordinator(id) or public.is_admin()) and public.may_place_pool(id, region_id));

drop policy "pool coordinators and admins set whom a pool serves" on public.pool_municipalities;
drop policy "pool coordinators and admins unset whom a pool serves" on public.pool_municipalities;
create policy "pool coordinators set whom a pool serves where they work, admins anywhere" on public.pool_municipalities
  for insert to authenticated
  with check ((public.is_pool_coordinator(pool_id) or public.is_admin()) and public.works_in_municipality(municipality_id));
create policy "pool coordinators unset whom a pool serves where they work, admins anywhere" on public.pool_municipalities
  for delete to authenticated
  using ((public.is_pool_coordinator(pool_id) or public.is_admin()) and public.works_in_municipality(municipality_id));

-- Goal trees: admins, and coordinators of the municipality's region ------------------------------------------

drop policy "admins and coordinators manage goals" on public.municipal_goals;
drop policy "admins and coordinators manage outputs" on public.municipal_outputs;
drop policy "admins and coordinators manage core indicators" on public.core_indicators;

create policy "admins and the region's coordinators add goals" on public.municipal_goals
  for insert to authenticated with check (public.works_in_municipality(municipality_id));
create policy "admins and the region's coordinators change goals" on public.municipal_goals
  for update to authenticated
  using (public.works_in_municipality(municipality_id)) with check (public.works_in_municipality(municipality_id));
create policy "admins and the region's coordinators remove goals" on public.municipal_goals
  for delete to authenticated using (public.works_in_municipality(municipality_id));

create policy "admins and the region's coordinators add outputs" on public.municipal_outputs
  for insert to authenticated with check (public.works_in_municipality(public.goal_municipality(goal_id)));
create policy "admins and the region's coordinators change outputs" on public.municipal_outputs
  for update to authenticated
  using (public.works_in_municipality(public.goal_municipality(goal_id)))
  with check (public.works_in_municipality(public.goal_municipality(goal_id)));
create policy "admins and the region's coordinators remove outputs" on public.municipal_outputs
  for delete to authenticated using (public.works_in_municipality(public.goal_municipality(goal_id)));

create policy "admins and the region's coordinators add core indicators" on public.core_indicators
  for insert to authenticated with check (public.works_in_municipality(public.output_municipality(output_id)));
create policy "admins and the region's coordinators change core indicators" on public.core_indicators
  for update to authenticated
  using (public.works_in_municipality(public.output_municipality(output_id)))
  with check (public.works_in_municipality(public.output_municipality(output_id)));
create policy "admins and the region's coordinators remove core indicators" on public.core_indicators
  for delete to authenticated using (public.works_in_municipality(public.output_municipality(output_id)));

drop policy "tree keepers and the municipality's readers link indicators" on public.core_indicator_indicators;
drop policy "tree keepers and the municipality's readers unlink indicators" on public.core_indicator_indicators;
create policy "tree keepers and the municipality's readers link indicators" on public.core_indicator_indicators
  for insert to authenticated
  with check (
    public.works_in_municipality(public.core_indicator_municipality(core_indicator_id))
    or public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );
create policy "tree keepers and the municipality's readers unlink indicators" on public.core_indicator_indicators
  for delete to authenticated
  using (
    public.works_in_municipality(public.core_indicator_municipality(core_indicator_id))
    or public.writes_municipality_monitoring(public.core_indicator_municipality(core_indicator_id))
  );

-- A part of a goal tree stays with its municipality: moving it would carry one municipality's figures
-- into another's monitoring. Refused for everyone (admins and the system included), as EPG02.
create function public.keep_goal_tree_in_municipality() returns trigger
language plpgsql set search_path = ''
as $$
declare
  before_move uuid;
  after_move uuid;
begin
  case tg_table_name
    when 'municipal_goals' then
      before_move := old.municipality_id;
      after_move := new.municipality_id;
    when 'municipal_outputs' then
      before_move := public.goal_municipality(old.goal_id);
      after_move := public.goal_municipality(new.goal_id);
    else
      before_move := public.output_municipality(old.output_id);
      after_move := public.output_municipality(new.output_id);
  end case;
  if before_move is distinct from after_move then
    raise exception 'a goal tree stays with its municipality' using errcode = 'EPG02';
  end if;
  return new;
end
$$;
revoke execute on function public.keep_goal_tree_in_municipality() from public, anon, authenticated;

create trigger municipal_goals_stay before update of municipality_id on public.municipal_goals
  for each row execute function public.keep_goal_tree_in_municipality();
create trigger municipal_outputs_stay before update of goal_id on public.municipal_outputs
  for each row execute function public.keep_goal_tree_in_municipality();
create trigger core_indicators_stay before update of output_id on public.core_indicators
  for each row execute function public.keep_goal_tree_in_municipality();

-- Monitoring figures never vanish by cascade ----------------------------------------------------------------
-- Deleting a goal, output, core indicator or municipality that still has figures is refused (23503 on
-- core_indicator_values_core_indicator_id_fkey, which the goal tree page explains); the figures are
-- removed on purpose first, by the municipality's readers or an admin. Import records and the
-- municipalities' responses to advice are history in the same way.
alter table public.core_indicator_values drop constraint core_indicator_values_core_indicator_id_fkey;
alter table public.core_indicator_values add constraint core_indicator_values_core_indicator_id_fkey
  foreign key (core_indicator_id) references public.core_indicators (id) on delete restrict;
alter table public.indicator_value_imports drop constraint indicator_value_imports_municipality_id_fkey;
alter table public.indicator_value_imports add constraint indicator_value_imports_municipality_id_fkey
  foreign key (municipality_id) references public.municipalities (id) on delete restrict;
alter table public.advice_responses drop constraint advice_responses_municipality_id_fkey;
alter table public.advice_responses add constraint advice_responses_municipality_id_fkey
  foreign key (municipality_id) references public.municipalities (id) on delete restrict;

-- Questionnaires stay with an owner their manager manages for ------------------------------------------------
-- The update policy checked the questionnaire's old owner only, so a pool's coordinator could hand it
-- (and its results) to any pool, and so to that pool's region and readers.
create function public.manages_for(pool uuid, organisation uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.is_admin()
    or (pool is not null and public.is_pool_coordinator(pool))
    or (organisation is not null and public.is_organisation_member(organisation))
$$;
revoke execute on function public.manages_for(uuid, uuid) from public;
grant execute on function public.manages_for(uuid, uuid) to authenticated, service_role;

drop policy "pool coordinators and partner people create questionnaires" on public.questionnaires;
create policy "pool coordinators and partner people create questionnaires" on public.questionnaires
  for insert to authenticated
  with check (created_by = auth.uid() and public.manages_for(pool_id, organisation_id));
drop policy "managers change a questionnaire" on public.questionnaires;
create policy "managers change a questionnaire, for an owner they manage for" on public.questionnaires
  for update to authenticated
  using (public.manages_questionnaire(id))
  with check (public.manages_questionnaire(id) and public.manages_for(pool_id, organisation_id));

-- Advice is addressed where its pool works ---------------------------------------------------------------
-- An addressee reads the advice and is asked to respond to it. A pool may address the municipalities it
-- serves, its own region, organisations standing for a served municipality, and organisations for no
-- municipality in particular (chain partners, providers). Answers its pool's members and admins only.
create function public.pool_addressees(pool uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(id), '{}') from (
    select pm.municipality_id as id from public.pool_municipalities pm where pm.pool_id = pool
    union
    select p.region_id from public.pools p where p.id = pool and p.region_id is not null
    union
    select o.id from public.organisations o
    where o.municipality_id is null
       or o.municipality_id in (select pm.municipality_id from public.pool_municipalities pm where pm.pool_id = pool)
  ) reach
  where public.is_pool_member(pool) or public.is_admin()
$$;

-- What the advice is addressed to before an update: an advice keeps addressees its pool no longer serves.
-- Runs as the caller, so it answers only about advice they may read.
create function public.advice_addressees_before(advice uuid) returns uuid[]
language sql stable set search_path = ''
as $$
  select coalesce((select addressee_ids from public.advices where id = advice), '{}')
$$;
revoke execute on function public.pool_addressees(uuid), public.advice_addressees_before(uuid) from public;
grant execute on function public.pool_addressees(uuid), public.advice_addressees_before(uuid)
  to authenticated, service_role;

create policy "advice is addressed where its pool works" on public.advices as restrictive
  for insert to authenticated
  with check (public.is_admin() or addressee_ids <@ public.pool_addressees(pool_id));
create policy "advice stays addressed where its pool works" on public.advices as restrictive
  for update to authenticated
  using (true)
  with check (
    public.is_admin()
    or addressee_ids <@ (public.pool_addressees(pool_id) || public.advice_addressees_before(id))
  );

-- A signal's region follows its municipality -----------------------------------------------------------------
-- The trigger ran only when the municipality changed, so setting region_id alone moved a signal (and its
-- contact details) to another region's people while it stayed in its municipality.
drop trigger signals_place_in_region on public.signals;
create trigger signals_place_in_region before insert or update of municipality_id, region_id on public.signals
  for each row execute function public.signals_place_in_region();
