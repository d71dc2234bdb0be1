-- Sign-in sessions of the built-in local auth, kept on the server so they can be ended: a copied
-- cookie used to work until it expired, whatever happened to the account. The cookie carries a random
-- secret; only its SHA-256 is stored. Every request looks the session up by that hash (one index
-- lookup) and is signed in only while the row is live. With Supabase Auth the sessions are Supabase's
-- own (auth.sessions) and this table stays empty.

create table public.auth_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  secret_hash text not null unique check (length(secret_hash) = 64),
  user_agent text not null default '' check (length(user_agent) <= 512),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_because text check (
    revoked_because in ('signed_out', 'signed_out_elsewhere', 'password_changed', 'account_closed', 'role_removed')
  ),
  check ((revoked_at is null) = (revoked_because is null))
);
create index auth_sessions_user_id_idx on public.auth_sessions (user_id) where revoked_at is null;

alter table public.auth_sessions enable row level security;

-- A person sees and ends their own sessions (the profile page), nobody else's; admins included. The
-- secret's hash is never readable through the API. Starting a session and the per-request lookup are
-- the auth provider's work (as GoTrue's), done by the server as the table's owner.
revoke all on public.auth_sessions from anon, authenticated;
grant select (id, user_id, user_agent, created_at, last_seen_at, expires_at, revoked_at, revoked_because)
  on public.auth_sessions to authenticated;
grant update (revoked_at, revoked_because) on public.auth_sessions to authenticated;

create policy "people read their own sessions" on public.auth_sessions for select to authenticated
  using (user_id = auth.uid());
-- Ending is for good: a live session can be revoked, a revoked one never comes back.
create policy "people end their own sessions" on public.auth_sessions for update to authenticated
  using (user_id = auth.uid() and revoked_at is null)
  with check (user_id = auth.uid() and revoked_at is not null);

-- Ending every session of a person, for the triggers below. Internal: nobody calls it directly.
create function public.end_auth_sessions(person uuid, reason text) returns void
language sql volatile security definer set search_path = ''
as $$
  update public.auth_sessions set revoked_at = now(), revoked_because = reason
  where user_id = person and revoked_at is null
$$;
revoke execute on function public.end_auth_sessions(uuid, text) from public, anon, authenticated;

-- A new password (change or reset) or a closed account ends every session, however it happened:
-- the reset link, the account deletion, or an operator in SQL. (A trigger on auth.users is allowed on
-- hosted Supabase; there it has nothing to end.)
create function public.end_auth_sessions_on_account_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.banned_until is not null and new.banned_until > now()
     and (old.banned_until is null or old.banned_until <= now()) then
    perform public.end_auth_sessions(new.id, 'account_closed');
  elsif new.encrypted_password is distinct from old.encrypted_password then
    perform public.end_auth_sessions(new.id, 'password_changed');
  end if;
  return null;
end
$$;
revoke execute on function public.end_auth_sessions_on_account_change() from public, anon, authenticated;

create trigger end_auth_sessions_on_account_change
  after update of encrypted_password, banned_until on auth.users
  for each row execute function public.end_auth_sessions_on_account_change();

-- Taking away a role that shows other people's personal data (admin, organisation-wide coordinator,
-- a pool's coordinator, an organisation's admin) ends the person's sessions, so nothing opened under
-- the old role stays on a screen or in a form. Ending a plain membership (of a pool, an organisation,
-- a municipality's readers) does not: row level security refuses its data from the next request on,
-- and signing someone out of everything else they still do would help nobody.
create function public.end_auth_sessions_on_role_removal() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' or new.role is distinct from old.role then
    perform public.end_auth_sessions(old.user_id, 'role_removed');
  end if;
  return null;
end
$$;
revoke execute on function public.end_auth_sessions_on_role_removal() from public, anon, authenticated;

create trigger end_auth_sessions_on_role_removal
  after delete or update of role on public.user_roles
  for each row execute function public.end_auth_sessions_on_role_removal();
create trigger end_auth_sessions_on_role_removal
  after delete or update of role on public.pool_memberships
  for each row when (old.role = 'coordinator') execute function public.end_auth_sessions_on_role_removal();
create trigger end_auth_sessions_on_role_removal
  after delete or update of role on public.organisation_members
  for each row when (old.role = 'admin') execute function public.end_auth_sessions_on_role_removal();
