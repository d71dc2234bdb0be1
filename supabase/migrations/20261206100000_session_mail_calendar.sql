-- Session mails carry a calendar invitation (issue 17): an invitation or change as METHOD:REQUEST, a
-- cancellation as METHOD:CANCEL, all with the session's stable UID and its `version` as SEQUENCE, so
-- a calendar app updates the event it already has instead of adding a second one.
--
-- The outbox keeps the iCalendar object beside the text and HTML parts, so a mail delivered later
-- (a retry, another process) is the mail that was written. The outbox's rights stay as they were:
-- the system writes it, admins read it.
alter table public.outbox
  add column calendar text check (length(calendar) <= 100000);

-- SEQUENCE must rise with every change a calendar shows (RFC 5545 3.8.7.4), or the calendar keeps
-- the old event. The app's edits raise `version` themselves (it is also their stale-edit check);
-- this makes sure a writer that forgets (a direct update, a future import) raises it too, once.
create function private.raise_session_version() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.version = old.version
    and (new.title, new.purpose, new.starts_at, new.ends_at, new.location, new.online_url, new.status)
      is distinct from (old.title, old.purpose, old.starts_at, old.ends_at, old.location, old.online_url, old.status)
  then
    new.version := old.version + 1;
  end if;
  return new;
end
$$;
revoke execute on function private.raise_session_version() from public, anon, authenticated;

create trigger sessions_raise_version before update on public.sessions
  for each row execute function private.raise_session_version();
