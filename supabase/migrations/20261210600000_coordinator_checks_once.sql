-- Issue 18, point 6: at ten times the demo, an admin's member search and a coordinator's or admin's
-- home page spent most of their time asking "is this person an admin?" and "does this person coordinate
-- this pool?" once per row, through security-definer functions the planner cannot inline (is_admin(),
-- is_pool_coordinator(), manages_for(pool, null)): about 0.15–0.3 ms a row, over 1,100 memberships or
-- 3,800 published advices. Asked once per statement instead: is_admin() as an InitPlan, and the pools
-- the viewer coordinates as one list that each row is checked against.

-- The pools the current user coordinates. `(select private.is_admin()) or pool = any ((select
-- private.coordinated_pool_ids())::uuid[])` answers what is_pool_coordinator(pool) or is_admin() (and
-- manages_for(pool, null)) answer, once per statement.
create function private.coordinated_pool_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(pool_id), '{}')
  from public.pool_memberships
  where user_id = auth.uid() and role = 'coordinator'
$$;
revoke all on function private.coordinated_pool_ids() from public, anon;
grant execute on function private.coordinated_pool_ids() to authenticated, service_role;

-- The same rows and columns as before. Who sees what does not change: an admin every membership, a
-- coordinator those of the pools they coordinate, anyone else none (tests/db/rls-people.test.ts).
-- Contact details stay behind has_consent(), which the planner evaluates only for the rows a page
-- returns (after its sort and limit).
create or replace view public.pool_member_directory as
  select
    m.pool_id,
    m.user_id,
    m.role,
    m.joined_at,
    p.display_name,
    p.municipality_id,
    mu.name as municipality_name,
    p.arrival_year,
    p.route,
    p.availability,
    p.contact_preference,
    array(select l.language from public.profile_languages l where l.user_id = m.user_id order by l.language) as languages,
    array(select t.indicator_code from public.profile_themes t where t.user_id = m.user_id order by t.indicator_code) as themes,
    case when private.has_consent(m.user_id, 'contact_details_to_coordinators') then u.email end as email,
    case when private.has_consent(m.user_id, 'contact_details_to_coordinators') then p.phone end as phone,
    u.last_sign_in_at
  from public.pool_memberships m
  join public.profiles p on p.id = m.user_id
  join auth.users u on u.id = m.user_id
  left join public.municipalities mu on mu.id = p.municipality_id
  where (select private.is_admin()) or m.pool_id = any ((select private.coordinated_pool_ids())::uuid[]);

-- The same for what co-members see of each other (the pool page lists its people): is_admin(),
-- is_pool_coordinator() and is_pool_member() were asked per membership row. my_pool_ids() holds the
-- pools the viewer belongs to in any role, which is what is_pool_member() asks. Whether a person
-- shares their profile (has_consent) is about each row and stays per row.
create or replace view public.pool_peers as
  select
    m.pool_id,
    m.user_id,
    m.role,
    p.display_name,
    (shared.visible and exists (select 1 from public.profile_photos ph where ph.user_id = m.user_id)) as has_photo,
    case when shared.visible
      then array(select l.language from public.profile_languages l where l.user_id = m.user_id order by l.language)
      else '{}'::text[] end as languages,
    case when shared.visible
      then array(select t.indicator_code from public.profile_themes t where t.user_id = m.user_id order by t.indicator_code)
      else '{}'::text[] end as themes
  from public.pool_memberships m
  join public.profiles p on p.id = m.user_id
  cross join lateral (
    select m.user_id = auth.uid() or private.has_consent(m.user_id, 'profile_visible_to_members') as visible
  ) shared
  where (select private.is_admin())
    or m.pool_id = any ((select private.coordinated_pool_ids())::uuid[])
    or (m.pool_id = any ((select private.my_pool_ids())::uuid[]) and (shared.visible or m.role = 'coordinator'));
