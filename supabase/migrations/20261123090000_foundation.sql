-- Foundation: regions and municipalities, organisations, pools and who is in them, profiles.
-- Who may see and change what follows DESIGN.md ("who uses it"); every table has RLS.

create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;

-- Places ----------------------------------------------------------------------

create table public.regions (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table public.municipalities (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references public.regions (id) on delete restrict,
  name text not null unique,
  created_at timestamptz not null default now()
);
create index municipalities_region_id_idx on public.municipalities (region_id);

create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  kind text not null check (kind in ('coordinating', 'municipality', 'chain_partner', 'provider', 'client')),
  municipality_id uuid references public.municipalities (id) on delete set null,
  created_at timestamptz not null default now()
);

-- People ----------------------------------------------------------------------

-- Organisation-wide roles; a person's role inside a pool lives in pool_memberships.
create table public.user_roles (
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'coordinator')),
  created_at timestamptz not null default now(),
  primary key (user_id, role)
);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(display_name) between 1 and 80),
  locale text not null default 'nl' check (locale in ('nl', 'en', 'ar')),
  -- Personal fields: readable only by the person, their pools' coordinators and admins.
  municipality_id uuid references public.municipalities (id) on delete set null,
  arrival_year int check (arrival_year between 1940 and 2100),
  languages text[] not null default '{}',
  phone text check (length(phone) <= 40),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.municipality_readers (
  user_id uuid not null references auth.users (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, municipality_id)
);
create index municipality_readers_municipality_id_idx on public.municipality_readers (municipality_id);

-- Pools -----------------------------------------------------------------------

create table public.pools (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 120),
  -- null: a national pool
  region_id uuid references public.regions (id) on delete restrict,
  client_organisation_id uuid references public.organisations (id) on delete set null,
  assignment text not null default '',
  status text not null default 'active'
    check (status in ('recruiting', 'active', 'temporary', 'ended', 'handed_over')),
  starts_on date,
  ends_on date,
  created_at timestamptz not null default now(),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index pools_region_id_idx on public.pools (region_id);

-- The municipalities a pool serves: their readers may read the pool's public side.
create table public.pool_municipalities (
  pool_id uuid not null references public.pools (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  primary key (pool_id, municipality_id)
);
create index pool_municipalities_municipality_id_idx on public.pool_municipalities (municipality_id);

create table public.pool_memberships (
  pool_id uuid not null references public.pools (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('member', 'coordinator')),
  joined_at timestamptz not null default now(),
  primary key (pool_id, user_id)
);
create index pool_memberships_user_id_idx on public.pool_memberships (user_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and email like '%_@_%'),
  pool_id uuid references public.pools (id) on delete cascade,
  role text not null default 'member' check (role in ('member', 'coordinator')),
  token_hash text not null unique,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  opened_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz
);
create index invitations_pool_id_idx on public.invitations (pool_id);

-- Mail waiting for (or kept after) delivery. Only the system mailer touches it.
create table public.outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  body_text text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);

-- Helpers for policies ----------------------------------------------------------
-- security definer so that policies can look at memberships without recursing into
-- the memberships policies; each answers only about the current user.

create function public.has_role(wanted text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.user_roles where user_id = auth.uid() and role = wanted)
$$;

create function public.is_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select public.has_role('admin')
$$;

create function public.is_pool_member(pool uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.pool_memberships where pool_id = pool and user_id = auth.uid())
$$;

create function public.is_pool_coordinator(pool uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.pool_memberships
    where pool_id = pool and user_id = auth.uid() and role = 'coordinator'
  )
$$;

-- True when the current user coordinates a pool that the given person belongs to.
create function public.coordinates_person(person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.pool_memberships mine
    join public.pool_memberships theirs on theirs.pool_id = mine.pool_id
    where mine.user_id = auth.uid() and mine.role = 'coordinator' and theirs.user_id = person
  )
$$;

-- True when the current user reads for a municipality that the pool serves.
create function public.reads_for_pool(pool uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.pool_municipalities pm
    join public.municipality_readers r on r.municipality_id = pm.municipality_id
    where pm.pool_id = pool and r.user_id = auth.uid()
  )
$$;

-- How many people a pool has, for anyone who may see the pool (readers get the number, not the names).
create function public.pool_size(pool uuid) returns int
language sql stable security definer set search_path = ''
as $$
  select case
    when public.is_pool_member(pool) or public.reads_for_pool(pool) or public.is_admin()
    then (select count(*)::int from public.pool_memberships where pool_id = pool)
  end
$$;

revoke execute on function public.has_role(text), public.is_admin(), public.is_pool_member(uuid),
  public.is_pool_coordinator(uuid), public.coordinates_person(uuid), public.reads_for_pool(uuid),
  public.pool_size(uuid) from public;
grant execute on function public.has_role(text), public.is_admin(), public.is_pool_member(uuid),
  public.is_pool_coordinator(uuid), public.coordinates_person(uuid), public.reads_for_pool(uuid),
  public.pool_size(uuid) to anon, authenticated, service_role;

-- Row level security ----------------------------------------------------------

alter table public.regions enable row level security;
alter table public.municipalities enable row level security;
alter table public.organisations enable row level security;
alter table public.user_roles enable row level security;
alter table public.profiles enable row level security;
alter table public.municipality_readers enable row level security;
alter table public.pools enable row level security;
alter table public.pool_municipalities enable row level security;
alter table public.pool_memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.outbox enable row level security;

-- Places and organisations are public reference data; admins maintain them.
create policy "anyone reads regions" on public.regions for select to anon, authenticated using (true);
create policy "admins add regions" on public.regions for insert to authenticated with check (public.is_admin());
create policy "admins change regions" on public.regions for update to authenticated using (public.is_admin()) with check (public.is_admin());
create policy "admins remove regions" on public.regions for delete to authenticated using (public.is_admin());

create policy "anyone reads municipalities" on public.municipalities for select to anon, authenticated using (true);
create policy "admins add municipalities" on public.municipalities for insert to authenticated with check (public.is_admin());
create policy "admins change municipalities" on public.municipalities for update to authenticated using (public.is_admin()) with check (public.is_admin());
create policy "admins remove municipalities" on public.municipalities for delete to authenticated using (public.is_admin());

create policy "anyone reads organisations" on public.organisations for select to anon, authenticated using (true);
create policy "admins add organisations" on public.organisations for insert to authenticated with check (public.is_admin());
create policy "admins change organisations" on public.organisations for update to authenticated using (public.is_admin()) with check (public.is_admin());
create policy "admins remove organisations" on public.organisations for delete to authenticated using (public.is_admin());

create policy "people read their own roles, admins all" on public.user_roles for select to authenticated
  using (user_id = auth.uid() or public.is_admin());
create policy "admins grant roles" on public.user_roles for insert to authenticated with check (public.is_admin());
create policy "admins revoke roles" on public.user_roles for delete to authenticated using (public.is_admin());

create policy "people, their coordinators and admins read a profile" on public.profiles for select to authenticated
  using (id = auth.uid() or public.coordinates_person(id) or public.is_admin());
create policy "people create their own profile" on public.profiles for insert to authenticated
  with check (id = auth.uid());
create policy "people and admins change a profile" on public.profiles for update to authenticated
  using (id = auth.uid() or public.is_admin()) with check (id = auth.uid() or public.is_admin());
create policy "admins remove profiles" on public.profiles for delete to authenticated using (public.is_admin());

create policy "readers read their own assignments, admins all" on public.municipality_readers for select to authenticated
  using (user_id = auth.uid() or public.is_admin());
create policy "admins assign readers" on public.municipality_readers for insert to authenticated with check (public.is_admin());
create policy "admins unassign readers" on public.municipality_readers for delete to authenticated using (public.is_admin());

create policy "members, serving readers and admins read a pool" on public.pools for select to authenticated
  using (public.is_pool_member(id) or public.reads_for_pool(id) or public.is_admin());
create policy "coordinators and admins create pools" on public.pools for insert to authenticated
  with check (public.has_role('coordinator') or public.is_admin());
create policy "pool coordinators and admins change a pool" on public.pools for update to authenticated
  using (public.is_pool_coordinator(id) or public.is_admin())
  with check (public.is_pool_coordinator(id) or public.is_admin());
create policy "admins remove pools" on public.pools for delete to authenticated using (public.is_admin());

create policy "who may read the pool reads whom it serves" on public.pool_municipalities for select to authenticated
  using (public.is_pool_member(pool_id) or public.reads_for_pool(pool_id) or public.is_admin());
create policy "pool coordinators and admins set whom a pool serves" on public.pool_municipalities for insert to authenticated
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins unset whom a pool serves" on public.pool_municipalities for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

create policy "members read their pools' memberships, admins all" on public.pool_memberships for select to authenticated
  using (user_id = auth.uid() or public.is_pool_member(pool_id) or public.is_admin());
create policy "pool coordinators and admins add members" on public.pool_memberships for insert to authenticated
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins change roles" on public.pool_memberships for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "members leave, coordinators and admins remove" on public.pool_memberships for delete to authenticated
  using (user_id = auth.uid() or public.is_pool_coordinator(pool_id) or public.is_admin());

create policy "pool coordinators and admins read invitations" on public.invitations for select to authenticated
  using ((pool_id is not null and public.is_pool_coordinator(pool_id)) or public.is_admin());
create policy "pool coordinators and admins invite" on public.invitations for insert to authenticated
  with check (created_by = auth.uid() and ((pool_id is not null and public.is_pool_coordinator(pool_id)) or public.is_admin()));
create policy "pool coordinators and admins resend or revoke" on public.invitations for update to authenticated
  using ((pool_id is not null and public.is_pool_coordinator(pool_id)) or public.is_admin())
  with check ((pool_id is not null and public.is_pool_coordinator(pool_id)) or public.is_admin());
-- outbox: no policies on purpose; only the system mailer reads and writes it.

-- Co-members see each other's display name, nothing personal. The view runs as its owner and
-- filters to pools the current user belongs to, so it never widens what a person can learn.
create view public.pool_peers as
  select m.pool_id, m.user_id, m.role, p.display_name
  from public.pool_memberships m
  join public.profiles p on p.id = m.user_id
  where public.is_pool_member(m.pool_id) or public.is_admin();

-- Privileges (Supabase grants these by default; other databases need them spelled out) ----------

grant usage on schema public to anon, authenticated, service_role;
grant select on public.regions, public.municipalities, public.organisations to anon;
grant select, insert, update, delete on all tables in schema public to authenticated, service_role;
revoke all on public.outbox from anon, authenticated;
