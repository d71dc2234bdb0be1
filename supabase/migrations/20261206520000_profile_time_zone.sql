-- Digests leave at 08:00 on the recipient's own clock (issue 17): a person's time zone, or
-- Europe/Amsterdam while they have not chosen one. Only zones Postgres knows are accepted, so the
-- hourly digest round can never fail on a bad value written past the app (the Data API).

create function private.is_time_zone(zone text) returns boolean
language plpgsql immutable set search_path = ''
as $$
begin
  perform timestamptz '2000-01-01 00:00+00' at time zone zone;
  return true;
exception when others then
  return false;
end
$$;
revoke all on function private.is_time_zone(text) from public, anon;
grant execute on function private.is_time_zone(text) to authenticated, service_role;

alter table public.profiles
  add column time_zone text check (time_zone is null or (length(time_zone) <= 64 and private.is_time_zone(time_zone)));
