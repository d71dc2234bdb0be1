-- Issue 22: a private brainstorm ("think alone") round. The facilitator starts a timed round; the cards
-- people post during it are visible only to their author until the facilitator reveals them all at once.
-- Every client of a board receives the whole Y.Doc, so a private card cannot be in the document: it waits
-- here, one row per card, readable by its author only. The facilitator sees how many wait
-- (board_private_cards_waiting), never what they say. The reveal closes the round; the app then moves
-- the round's cards into the board's document as the system (one update appended to board_updates and
-- the rows deleted in the same transaction, app/boards/brainstorm.server.ts), so a card is neither lost
-- nor written twice, and a second reveal finds nothing left to move.

create table public.board_brainstorm_rounds (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  round int not null check (round >= 1),
  -- Posting stops at ends_at (the timer); the cards wait for the reveal after that.
  ends_at timestamptz not null,
  opened_by uuid references auth.users (id) on delete set null,
  opened_at timestamptz not null default now(),
  revealed_at timestamptz,
  unique (board_id, round),
  check (ends_at > opened_at)
);
-- At most one unrevealed round per board.
create unique index board_brainstorm_rounds_unrevealed_idx on public.board_brainstorm_rounds (board_id)
  where revealed_at is null;

create table public.board_private_cards (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references public.board_brainstorm_rounds (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  author_id uuid not null references auth.users (id) on delete cascade,
  -- The name the card shows once revealed; null for an anonymous card.
  author_name text check (author_name is null or length(author_name) between 1 and 200),
  -- Sections are named in the document (`text:<section>` roots), so only the shape is checked here.
  section text not null check (section ~ '^[A-Za-z0-9_-]{1,100}$'),
  body text not null check (length(btrim(body)) between 1 and 500),
  colour text not null check (colour in ('yellow', 'pink', 'blue', 'green', 'orange')),
  created_at timestamptz not null default now()
);
create index board_private_cards_round_idx on public.board_private_cards (round_id, author_id);
create index board_private_cards_board_idx on public.board_private_cards (board_id);

alter table public.board_brainstorm_rounds enable row level security;
alter table public.board_private_cards enable row level security;

create policy "who reads the board reads its brainstorm rounds" on public.board_brainstorm_rounds
  for select to authenticated using (private.can_read_board(board_id));
create policy "authors read their own private cards" on public.board_private_cards
  for select to authenticated using (author_id = auth.uid());
-- Withdrawn only before the reveal: after it the card is the board's (and the row about to go).
create policy "authors withdraw their own private cards before the reveal" on public.board_private_cards
  for delete to authenticated using (
    author_id = auth.uid()
    and exists (
      select 1 from public.board_brainstorm_rounds r where r.id = round_id and r.revealed_at is null
    )
  );
-- No insert or update policies: rounds change only through open_/reveal_board_brainstorm_round, cards
-- are posted only through post_board_private_card, which checks the round under a lock a policy cannot take.
grant select on public.board_brainstorm_rounds, public.board_private_cards to authenticated;
grant delete on public.board_private_cards to authenticated;
grant select, insert, update, delete on public.board_brainstorm_rounds, public.board_private_cards to service_role;

-- Starts the next round, `p_minutes` (1–30) long; facilitators only. Returns its number, or null while
-- an earlier round waits for its reveal (its cards would otherwise be stranded).
create function private.open_board_brainstorm_round(p_board uuid, p_minutes int) returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  next_round int;
begin
  if auth.uid() is null or not private.can_facilitate_board(p_board) then
    raise exception 'permission denied to run a brainstorm on this board' using errcode = '42501';
  end if;
  if p_minutes is null or p_minutes not between 1 and 30 then
    raise exception 'invalid_minutes' using errcode = '22023';
  end if;
  -- The board row orders two facilitators starting a round at once.
  perform 1 from public.boards where id = p_board for update;
  if exists (select 1 from public.board_brainstorm_rounds where board_id = p_board and revealed_at is null) then
    return null;
  end if;
  select coalesce(max(round), 0) + 1 into next_round from public.board_brainstorm_rounds where board_id = p_board;
  insert into public.board_brainstorm_rounds (board_id, round, ends_at, opened_by)
  values (p_board, next_round, now() + make_interval(mins => p_minutes), auth.uid());
  return next_round;
end
$$;

-- Posts a private card to the board's running round. The round row is held (FOR SHARE) until the card's
-- transaction ends, and the reveal updates that row, so a card posted at the moment of the reveal is
-- either in before it (and revealed) or refused after it ('closed'), never stranded. Returns 'ok',
-- 'closed' (no round, or revealed), 'time_up' or 'too_many' (50 per person per round); raises when the
-- person may not write on the board or the card is malformed.
create function private.post_board_private_card(
  p_board uuid, p_section text, p_body text, p_colour text, p_author_name text
) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  running public.board_brainstorm_rounds;
begin
  if auth.uid() is null or not private.can_edit_board(p_board) then
    raise exception 'permission denied to post on this board' using errcode = '42501';
  end if;
  select * into running from public.board_brainstorm_rounds
  where board_id = p_board and revealed_at is null
  for share;
  if running.id is null then
    return 'closed';
  end if;
  if running.ends_at <= now() then
    return 'time_up';
  end if;
  if (select count(*) from public.board_private_cards where round_id = running.id and author_id = auth.uid()) >= 50 then
    return 'too_many';
  end if;
  insert into public.board_private_cards (round_id, board_id, author_id, author_name, section, body, colour)
  values (running.id, p_board, auth.uid(), p_author_name, p_section, btrim(p_body), p_colour);
  return 'ok';
end
$$;

-- Ends the round for good: no card is posted or withdrawn after this commits. Returns the round's number,
-- null when no round waited. Facilitators only. Moving the cards into the document follows (as the system).
create function private.reveal_board_brainstorm_round(p_board uuid) returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  revealed int;
begin
  if auth.uid() is null or not private.can_facilitate_board(p_board) then
    raise exception 'permission denied to run a brainstorm on this board' using errcode = '42501';
  end if;
  update public.board_brainstorm_rounds set revealed_at = now()
  where board_id = p_board and revealed_at is null
  returning round into revealed;
  return revealed;
end
$$;

-- How many private cards wait on the board (a count, no text, no authors); facilitators only.
create function private.board_private_cards_waiting(p_board uuid) returns int
language plpgsql stable security definer set search_path = ''
as $$
begin
  if auth.uid() is null or not private.can_facilitate_board(p_board) then
    raise exception 'permission denied to run a brainstorm on this board' using errcode = '42501';
  end if;
  return (select count(*)::int from public.board_private_cards where board_id = p_board);
end
$$;

revoke execute on function private.open_board_brainstorm_round(uuid, int),
  private.post_board_private_card(uuid, text, text, text, text), private.reveal_board_brainstorm_round(uuid),
  private.board_private_cards_waiting(uuid)
  from public;
grant execute on function private.open_board_brainstorm_round(uuid, int),
  private.post_board_private_card(uuid, text, text, text, text), private.reveal_board_brainstorm_round(uuid),
  private.board_private_cards_waiting(uuid)
  to authenticated, service_role;
