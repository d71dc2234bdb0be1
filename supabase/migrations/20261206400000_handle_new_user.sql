-- Issue 18, item 1: every account gets a profile, however it was made. Supabase Auth (GoTrue) makes
-- accounts on its own connection — an invitation, the admin API, a sign-up — and never writes
-- public.profiles, so without this a person Supabase made has no profile and no name.
--
-- The trigger is deferred to the end of the transaction that made the account, and adds a profile
-- only when there is none by then. The app's own ways of making an account (local auth, the demo
-- data, the test fixtures) insert the account and its profile, with the chosen name, in one
-- transaction, so for them it does nothing; GoTrue's insert commits on its own and gets a profile
-- named after the address's local part, which joining replaces with the name the person chooses.
-- (A trigger on auth.users is allowed on hosted Supabase; it runs as this function's owner.)

create function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name)
  select u.id, left(coalesce(nullif(split_part(u.email, '@', 1), ''), '?'), 80)
  -- Read again at commit: an account made and removed in one transaction needs no profile.
  from auth.users u where u.id = new.id
  on conflict (id) do nothing;
  return null;
end
$$;
revoke all on function private.handle_new_user() from public, anon, authenticated;

create constraint trigger handle_new_user
  after insert on auth.users
  deferrable initially deferred
  for each row execute function private.handle_new_user();
