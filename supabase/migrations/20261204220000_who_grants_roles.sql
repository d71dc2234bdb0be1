-- Issue 16 follow-up, the class of item 3 (coordinators crossing regions): who may make someone a
-- coordinator, and how far a pool's coordinatorship reaches.
--
-- Until now any coordinator of a pool could put anyone (any account id) into the pool, make any member a
-- co-coordinator, invite anyone as coordinator, and move a membership to another person by rewriting its
-- user_id. A pool's coordinatorship in turn opened the pool's whole region: the newcomers' contact
-- details on its signals, and the monitoring of every municipality the pool serves. So a coordinator,
-- or someone a coordinator had promoted, could hand region-wide reach to anyone, and the admin's region
-- assignment (coordinator_regions) did not control it.
--
-- The rules, as a product that answers for newcomers' data would set them:
--
-- * People join a pool themselves, by accepting an invitation or a sign-up link (the system writes that
--   membership). Nobody else puts a person in a pool by id, except an admin: a coordinator doing so
--   would read the person's profile without the person having agreed to anything.
-- * Appointing coordinators (promoting a member, inviting someone as coordinator, demoting or removing a
--   coordinator) belongs to admins and to the pool's coordinators whom an admin assigned to the pool's
--   region. They answer for the region, so they choose who shares its work. A coordinator without that
--   assignment (a promoted member, an organisation's staff after a handover) runs the pool: sessions,
--   boards, advice, members and member invitations; a national pool's coordinators are appointed by
--   admins only. Anyone may step down; an invitation keeps its address, pool and role.
--   Chosen over "co-coordinators only from the pool's members": a handover invites staff who are not
--   members yet, and membership says nothing about who should see a region's contact details.
-- * Region reach needs the region assignment as well as the pool: contact details of a region's signals
--   and a served municipality's monitoring are read by coordinators of a pool there who are also
--   assigned to that region. A coordinatorship handed out in a pool therefore never carries reach that
--   only an admin's assignment gives.
-- * Signals without a region (the public form without a municipality, national pools' board cards) were
--   read, with the newcomer's contact details, by every coordinator of every region. They belong to the
--   national pools as a region's signals belong to the region's pools: their people read and triage
--   them, their coordinators (appointed by admins only, see above) read the contact details, and admins
--   everything.

-- Every function lives in `private` since 20261204200000; the new ones here too, granted by name
-- (new functions are executable by nobody until granted).

-- Who appoints coordinators ----------------------------------------------------------------------------

create function private.appoints_coordinators(pool uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.is_admin() or (
    private.is_pool_coordinator(pool)
    and private.works_in_region((select p.region_id from public.pools p where p.id = pool))
  )
$$;

-- True when the current user belongs to a pool with no region (a national pool), in any role or the given.
create function private.in_national_pool(wanted_role text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.pool_memberships m join public.pools p on p.id = m.pool_id
    where m.user_id = auth.uid() and p.region_id is null and (wanted_role is null or m.role = wanted_role)
  )
$$;

revoke execute on function private.appoints_coordinators(uuid), private.in_national_pool(text) from public;
grant execute on function private.appoints_coordinators(uuid), private.in_national_pool(text)
  to authenticated, service_role;

drop policy "pool coordinators and admins add members" on public.pool_memberships;
create policy "admins put people in a pool, everyone else joins through an invitation" on public.pool_memberships
  for insert to authenticated with check (private.is_admin());

drop policy "pool coordinators and admins change roles" on public.pool_memberships;
create policy "coordinators of the region and admins appoint coordinators, anyone steps down" on public.pool_memberships
  for update to authenticated
  using (private.is_pool_coordinator(pool_id) or private.is_admin())
  with check (private.appoints_coordinators(pool_id) or (user_id = auth.uid() and role = 'member'));

drop policy "members leave, coordinators and admins remove" on public.pool_memberships;
create policy "members leave, coordinators remove members, coordinators of the region and admins anyone"
  on public.pool_memberships for delete to authenticated
  using (
    user_id = auth.uid()
    or (role = 'member' and private.is_pool_coordinator(pool_id))
    or private.appoints_coordinators(pool_id)
  );

-- A membership's role is what changes; whose membership of which pool it is stays (rewriting user_id
-- would put another person in the pool).
revoke update on public.pool_memberships from authenticated;
grant update (role) on public.pool_memberships to authenticated;

drop policy "pool coordinators and admins invite" on public.invitations;
create policy "pool coordinators invite members, coordinators of the region and admins coordinators" on public.invitations
  for insert to authenticated
  with check (
    created_by = auth.uid()
    and ((pool_id is not null and private.is_pool_coordinator(pool_id)) or private.is_admin())
    and (role = 'member' or private.appoints_coordinators(pool_id))
  );
-- Resending and revoking touch only the link and its dates: who is invited, to which pool and as what stay
-- as the inviter made them (a coordinator invitation sent by a coordinator of the region can still be sent
-- again or revoked by the pool's other coordinators, but not redirected or turned into one).
revoke update on public.invitations from authenticated;
grant update (token_hash, expires_at, opened_at, last_sent_at, send_count, revoked_at) on public.invitations
  to authenticated;

-- Region reach needs the region assignment -----------------------------------------------------------------

-- The regions whose signals' contact details the current user reads: of the pools they coordinate, those
-- in regions an admin assigned to them.
create or replace function private.my_coordinated_regions() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct p.region_id), '{}')
  from public.pool_memberships m
  join public.pools p on p.id = m.pool_id
  join public.coordinator_regions c on c.user_id = m.user_id and c.region_id = p.region_id
  where m.user_id = auth.uid() and m.role = 'coordinator'
$$;

create or replace function private.reads_municipality_monitoring(municipality uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.is_admin()
    or exists (select 1 from public.municipality_readers r where r.municipality_id = municipality and r.user_id = auth.uid())
    or (
      exists (
        select 1 from public.pool_municipalities pm
        join public.pool_memberships m on m.pool_id = pm.pool_id and m.user_id = auth.uid() and m.role = 'coordinator'
        where pm.municipality_id = municipality
      )
      and private.works_in_municipality(municipality)
    )
$$;

-- Signals without a region belong to the national pools ----------------------------------------------------

create or replace function private.works_on_signal(signal uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.signals s
    where s.id = signal and (
      s.region_id = any (private.my_signal_regions())
      or (s.region_id is null and private.in_national_pool(null))
      or private.is_admin()
    )
  )
$$;

create or replace function private.coordinates_signal(signal uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.signals s
    where s.id = signal and (
      s.region_id = any (private.my_coordinated_regions())
      or (s.region_id is null and private.in_national_pool('coordinator'))
      or private.is_admin()
    )
  )
$$;

drop policy "pool people of the region, coordinators and admins read signals" on public.signals;
create policy "pool people of the region, national pools' people and admins read signals"
  on public.signals for select to authenticated
  using (
    region_id = any ((select private.my_signal_regions())::uuid[])
    or (region_id is null and (select private.in_national_pool(null)))
    or (select private.is_admin())
  );
drop policy "pool people log signals for their region" on public.signals;
create policy "pool people log signals for their region" on public.signals for insert to authenticated
  with check (
    created_by = auth.uid() and channel <> 'public_form' and (
      region_id = any (private.my_signal_regions())
      or (region_id is null and private.in_national_pool(null))
      or private.is_admin()
    )
  );
drop policy "pool people of the region triage signals" on public.signals;
create policy "pool people of the region triage signals" on public.signals for update to authenticated
  using (
    region_id = any ((select private.my_signal_regions())::uuid[])
    or (region_id is null and (select private.in_national_pool(null)))
    or (select private.is_admin())
  )
  with check (
    region_id = any (private.my_signal_regions())
    or (region_id is null and private.in_national_pool(null))
    or private.is_admin()
  );

-- The reader's condition is the select policy on public.signals word for word (a test checks both agree).
create or replace function private.signal_counts_per_indicator_month(p_region uuid, p_municipality uuid, p_from date)
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
      m.region_id = any ((select private.my_signal_regions())::uuid[])
      or (m.region_id is null and (select private.in_national_pool(null)))
      or (select private.is_admin())
    )
  group by m.indicator_code, m.month
  having sum(m.n) > 0
$$;
