-- Pools and people: richer profiles (languages with level, themes, availability, route, photo),
-- what peers may see of each other (consent 'profile_visible_to_members'), invitations by list and by
-- shareable link, onboarding checklists, handovers, a member directory for coordinators and the
-- diversity overview as aggregates only.

-- Profiles ----------------------------------------------------------------------

alter table public.profiles
  add column availability text[] not null default '{}'
    check (availability <@ array[
      'mon_morning', 'mon_afternoon', 'mon_evening', 'tue_morning', 'tue_afternoon', 'tue_evening',
      'wed_morning', 'wed_afternoon', 'wed_evening', 'thu_morning', 'thu_afternoon', 'thu_evening',
      'fri_morning', 'fri_afternoon', 'fri_evening', 'sat_morning', 'sat_afternoon', 'sat_evening',
      'sun_morning', 'sun_afternoon', 'sun_evening']::text[]),
  add column contact_preference text check (contact_preference in ('email', 'phone', 'whatsapp', 'sms')),
  -- The person's learning route under the Wet inburgering 2021, when they had one.
  add column route text check (route in ('b1', 'onderwijs', 'z', 'none')),
  -- Set when the person asked for deletion: personal fields are cleared, contributions stay.
  add column deleted_at timestamptz;

-- Languages with how well; profiles.languages keeps the plain list of codes for other features.
create table public.profile_languages (
  user_id uuid not null references public.profiles (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  level text not null check (level in ('basic', 'good', 'fluent', 'native')),
  primary key (user_id, language)
);
create index profile_languages_language_idx on public.profile_languages (language);

-- Lived-experience themes, as the 14 Indicators of Integration.
create table public.profile_themes (
  user_id uuid not null references public.profiles (id) on delete cascade,
  indicator_code text not null references public.indicators (code) on delete cascade,
  primary key (user_id, indicator_code)
);
create index profile_themes_indicator_code_idx on public.profile_themes (indicator_code);

-- One optional photo per person, in the database so RLS guards it like the rest of the profile.
create table public.profile_photos (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  data bytea not null check (octet_length(data) between 1 and 2097152),
  updated_at timestamptz not null default now()
);

-- True when the current user and the person are in at least one pool together.
create function public.shares_pool_with(person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.pool_memberships mine
    join public.pool_memberships theirs on theirs.pool_id = mine.pool_id
    where mine.user_id = auth.uid() and theirs.user_id = person
  )
$$;

-- A co-member may see the person's shared profile fields only while the person allows it.
create function public.peer_may_see(person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.shares_pool_with(person) and public.has_consent(person, 'profile_visible_to_members')
$$;

revoke execute on function public.shares_pool_with(uuid), public.peer_may_see(uuid) from public;
grant execute on function public.shares_pool_with(uuid), public.peer_may_see(uuid) to authenticated, service_role;

alter table public.profile_languages enable row level security;
alter table public.profile_themes enable row level security;
alter table public.profile_photos enable row level security;

create policy "people, their coordinators, admins and allowed peers read languages" on public.profile_languages
  for select to authenticated
  using (user_id = auth.uid() or public.coordinates_person(user_id) or public.is_admin() or public.peer_may_see(user_id));
create policy "people set their own languages" on public.profile_languages for insert to authenticated
  with check (user_id = auth.uid());
create policy "people change their own languages" on public.profile_languages for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
create policy "people and admins remove languages" on public.profile_languages for delete to authenticated
  using (user_id = auth.uid() or public.is_admin());

create policy "people, their coordinators, admins and allowed peers read themes" on public.profile_themes
  for select to authenticated
  using (user_id = auth.uid() or public.coordinates_person(user_id) or public.is_admin() or public.peer_may_see(user_id));
create policy "people set their own themes" on public.profile_themes for insert to authenticated
  with check (user_id = auth.uid());
create policy "people and admins remove themes" on public.profile_themes for delete to authenticated
  using (user_id = auth.uid() or public.is_admin());

create policy "people, their coordinators, admins and allowed peers see a photo" on public.profile_photos
  for select to authenticated
  using (user_id = auth.uid() or public.coordinates_person(user_id) or public.is_admin() or public.peer_may_see(user_id));
create policy "people upload their own photo" on public.profile_photos for insert to authenticated
  with check (user_id = auth.uid());
create policy "people replace their own photo" on public.profile_photos for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
create policy "people and admins remove a photo" on public.profile_photos for delete to authenticated
  using (user_id = auth.uid() or public.is_admin());

-- Peers: what co-members see of each other. A member appears to other members only while they allow
-- it (coordinators of a pool always appear: members need to know who runs it); the pool's coordinators
-- and admins see everyone. Languages, themes and photo come only with that consent.
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
    select m.user_id = auth.uid() or public.has_consent(m.user_id, 'profile_visible_to_members') as visible
  ) shared
  where public.is_admin()
    or public.is_pool_coordinator(m.pool_id)
    or (public.is_pool_member(m.pool_id) and (shared.visible or m.role = 'coordinator'));

-- Invitations ---------------------------------------------------------------------

alter table public.invitations
  add column last_sent_at timestamptz not null default now(),
  add column send_count int not null default 1 check (send_count >= 1);
-- One open invitation per person and pool; re-inviting after expiry revokes the old one first.
create unique index invitations_open_per_pool_idx on public.invitations (pool_id, email)
  where accepted_at is null and revoked_at is null;

-- Whether someone with this e-mail is already in the pool; answers only the pool's coordinators and
-- admins (others get null), since auth.users is not theirs to read.
create function public.pool_has_email(pool uuid, address text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select case when public.is_pool_coordinator(pool) or public.is_admin() then exists (
    select 1 from public.pool_memberships m join auth.users u on u.id = m.user_id
    where m.pool_id = pool and u.email = lower(address)
  ) end
$$;
revoke execute on function public.pool_has_email(uuid, text) from public;
grant execute on function public.pool_has_email(uuid, text) to authenticated, service_role;

-- A sign-up link to share (e.g. in a group chat): anyone with it may join the pool as a member until
-- it expires or is used up. The token is kept readable because coordinators copy the link again later;
-- RLS keeps it to them.
create table public.invitation_links (
  id uuid primary key default gen_random_uuid(),
  pool_id uuid not null references public.pools (id) on delete cascade,
  token text not null unique check (length(token) >= 20),
  expires_at timestamptz not null,
  max_uses int not null check (max_uses between 1 and 500),
  uses int not null default 0 check (uses >= 0 and uses <= max_uses),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index invitation_links_pool_id_idx on public.invitation_links (pool_id);

alter table public.invitation_links enable row level security;
create policy "pool coordinators and admins read sign-up links" on public.invitation_links for select to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins make sign-up links" on public.invitation_links for insert to authenticated
  with check (created_by = auth.uid() and (public.is_pool_coordinator(pool_id) or public.is_admin()) and uses = 0);
create policy "pool coordinators and admins revoke sign-up links" on public.invitation_links for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());

-- Onboarding ------------------------------------------------------------------------

-- A member's checklist in a pool; "consent given" is read from consents, the rest is recorded here.
create table public.onboarding_steps (
  pool_id uuid not null references public.pools (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  step text not null check (step in ('intake', 'training_basics', 'training_advice', 'first_session')),
  done_on date not null,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (pool_id, user_id, step)
);
create index onboarding_steps_user_id_idx on public.onboarding_steps (user_id);

alter table public.onboarding_steps enable row level security;
create policy "members read their own steps, coordinators and admins the pool's" on public.onboarding_steps
  for select to authenticated
  using (user_id = auth.uid() or public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins record steps" on public.onboarding_steps for insert to authenticated
  with check ((public.is_pool_coordinator(pool_id) or public.is_admin()) and recorded_by = auth.uid());
create policy "pool coordinators and admins correct steps" on public.onboarding_steps for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins undo steps" on public.onboarding_steps for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

-- Pools: creator, handover ---------------------------------------------------------------

-- Whoever creates a pool as a coordinator runs it; without this they could not add themselves, since
-- only a pool's coordinators may add members.
create function public.pools_add_creator() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if auth.uid() is not null and public.has_role('coordinator') then
    insert into public.pool_memberships (pool_id, user_id, role) values (new.id, auth.uid(), 'coordinator')
    on conflict (pool_id, user_id) do update set role = 'coordinator';
  end if;
  return new;
end
$$;
create trigger pools_add_creator after insert on public.pools
  for each row execute function public.pools_add_creator();

-- The record of a pool's management passing to an organisation (e.g. a municipality's staff).
create table public.pool_handovers (
  id uuid primary key default gen_random_uuid(),
  pool_id uuid not null references public.pools (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id) on delete restrict,
  note text not null default '' check (length(note) <= 2000),
  handed_over_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index pool_handovers_pool_id_idx on public.pool_handovers (pool_id);

alter table public.pool_handovers enable row level security;
create policy "who may read the pool reads its handovers" on public.pool_handovers for select to authenticated
  using (public.is_pool_member(pool_id) or public.reads_for_pool(pool_id) or public.is_admin());
create policy "pool coordinators and admins record a handover" on public.pool_handovers for insert to authenticated
  with check ((public.is_pool_coordinator(pool_id) or public.is_admin()) and handed_over_by = auth.uid());

-- Member directory and diversity ------------------------------------------------------------

-- What a coordinator works with: their pools' people, with contact details only where the person
-- allowed coordinators to have them. Runs as its owner (auth.users holds the e-mail) and filters to
-- the current user's coordinated pools.
create view public.pool_member_directory as
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
    case when public.has_consent(m.user_id, 'contact_details_to_coordinators') then u.email end as email,
    case when public.has_consent(m.user_id, 'contact_details_to_coordinators') then p.phone end as phone,
    u.last_sign_in_at
  from public.pool_memberships m
  join public.profiles p on p.id = m.user_id
  join auth.users u on u.id = m.user_id
  left join public.municipalities mu on mu.id = p.municipality_id
  where public.is_pool_coordinator(m.pool_id) or public.is_admin();

-- A pool's make-up as counts per group, for its coordinators, admins and the readers it serves.
-- Groups under five people read '<5', so no one can be singled out. Only members (not coordinators).
create function public.pool_diversity(pool uuid)
returns table (dimension text, bucket text, people text, rank int)
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
    select 'activity', 'active_90_days' from members where last_sign_in_at > now() - interval '90 days'
  ),
  counted as (
    select dimension, bucket, count(*) as n from facts group by dimension, bucket
  )
  select dimension, bucket,
    case when n < 5 then '<5' else n::text end,
    (row_number() over (partition by dimension order by n desc, bucket))::int
  from counted
  union all
  -- Totals that single no one out: how many members, and how many municipalities they come from.
  select 'summary', 'members', count(*)::text, 1 from members having (select ok from allowed)
  union all
  select 'summary', 'municipalities_covered', count(distinct municipality_id)::text, 2 from members
  having (select ok from allowed)
$$;
revoke execute on function public.pool_diversity(uuid) from public;
grant execute on function public.pool_diversity(uuid) to authenticated, service_role;

-- Admin: find an account by e-mail to grant a role (auth.users is not readable otherwise).
create function public.admin_find_user(address text) returns uuid
language sql stable security definer set search_path = ''
as $$
  select u.id from auth.users u where public.is_admin() and u.email = lower(address)
$$;
revoke execute on function public.admin_find_user(text) from public;
grant execute on function public.admin_find_user(text) to authenticated, service_role;

grant select, insert, update, delete on public.profile_languages, public.profile_themes, public.profile_photos,
  public.invitation_links, public.onboarding_steps, public.pool_handovers to authenticated, service_role;
grant select on public.pool_peers, public.pool_member_directory to authenticated, service_role;
