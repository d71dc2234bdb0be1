-- Issue 18, point 6: a member's pool page spent most of its database time asking, for each of the pool's
-- memberships, whether that person shares their profile: private.has_consent() is a security-definer
-- function the planner cannot inline, so it ran once per membership (about 50 µs each in the embedded
-- database, 180 memberships in a pool at ten times the demo). The same question asked inline, as a
-- subquery on consents, the planner answers with one look at the consents of the whole pool.
--
-- Who sees what does not change (tests/db/rls-people.test.ts): the view runs as its owner, who owns
-- consents and is not subject to its row level security, exactly as the security-definer function was;
-- the subquery is that function's body (an active consent: not withdrawn). The same columns, in the
-- same order.
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
    select m.user_id = (select auth.uid()) or exists (
      select 1 from public.consents c
      where c.user_id = m.user_id and c.purpose = 'profile_visible_to_members' and c.withdrawn_at is null
    ) as visible
  ) shared
  where (select private.is_admin())
    or m.pool_id = any ((select private.coordinated_pool_ids())::uuid[])
    or (m.pool_id = any ((select private.my_pool_ids())::uuid[]) and (shared.visible or m.role = 'coordinator'));
