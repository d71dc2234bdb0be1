-- Session scheduling: sessions of a pool (single or a series), who is invited and what they answered,
-- attendance, changes (moved/cancelled, with the reason), personal calendar feeds, and the scheduled
-- jobs (reminders, change notices) that a small runner in the app server works through.
-- Times are timestamptz (UTC); the wall-clock zone a session was planned in is kept beside them.

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  pool_id uuid not null references public.pools (id) on delete cascade,
  -- Occurrences of one series share this id; null for a single session.
  series_id uuid,
  title text not null check (length(title) between 1 and 200),
  purpose text not null default '' check (length(purpose) <= 2000),
  -- Markdown; rendered and sanitised on the server.
  agenda text not null default '' check (length(agenda) <= 20000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null default 'Europe/Amsterdam',
  online_url text check (online_url is null or online_url ~ '^https?://'),
  location text check (length(location) <= 300),
  languages text[] not null default '{nl}',
  interpreter boolean not null default false,
  capacity int check (capacity is null or capacity between 1 and 1000),
  rsvp_deadline timestamptz,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  cancel_reason text check (length(cancel_reason) <= 1000),
  notes text not null default '' check (length(notes) <= 20000),
  -- Optimistic concurrency: an edit names the version it started from; a stale one changes nothing.
  version int not null default 1,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (rsvp_deadline is null or rsvp_deadline <= ends_at)
);
create index sessions_pool_starts_idx on public.sessions (pool_id, starts_at);
create index sessions_series_id_idx on public.sessions (series_id) where series_id is not null;

-- Who is invited, their answer and (afterwards) whether they came. 'waiting' is a yes that found the
-- session full; the first on the waiting list gets a place when one frees up.
create table public.session_invitees (
  session_id uuid not null references public.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  response text check (response in ('yes', 'maybe', 'no', 'waiting')),
  reason text check (length(reason) <= 500),
  responded_at timestamptz,
  attended boolean,
  allowance_cents int check (allowance_cents is null or allowance_cents between 0 and 100000),
  invited_at timestamptz not null default now(),
  primary key (session_id, user_id)
);
create index session_invitees_user_id_idx on public.session_invitees (user_id);

-- A session moved or cancelled: the reason is kept, and every invitee is told (a job, below).
create table public.session_changes (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  kind text not null check (kind in ('moved', 'cancelled')),
  reason text not null default '' check (length(reason) <= 1000),
  previous_starts_at timestamptz not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index session_changes_session_id_idx on public.session_changes (session_id);

-- A personal calendar feed: only the token's hash is stored; revoking keeps the row as history.
create table public.calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create unique index calendar_feeds_one_active_idx on public.calendar_feeds (user_id) where revoked_at is null;

-- Work for the job runner, polled with FOR UPDATE SKIP LOCKED so several app servers can share it.
-- dedupe_key makes scheduling idempotent: the same reminder is never queued (or sent) twice.
create table public.scheduled_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('session_reminder', 'session_change_notice')),
  dedupe_key text not null unique,
  payload jsonb not null default '{}',
  run_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed', 'cancelled')),
  attempts int not null default 0,
  last_error text,
  finished_at timestamptz,
  created_at timestamptz not null default now()
);
create index scheduled_jobs_due_idx on public.scheduled_jobs (run_at) where status = 'pending';

-- Helpers ------------------------------------------------------------------------------------------

create function public.coordinates_session(session uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.sessions s
    join public.pool_memberships m on m.pool_id = s.pool_id
    where s.id = session and m.user_id = auth.uid() and m.role = 'coordinator'
  )
$$;

create function public.is_session_pool_member(session uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.sessions s
    join public.pool_memberships m on m.pool_id = s.pool_id
    where s.id = session and m.user_id = auth.uid()
  )
$$;

-- Gives free places to the waiting list, longest waiting first. Internal: called by the functions below.
create function public.fill_session_places(session uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  cap int;
  taken int;
begin
  select capacity into cap from public.sessions where id = session;
  select count(*) into taken from public.session_invitees where session_id = session and response = 'yes';
  update public.session_invitees set response = 'yes', responded_at = now()
  where session_id = session and user_id in (
    select user_id from public.session_invitees
    where session_id = session and response = 'waiting'
    order by responded_at, user_id
    limit case when cap is null then null else greatest(cap - taken, 0) end
  );
end
$$;

-- A member answers for themselves. Runs as definer so it can lock the session row (members may not
-- update sessions) and count places without two answers racing past the capacity. Refusals are
-- raised with a stable message the app translates.
create function public.answer_session(session uuid, answer text, why text default null) returns text
language plpgsql security definer set search_path = ''
as $$
declare
  s public.sessions;
  previous text;
  taken int;
  result text := answer;
begin
  if answer is null or answer not in ('yes', 'maybe', 'no') then
    raise exception 'invalid_answer' using errcode = '22023';
  end if;
  select * into s from public.sessions where id = session for update;
  if not found or not public.is_pool_member(s.pool_id) then
    raise exception 'session_not_found' using errcode = 'P0002';
  end if;
  select response into previous from public.session_invitees where session_id = session and user_id = auth.uid();
  if not found then
    raise exception 'not_invited' using errcode = 'P0001';
  end if;
  if s.status = 'cancelled' then
    raise exception 'session_cancelled' using errcode = 'P0001';
  end if;
  if coalesce(s.rsvp_deadline, s.starts_at) < now() then
    raise exception 'rsvp_closed' using errcode = 'P0001';
  end if;
  if answer = 'yes' then
    if previous in ('yes', 'waiting') then
      result := previous;
    elsif s.capacity is not null then
      select count(*) into taken from public.session_invitees where session_id = session and response = 'yes';
      if taken >= s.capacity then
        result := 'waiting';
      end if;
    end if;
  end if;
  update public.session_invitees
  set response = result,
      reason = nullif(btrim(why), ''),
      -- The waiting list is ordered by this; repeating an answer keeps one's place.
      responded_at = case when response is distinct from result then now() else responded_at end
  where session_id = session and user_id = auth.uid();
  if previous = 'yes' and result <> 'yes' then
    perform public.fill_session_places(session);
  end if;
  return result;
end
$$;

-- The person a feed token belongs to, while it is not revoked; nothing for an unknown token.
create function public.calendar_feed_owner(hash text) returns table (user_id uuid, email text)
language sql stable security definer set search_path = ''
as $$
  select f.user_id, u.email from public.calendar_feeds f
  join auth.users u on u.id = f.user_id
  where f.token_hash = hash and f.revoked_at is null
$$;

-- Reminders a day before, rescheduled when a session moves, dropped when it is cancelled; more
-- places (a higher capacity) go to the waiting list at once.
create function public.schedule_session_jobs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.starts_at <> old.starts_at or new.status <> old.status then
    update public.scheduled_jobs set status = 'cancelled'
    where kind = 'session_reminder' and status = 'pending' and payload ->> 'session_id' = new.id::text;
    if new.status = 'scheduled' and new.starts_at > now() then
      insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
      values (
        'session_reminder',
        'session_reminder:' || new.id || ':' || extract(epoch from new.starts_at)::bigint,
        jsonb_build_object('session_id', new.id),
        greatest(new.starts_at - interval '1 day', now())
      )
      -- Moved back to a time whose reminder already went out: it is not sent again.
      on conflict (dedupe_key) do update set status = 'pending', run_at = excluded.run_at
        where public.scheduled_jobs.status = 'cancelled';
    end if;
  end if;
  if tg_op = 'UPDATE' and new.capacity is distinct from old.capacity then
    perform public.fill_session_places(new.id);
  end if;
  return new;
end
$$;

create trigger sessions_schedule_jobs after insert or update on public.sessions
  for each row execute function public.schedule_session_jobs();

create function public.schedule_change_notice() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
  values ('session_change_notice', 'session_change:' || new.id, jsonb_build_object('change_id', new.id), now());
  return new;
end
$$;

create trigger session_changes_notify after insert on public.session_changes
  for each row execute function public.schedule_change_notice();

-- A coordinator sends a reminder now (beside the automatic one a day before). Only the session's
-- coordinators and admins; the job runner sends it to everyone who has not said no.
create function public.request_session_reminder(session uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if not (public.coordinates_session(session) or public.is_admin()) then
    raise exception 'permission denied: only its coordinators send a reminder for this session' using errcode = '42501';
  end if;
  insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
  values ('session_reminder', 'session_reminder_now:' || session || ':' || gen_random_uuid(),
    jsonb_build_object('session_id', session, 'manual', 'yes'), now());
end
$$;

revoke execute on function public.coordinates_session(uuid), public.is_session_pool_member(uuid),
  public.fill_session_places(uuid), public.answer_session(uuid, text, text), public.calendar_feed_owner(text),
  public.schedule_session_jobs(), public.schedule_change_notice(), public.request_session_reminder(uuid) from public;
grant execute on function public.coordinates_session(uuid), public.is_session_pool_member(uuid),
  public.answer_session(uuid, text, text), public.request_session_reminder(uuid) to authenticated, service_role;
grant execute on function public.calendar_feed_owner(text) to anon, authenticated, service_role;

-- Row level security ----------------------------------------------------------------------------

alter table public.sessions enable row level security;
alter table public.session_invitees enable row level security;
alter table public.session_changes enable row level security;
alter table public.calendar_feeds enable row level security;
alter table public.scheduled_jobs enable row level security;

create policy "members read their pools' sessions, admins all" on public.sessions for select to authenticated
  using (public.is_pool_member(pool_id) or public.is_admin());
create policy "pool coordinators and admins schedule sessions" on public.sessions for insert to authenticated
  with check ((public.is_pool_coordinator(pool_id) or public.is_admin()) and created_by = auth.uid());
create policy "pool coordinators and admins change sessions" on public.sessions for update to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin())
  with check (public.is_pool_coordinator(pool_id) or public.is_admin());
create policy "pool coordinators and admins remove sessions" on public.sessions for delete to authenticated
  using (public.is_pool_coordinator(pool_id) or public.is_admin());

-- A member sees their own invitation and answer; the coordinators see everyone's. Members change
-- their answer only through answer_session().
create policy "invitees read their own answer, coordinators and admins all" on public.session_invitees
  for select to authenticated
  using (user_id = auth.uid() or public.coordinates_session(session_id) or public.is_admin());
create policy "session coordinators and admins invite pool members" on public.session_invitees
  for insert to authenticated
  with check (
    (public.coordinates_session(session_id) or public.is_admin())
    and exists (
      select 1 from public.sessions s join public.pool_memberships m on m.pool_id = s.pool_id
      where s.id = session_id and m.user_id = session_invitees.user_id
    )
  );
create policy "session coordinators and admins record attendance" on public.session_invitees
  for update to authenticated
  using (public.coordinates_session(session_id) or public.is_admin())
  with check (public.coordinates_session(session_id) or public.is_admin());
create policy "session coordinators and admins uninvite" on public.session_invitees for delete to authenticated
  using (public.coordinates_session(session_id) or public.is_admin());

create policy "pool members and admins read why a session changed" on public.session_changes
  for select to authenticated using (public.is_session_pool_member(session_id) or public.is_admin());
create policy "session coordinators and admins move or cancel" on public.session_changes
  for insert to authenticated
  with check ((public.coordinates_session(session_id) or public.is_admin()) and created_by = auth.uid());

create policy "people read their own feeds" on public.calendar_feeds for select to authenticated
  using (user_id = auth.uid());
create policy "people create their own feed" on public.calendar_feeds for insert to authenticated
  with check (user_id = auth.uid() and revoked_at is null);
create policy "people revoke their own feed" on public.calendar_feeds for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());
-- scheduled_jobs: no policies on purpose; only triggers (definer) and the system job runner touch it.

-- Views ---------------------------------------------------------------------------------------------
-- Both run as their owner and filter rows themselves, so they never widen what a person can learn.

-- Title and date only: what municipality readers may see of the sessions of pools serving them.
create view public.session_calendar as
  select s.id, s.pool_id, s.title, s.starts_at, s.ends_at, s.status
  from public.sessions s
  where public.is_pool_member(s.pool_id) or public.reads_for_pool(s.pool_id) or public.is_admin();

-- Numbers without names: how full a session is, for everyone in the pool.
create view public.session_tallies as
  select s.id as session_id,
    count(i.user_id)::int as invited,
    count(i.user_id) filter (where i.response = 'yes')::int as yes,
    count(i.user_id) filter (where i.response = 'maybe')::int as maybe,
    count(i.user_id) filter (where i.response = 'no')::int as no,
    count(i.user_id) filter (where i.response = 'waiting')::int as waiting,
    count(i.user_id) filter (where i.attended)::int as attended
  from public.sessions s
  left join public.session_invitees i on i.session_id = s.id
  where public.is_pool_member(s.pool_id) or public.is_admin()
  group by s.id;

grant select, insert, update, delete on public.sessions, public.session_invitees, public.session_changes,
  public.calendar_feeds to authenticated, service_role;
grant select on public.session_calendar, public.session_tallies to authenticated, service_role;
revoke all on public.scheduled_jobs from anon, authenticated;
