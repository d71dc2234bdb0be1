-- Issue 22, comments on a board's card or section: threads with replies (one level deep), resolve and
-- reopen, and @mentions of people in the board's pool, who get a `board_mentioned` notification.
--
-- Comments live here, not in the board's Y.Doc: the document is judged by the collab-server by its
-- effect (who may write which root), and a thread needs rights the document cannot express (authors
-- edit their own words, facilitators resolve and moderate, mentions limited to the pool, a
-- notification written with the change). The card or section is named by its id in the document
-- (`target_id`); the app checks that it exists in the stored document when a thread starts, the
-- database that a reply stays on its thread's board and target.

create table public.board_comments (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  target_kind text not null check (target_kind in ('card', 'section')),
  -- A card's or section's id in the document (protocol.ts CARD_ID).
  target_id text not null check (target_id ~ '^[A-Za-z0-9_-]{1,80}$'),
  -- A reply names its thread's first comment; replies to replies are refused (one level deep).
  parent_id uuid references public.board_comments (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null,
  body text not null check (length(body) between 1 and 2000),
  -- The people mentioned, by id (names are read under the reader's rights when shown).
  mentions uuid[] not null default '{}' check (cardinality(mentions) <= 20),
  -- Only a thread's first comment is resolved; its replies follow it.
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  check (parent_id is null or resolved_at is null)
);
create index board_comments_board_target_idx on public.board_comments (board_id, target_kind, target_id, created_at);
create index board_comments_parent_id_idx on public.board_comments (parent_id);

-- The people of a board's pool among `people` are all of them (the mention picker offers no one else).
create function private.are_board_pool_people(board uuid, people uuid[]) returns boolean
language sql stable security definer set search_path = ''
as $$
  select not exists (
    select 1 from unnest(people) person
    where not exists (
      select 1 from public.pool_memberships m
      join public.boards b on b.pool_id = m.pool_id
      where b.id = board and m.user_id = person
    )
  )
$$;
revoke all on function private.are_board_pool_people(uuid, uuid[]) from public, anon;
grant execute on function private.are_board_pool_people(uuid, uuid[]) to authenticated, service_role;

-- What policies cannot say about a row in relation to others and to what changed: a reply's thread
-- (same board and target, a first comment, not resolved), mentions only of the pool's people, authors
-- alone rewrite their words, facilitators alone resolve. Refusals are check violations (SQLSTATE 23514),
-- which the app reads as "not possible" rather than a server error.
create function private.check_board_comment() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  thread public.board_comments;
begin
  -- Triggers run before the policies' checks: someone who may not write on the board learns nothing
  -- from these messages (whether a thread exists, is resolved), the insert policy refuses them.
  if tg_op = 'INSERT' and auth.uid() is not null and not private.can_edit_board(new.board_id) then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.parent_id is not null then
      select * into thread from public.board_comments where id = new.parent_id;
      if not found or thread.parent_id is not null or thread.board_id <> new.board_id
        or thread.target_kind <> new.target_kind or thread.target_id <> new.target_id then
        raise exception 'a reply belongs to a thread on the same card or section' using errcode = '23514';
      end if;
      if thread.resolved_at is not null then
        raise exception 'the thread is resolved' using errcode = '23514';
      end if;
    end if;
    if new.resolved_at is not null or new.resolved_by is not null or new.edited_at is not null then
      raise exception 'a new comment is open and unedited' using errcode = '23514';
    end if;
  else
    if (new.board_id, new.target_kind, new.target_id, new.parent_id, new.author_id, new.created_at)
      is distinct from (old.board_id, old.target_kind, old.target_id, old.parent_id, old.author_id, old.created_at) then
      raise exception 'a comment stays where and whose it is' using errcode = '23514';
    end if;
    if (new.body, new.mentions) is distinct from (old.body, old.mentions) then
      if auth.uid() is not null and old.author_id is distinct from auth.uid() then
        raise exception 'only the author changes a comment' using errcode = '23514';
      end if;
      if exists (select 1 from public.board_comments t
                 where t.id = coalesce(old.parent_id, old.id) and t.resolved_at is not null)
        or new.resolved_at is not null then
        raise exception 'the thread is resolved' using errcode = '23514';
      end if;
      new.edited_at := now();
    end if;
    if new.resolved_at is distinct from old.resolved_at then
      if auth.uid() is not null and not private.can_facilitate_board(old.board_id) then
        raise exception 'only facilitators resolve a thread' using errcode = '23514';
      end if;
      new.resolved_by := case when new.resolved_at is null then null else auth.uid() end;
    elsif new.resolved_by is distinct from old.resolved_by then
      raise exception 'resolved_by follows resolved_at' using errcode = '23514';
    end if;
  end if;
  if cardinality(new.mentions) > 0 and not private.are_board_pool_people(new.board_id, new.mentions) then
    raise exception 'only people of the board''s pool can be mentioned' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger board_comments_check before insert or update on public.board_comments
  for each row execute function private.check_board_comment();

-- Notifications: a mention is told to the person mentioned (never to oneself: notify() skips the
-- author), on a new comment and for the people an edit adds.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted', 'board_opened',
  'board_mentioned', 'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded',
  'advice_implemented', 'response_due', 'response_overdue', 'invitation_stuck'));
alter table public.notification_preferences drop constraint notification_preferences_kind_check;
alter table public.notification_preferences add constraint notification_preferences_kind_check check (kind in (
  'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted', 'board_opened',
  'board_mentioned', 'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded',
  'advice_implemented', 'response_due', 'response_overdue', 'invitation_stuck'));

-- A mention asks something of one person by name: by default it is mailed at once, like an invitation.
create or replace function private.notification_delivery(person uuid, what text) returns text
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select delivery from public.notification_preferences where user_id = person and kind = what),
    case
      when what in ('session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted',
                    'board_mentioned')
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
    'board_mentioned', 'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded',
    'advice_implemented', 'response_due', 'response_overdue', 'invitation_stuck']) k
  where auth.uid() is not null
$$;

create function private.notify_board_mentioned() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify(
    array(select unnest(new.mentions)
          except select unnest(case when tg_op = 'UPDATE' then old.mentions else '{}'::uuid[] end)),
    'board_mentioned', (select pool_id from public.boards where id = new.board_id),
    null, null, null, new.board_id);
  return null;
end
$$;
create trigger board_comments_notify_mentioned after insert or update of mentions on public.board_comments
  for each row when (cardinality(new.mentions) > 0)
  execute function private.notify_board_mentioned();

revoke execute on function private.check_board_comment(), private.notify_board_mentioned() from public, anon, authenticated;

-- Row level security --------------------------------------------------------------------------------

alter table public.board_comments enable row level security;

create policy "who reads the board reads its comments" on public.board_comments for select to authenticated
  using (private.can_read_board(board_id));
create policy "who may write on the board comments as themselves" on public.board_comments for insert to authenticated
  with check (author_id = (select auth.uid()) and private.can_edit_board(board_id));
create policy "authors edit their own comments" on public.board_comments for update to authenticated
  using (author_id = (select auth.uid()) and private.can_edit_board(board_id))
  with check (author_id = (select auth.uid()) and private.can_edit_board(board_id));
create policy "facilitators resolve and reopen threads" on public.board_comments for update to authenticated
  using (private.can_facilitate_board(board_id)) with check (private.can_facilitate_board(board_id));
create policy "authors remove their own comments, facilitators any" on public.board_comments for delete to authenticated
  using ((author_id = (select auth.uid()) and private.can_edit_board(board_id)) or private.can_facilitate_board(board_id));

revoke all on public.board_comments from anon, authenticated;
grant select, insert, delete on public.board_comments to authenticated;
grant update (body, mentions, resolved_at) on public.board_comments to authenticated;
grant select, insert, update, delete on public.board_comments to service_role;
