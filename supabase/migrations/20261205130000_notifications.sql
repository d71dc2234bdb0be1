-- Notifications (issue 17): what happened reaches the people it concerns. Each is a row written by a
-- trigger in the same transaction as the change that causes it, so a rollback notifies nobody and a
-- commit loses nothing. A row names its subject (pool, session, advice) but copies none of its text:
-- the app reads the subject again under the reader's own rights when it shows or mails it, so a
-- notification never tells what its reader may no longer see (after leaving a pool, say).
--
-- Mail follows each person's choice per kind (immediately / daily / weekly / off): "immediately"
-- queues a `notification_mail` job beside the row, in the same transaction. The old
-- `session_change_notice` job (one mail per session change) is folded into this.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in (
    'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted',
    'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented')),
  pool_id uuid references public.pools (id) on delete cascade,
  session_id uuid references public.sessions (id) on delete cascade,
  session_change_id uuid references public.session_changes (id) on delete cascade,
  advice_id uuid references public.advices (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
-- The bell's count on every page: an index of only the unread rows, per person.
create index notifications_unread_idx on public.notifications (recipient_id) where read_at is null;
create index notifications_recipient_created_idx on public.notifications (recipient_id, created_at desc);
-- The daily retention job deletes by age.
create index notifications_created_at_idx on public.notifications (created_at);

create table public.notification_preferences (
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in (
    'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted',
    'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented')),
  delivery text not null check (delivery in ('immediately', 'daily', 'weekly', 'off')),
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);

-- The mail job joins the job runner's kinds (the constraint is added again at the end, once the
-- pending change notices have become notifications).
alter table public.scheduled_jobs drop constraint scheduled_jobs_kind_check;

-- How a person gets mail of a kind: their choice, or the default (what concerns a session they are
-- invited to at once, the rest in the daily digest).
create function private.notification_delivery(person uuid, what text) returns text
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select delivery from public.notification_preferences where user_id = person and kind = what),
    case when what in ('session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted')
      then 'immediately' else 'daily' end)
$$;

-- Writes one notification per recipient (never to the person who caused it) and queues the mail of
-- those who want it at once. Internal: only the triggers below call it.
create function private.notify(
  recipients uuid[], what text, pool uuid, session uuid default null, advice uuid default null,
  change uuid default null
) returns void
language sql security definer set search_path = ''
as $$
  with added as (
    insert into public.notifications (recipient_id, kind, pool_id, session_id, advice_id, session_change_id)
    select distinct r, what, pool, session, advice, change from unnest(recipients) r
    where r is not null and r is distinct from auth.uid()
    returning id, recipient_id
  )
  insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
  select 'notification_mail', 'notification_mail:' || a.id, jsonb_build_object('notification_id', a.id), now()
  from added a
  where private.notification_delivery(a.recipient_id, what) = 'immediately'
$$;

-- Sessions ------------------------------------------------------------------------------------------

-- Invited to a session that is still to come.
create function private.notify_session_invited() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  s public.sessions;
begin
  select * into s from public.sessions where id = new.session_id;
  if s.status = 'scheduled' and s.starts_at > now() then
    perform private.notify(array[new.user_id], 'session_invited', s.pool_id, s.id);
  end if;
  return null;
end
$$;
create trigger session_invitees_notify_invited after insert on public.session_invitees
  for each row execute function private.notify_session_invited();

-- A yes on the waiting list got a place.
create function private.notify_waitlist_promoted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(array[new.user_id], 'waitlist_promoted',
    (select pool_id from public.sessions where id = new.session_id), new.session_id);
  return null;
end
$$;
create trigger session_invitees_notify_promoted after update of response on public.session_invitees
  for each row when (old.response = 'waiting' and new.response = 'yes')
  execute function private.notify_waitlist_promoted();

-- Moved or cancelled (a session_changes row, with the reason): every invitee, as the old notice did.
create function private.notify_session_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(
    array(select user_id from public.session_invitees where session_id = new.session_id),
    case new.kind when 'moved' then 'session_moved' else 'session_cancelled' end,
    (select pool_id from public.sessions where id = new.session_id), new.session_id, null, new.id);
  return null;
end
$$;
drop trigger session_changes_notify on public.session_changes;
drop function private.schedule_change_notice();
create trigger session_changes_notify after insert on public.session_changes
  for each row execute function private.notify_session_change();

-- Other details changed (title, end, place, link) of a session that did not move: those who have not
-- said no. A move is told by the session_changes row above, not twice.
create function private.notify_session_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(
    array(select user_id from public.session_invitees
          where session_id = new.id and response is distinct from 'no'),
    'session_changed', new.pool_id, new.id);
  return null;
end
$$;
create trigger sessions_notify_changed after update on public.sessions
  for each row when (
    new.status = 'scheduled' and old.status = 'scheduled' and new.starts_at = old.starts_at
    and (new.title, new.ends_at, new.location, new.online_url)
      is distinct from (old.title, old.ends_at, old.location, old.online_url))
  execute function private.notify_session_changed();

-- Advice --------------------------------------------------------------------------------------------

-- Who wrote, discussed or recognised an advice: they hear of comments and of what became of it.
create function private.advice_followers(advice uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select array(
    select created_by from public.advices where id = advice and created_by is not null
    union select author_id from public.advice_comments where advice_id = advice and author_id is not null
    union select user_id from public.advice_recognitions where advice_id = advice
  )
$$;

create function private.notify_advice_status() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'in_review' then
    -- Put up for review: the whole pool.
    perform private.notify(
      array(select user_id from public.pool_memberships where pool_id = new.pool_id),
      'advice_in_review', new.pool_id, null, new.id);
  elsif new.status = 'published' and old.status in ('draft', 'in_review') then
    -- Published: the readers of every municipality it is addressed to (directly, by its region or
    -- by an organisation standing for it), as advice_addressed_to_municipality() decides.
    perform private.notify(
      array(select r.user_id from public.municipality_readers r
            join public.municipalities m on m.id = r.municipality_id
            where new.addressee_ids && (array[m.id, m.region_id]
              || array(select o.id from public.organisations o where o.municipality_id = m.id))),
      'advice_published', new.pool_id, null, new.id);
  elsif new.status = 'implemented' then
    perform private.notify(private.advice_followers(new.id), 'advice_implemented', new.pool_id, null, new.id);
  end if;
  return null;
end
$$;
create trigger advices_notify_status after update of status on public.advices
  for each row when (old.status is distinct from new.status)
  execute function private.notify_advice_status();

create function private.notify_advice_response() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(private.advice_followers(new.advice_id), 'advice_responded',
    (select pool_id from public.advices where id = new.advice_id), null, new.advice_id);
  return null;
end
$$;
create trigger advice_responses_notify after insert on public.advice_responses
  for each row execute function private.notify_advice_response();

create function private.notify_advice_comment() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(private.advice_followers(new.advice_id), 'advice_commented',
    (select pool_id from public.advices where id = new.advice_id), null, new.advice_id);
  return null;
end
$$;
create trigger advice_comments_notify after insert on public.advice_comments
  for each row execute function private.notify_advice_comment();

-- Change notices queued before this migration and not yet sent become notifications (and mails).
do $$
declare
  job record;
  change public.session_changes;
begin
  for job in select id, payload from public.scheduled_jobs where kind = 'session_change_notice' and status = 'pending'
  loop
    select * into change from public.session_changes where id = (job.payload ->> 'change_id')::uuid;
    if found then
      perform private.notify(
        array(select user_id from public.session_invitees where session_id = change.session_id),
        case change.kind when 'moved' then 'session_moved' else 'session_cancelled' end,
        (select pool_id from public.sessions where id = change.session_id), change.session_id, null, change.id);
    end if;
    update public.scheduled_jobs set status = 'done', finished_at = now(), last_error = 'became notifications'
    where id = job.id;
  end loop;
end
$$;

-- Change notices that already ran stay as history; none may be pending any more.
alter table public.scheduled_jobs add constraint scheduled_jobs_kind_check check (
  kind in ('session_reminder', 'notification_mail')
  or (kind = 'session_change_notice' and status <> 'pending'));

-- Privileges and row level security -----------------------------------------------------------------

revoke execute on function private.notification_delivery(uuid, text),
  private.notify(uuid[], text, uuid, uuid, uuid, uuid), private.advice_followers(uuid),
  private.notify_session_invited(), private.notify_waitlist_promoted(), private.notify_session_change(),
  private.notify_session_changed(), private.notify_advice_status(), private.notify_advice_response(),
  private.notify_advice_comment()
  from public, anon, authenticated;

alter table public.notifications enable row level security;
alter table public.notification_preferences enable row level security;

create policy "people read their own notifications" on public.notifications for select to authenticated
  using (recipient_id = (select auth.uid()));
create policy "people mark their own notifications read" on public.notifications for update to authenticated
  using (recipient_id = (select auth.uid())) with check (recipient_id = (select auth.uid()));
-- No insert or delete policy: only the triggers above (definer) write them, the retention job deletes.

create policy "people read their own notification preferences" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "people choose their own notification preferences" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "people change their own notification preferences" on public.notification_preferences
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

revoke all on public.notifications, public.notification_preferences from anon, authenticated;
grant select on public.notifications to authenticated, service_role;
-- Marking read is the only change a person makes to a notification.
grant update (read_at) on public.notifications to authenticated, service_role;
grant select, insert, update on public.notification_preferences to authenticated, service_role;
