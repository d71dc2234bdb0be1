-- The remaining notification events of issue 17 and the daily/weekly digests.
--
-- Events: a board opened for a session (a trigger, with the change, like the others); an advice's
-- response term about to end (the readers of each municipality that has not answered) and past
-- (the pool's coordinators); a pool invitation nobody accepted for a week (the pool's coordinators).
-- The time-based ones are written by a daily job (`notification_events`, app/notifications/events.server.ts)
-- calling private.notify_due_events(), each advice × municipality × kind and each invitation once:
-- the key is kept in `notified_once`, which outlives the notification (deleted after 90 days), so a
-- term that stays overdue is not told again every 90 days.
--
-- Digests: notifications whose reader wants them "daily" or "weekly" are collected at 08:00 by a job
-- per person and period; `digest_id` says which digest took a notification, so none is mailed twice.

-- Events -------------------------------------------------------------------------------------------

create table public.notification_digests (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references auth.users (id) on delete cascade,
  period text not null check (period in ('daily', 'weekly')),
  -- The recipient's calendar day the digest was sent on (one per person, period and day).
  local_date date not null,
  created_at timestamptz not null default now(),
  unique (recipient_id, period, local_date)
);

alter table public.notifications
  add column board_id uuid references public.boards (id) on delete cascade,
  add column municipality_id uuid references public.municipalities (id) on delete cascade,
  add column invitation_id uuid references public.invitations (id) on delete cascade,
  add column digest_id uuid references public.notification_digests (id) on delete set null;
create index notifications_digest_id_idx on public.notifications (digest_id);

alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted', 'board_opened',
  'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented',
  'response_due', 'response_overdue', 'invitation_stuck'));
alter table public.notification_preferences drop constraint notification_preferences_kind_check;
alter table public.notification_preferences add constraint notification_preferences_kind_check check (kind in (
  'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted', 'board_opened',
  'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented',
  'response_due', 'response_overdue', 'invitation_stuck'));

-- What a time-based event was told about already (e.g. 'response_due:<advice>:<municipality>').
create table public.notified_once (
  key text primary key check (length(key) <= 200),
  created_at timestamptz not null default now()
);

-- The new kinds are not about a session one said yes to: by default they come in the daily digest,
-- which the `else` of the defaults already says. Written again only to name every kind.
create or replace function private.notification_delivery(person uuid, what text) returns text
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select delivery from public.notification_preferences where user_id = person and kind = what),
    case
      when what in ('session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted')
        then 'immediately'
      -- board_opened, advice_*, response_due, response_overdue, invitation_stuck
      else 'daily'
    end)
$$;

create or replace function private.my_notification_deliveries() returns table (kind text, delivery text)
language sql stable security definer set search_path = ''
as $$
  select k, private.notification_delivery(auth.uid(), k)
  from unnest(array[
    'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted', 'board_opened',
    'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented',
    'response_due', 'response_overdue', 'invitation_stuck']) k
  where auth.uid() is not null
$$;

-- notify() names the new subjects too (a board, a municipality, an invitation). Its callers pass
-- their arguments by position; the new ones come last with defaults, so they need no change.
drop function private.notify(uuid[], text, uuid, uuid, uuid, uuid);
create function private.notify(
  recipients uuid[], what text, pool uuid, session uuid default null, advice uuid default null,
  change uuid default null, board uuid default null, municipality uuid default null, invitation uuid default null
) returns void
language sql security definer set search_path = ''
as $$
  with added as (
    insert into public.notifications
      (recipient_id, kind, pool_id, session_id, advice_id, session_change_id, board_id, municipality_id, invitation_id)
    select distinct r, what, pool, session, advice, change, board, municipality, invitation from unnest(recipients) r
    where r is not null and r is distinct from auth.uid()
    returning id, recipient_id
  )
  insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
  select 'notification_mail', 'notification_mail:' || a.id, jsonb_build_object('notification_id', a.id), now()
  from added a
  where private.notification_delivery(a.recipient_id, what) = 'immediately'
$$;

-- A board for a session that is still to come (made for it, or attached to it later): its invitees
-- who did not say no.
create function private.notify_board_opened() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(
    array(select i.user_id from public.session_invitees i
          join public.sessions s on s.id = i.session_id
          where i.session_id = new.session_id and i.response is distinct from 'no'
            and s.status = 'scheduled' and s.ends_at > now()),
    'board_opened', new.pool_id, new.session_id, null, null, new.id);
  return null;
end
$$;
create trigger boards_notify_opened after insert on public.boards
  for each row when (new.session_id is not null)
  execute function private.notify_board_opened();
create trigger boards_notify_attached after update of session_id on public.boards
  for each row when (new.session_id is not null and new.session_id is distinct from old.session_id)
  execute function private.notify_board_opened();

-- The municipality's response term, written once: the home page (app/home/needs.server.ts) and the
-- daily events below both ask this.
create function private.response_term() returns interval
language sql immutable set search_path = ''
as $$ select interval '56 days' $$;

-- How long before the term ends its readers hear that a response is due.
create function private.response_due_notice() returns interval
language sql immutable set search_path = ''
as $$ select interval '7 days' $$;

-- A pool invitation nobody accepted for this long is "stuck" (home page and the daily event).
create function private.stuck_invitation_age() returns interval
language sql immutable set search_path = ''
as $$ select interval '7 days' $$;

-- The time-based events, as of `at`; run daily by the `notification_events` job, safe to run again
-- (each is told once, see notified_once). What became due more than 30 days before `at` is not told
-- any more: the first run after this migration does not tell every old advice and invitation at once.
create function private.notify_due_events(at timestamptz) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  due record;
begin
  -- Advice × municipality still without that municipality's response.
  for due in
    select a.id as advice, a.pool_id as pool, m.id as municipality,
      case when a.published_at + private.response_term() <= at then 'response_overdue' else 'response_due' end
        as what
    from public.advices a
    join public.municipalities m on private.advice_addressed_to_municipality(a.id, m.id)
    where a.status in ('published', 'responded')
      and a.published_at + private.response_term() - private.response_due_notice() <= at
      and a.published_at + private.response_term() > at - interval '30 days'
      and not exists (select 1 from public.advice_responses r where r.advice_id = a.id and r.municipality_id = m.id)
  loop
    insert into public.notified_once (key) values (due.what || ':' || due.advice || ':' || due.municipality)
      on conflict do nothing;
    if found then
      perform private.notify(
        case due.what
          when 'response_due' then
            array(select user_id from public.municipality_readers where municipality_id = due.municipality)
          else
            array(select user_id from public.pool_memberships where pool_id = due.pool and role = 'coordinator')
        end,
        due.what, due.pool, null, due.advice, null, null, due.municipality);
    end if;
  end loop;

  for due in
    select v.id, v.pool_id from public.invitations v
    where v.pool_id is not null and v.accepted_at is null and v.revoked_at is null
      and v.created_at <= at - private.stuck_invitation_age()
      and v.created_at > at - private.stuck_invitation_age() - interval '30 days'
  loop
    insert into public.notified_once (key) values ('invitation_stuck:' || due.id) on conflict do nothing;
    if found then
      perform private.notify(
        array(select user_id from public.pool_memberships where pool_id = due.pool_id and role = 'coordinator'),
        'invitation_stuck', due.pool_id, null, null, null, null, null, due.id);
    end if;
  end loop;
end
$$;

-- A newcomer's question answered: the answer goes by mail to the address they left for it (the ask
-- form's "do you want an answer?"), through a job so the mail is written by the system (the outbox
-- is the system's) in the transaction of the job, under an idempotency key per answer.
create function private.queue_question_answered_mail() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.signal_contacts where signal_id = new.id and email is not null) then
    insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
    values (
      'question_answered_mail',
      'question_answered_mail:' || new.id || ':' || extract(epoch from new.answered_at)::bigint,
      jsonb_build_object('signal_id', new.id, 'answered_at', extract(epoch from new.answered_at)::bigint::text),
      now())
    on conflict (dedupe_key) do nothing;
  end if;
  return null;
end
$$;
create trigger signals_queue_answered_mail after update of status, answered_at on public.signals
  for each row when (new.status = 'answered' and new.answered_at is not null
    and (old.status is distinct from 'answered' or old.answered_at is distinct from new.answered_at))
  execute function private.queue_question_answered_mail();

-- Privileges and row level security -----------------------------------------------------------------

revoke execute on function private.notification_delivery(uuid, text),
  private.notify(uuid[], text, uuid, uuid, uuid, uuid, uuid, uuid, uuid), private.notify_board_opened(),
  private.notify_due_events(timestamptz), private.queue_question_answered_mail()
  from public, anon, authenticated;
-- The terms are constants the pages compare with under the reader's rights.
revoke execute on function private.response_term(), private.response_due_notice(), private.stuck_invitation_age()
  from public, anon;
grant execute on function private.response_term(), private.response_due_notice(), private.stuck_invitation_age()
  to authenticated, service_role;
revoke execute on function private.my_notification_deliveries() from public, anon;
grant execute on function private.my_notification_deliveries() to authenticated, service_role;

-- Only the system (digest job, events job) reads and writes these.
alter table public.notification_digests enable row level security;
alter table public.notified_once enable row level security;
revoke all on public.notification_digests, public.notified_once from anon, authenticated;
