-- Dot-voting moves out of the shared Y.Doc into the database. In the document every participant's
-- browser held everyone's dots before the reveal, and the budget was only checked by the browser that
-- wrote them. Now a round, its budget and its dots live here; the document's facilitation map keeps
-- only a signal (round number, open, revealed) so the other browsers know when to fetch again.
-- Dots placed in old documents (their `votes` map) are not carried over: they were never checked.
--
-- Who sees what: a person reads their own dots; per-card totals come only from
-- board_vote_totals(), which returns nothing until the round is revealed: to nobody, the
-- facilitator included (an unseen tally cannot steer the conversation, and it is what the people
-- voting are told). Before the reveal the facilitator sees only the turnout (how many people, how
-- many dots), from board_vote_turnout(). Individual dots stay private after the reveal too: the
-- result is a tally, not who voted for what.

create table public.board_vote_rounds (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  round int not null check (round >= 1),
  budget int not null check (budget between 1 and 20),
  opened_by uuid references auth.users (id) on delete set null,
  opened_at timestamptz not null default now(),
  -- Revealing closes the round; a round closed by the next one's start stays unrevealed.
  revealed_at timestamptz,
  closed_at timestamptz,
  unique (board_id, round),
  check (revealed_at is null or closed_at is not null)
);
-- At most one open round per board.
create unique index board_vote_rounds_open_idx on public.board_vote_rounds (board_id) where closed_at is null;

create table public.board_votes (
  round_id uuid not null references public.board_vote_rounds (id) on delete cascade,
  -- Cards live in the board's document; their id is all the database knows of them.
  card_id text not null check (length(card_id) between 1 and 80),
  user_id uuid not null references auth.users (id) on delete cascade,
  dots int not null check (dots between 1 and 20),
  updated_at timestamptz not null default now(),
  primary key (round_id, user_id, card_id)
);

alter table public.board_vote_rounds enable row level security;
alter table public.board_votes enable row level security;

create policy "who reads the board reads its voting rounds" on public.board_vote_rounds for select to authenticated
  using (public.can_read_board(board_id));
create policy "people read their own dots" on public.board_votes for select to authenticated
  using (user_id = auth.uid());
-- No insert, update or delete policies: rounds change only through open_/reveal_board_vote_round and
-- dots only through cast_board_vote, which check the rules (and hold the locks) that a policy cannot.
grant select on public.board_vote_rounds, public.board_votes to authenticated;
grant select, insert, update, delete on public.board_vote_rounds, public.board_votes to service_role;

-- Opens the next round (closing an open one unrevealed); facilitators only. Returns the round number.
create function public.open_board_vote_round(p_board uuid, p_budget int) returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  next_round int;
begin
  if auth.uid() is null or not public.can_facilitate_board(p_board) then
    raise exception 'permission denied to run voting on this board' using errcode = '42501';
  end if;
  if p_budget is null or p_budget not between 1 and 20 then
    raise exception 'invalid_budget' using errcode = '22023';
  end if;
  -- The board row is the lock that orders two facilitators starting a round at once.
  perform 1 from public.boards where id = p_board for update;
  update public.board_vote_rounds set closed_at = now() where board_id = p_board and closed_at is null;
  select coalesce(max(round), 0) + 1 into next_round from public.board_vote_rounds where board_id = p_board;
  insert into public.board_vote_rounds (board_id, round, budget, opened_by)
  values (p_board, next_round, p_budget, auth.uid());
  return next_round;
end
$$;

-- Closes the open round and makes its totals readable. Returns the round number, null when none was open.
create function public.reveal_board_vote_round(p_board uuid) returns int
language plpgsql volatile security definer set search_path = ''
as $$
declare
  revealed int;
begin
  if auth.uid() is null or not public.can_facilitate_board(p_board) then
    raise exception 'permission denied to run voting on this board' using errcode = '42501';
  end if;
  update public.board_vote_rounds set closed_at = now(), revealed_at = now()
  where board_id = p_board and closed_at is null
  returning round into revealed;
  return revealed;
end
$$;

-- Places (+1) or takes back (-1) one dot on a card in the board's open round. The round row is locked
-- first, so concurrent casts (and a reveal) take turns and the budget holds. Returns 'ok', 'closed'
-- (no open round), 'budget_spent' or 'nothing_to_take_back'; raises when the person may not vote.
create function public.cast_board_vote(p_board uuid, p_card text, p_delta int) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  open_round public.board_vote_rounds;
  used int;
  on_card int;
begin
  if auth.uid() is null or not public.can_edit_board(p_board) then
    raise exception 'permission denied to vote on this board' using errcode = '42501';
  end if;
  if p_delta not in (1, -1) or p_card is null or length(p_card) not between 1 and 80 then
    raise exception 'invalid_vote' using errcode = '22023';
  end if;
  select * into open_round from public.board_vote_rounds
  where board_id = p_board and closed_at is null
  for update;
  if open_round.id is null then
    return 'closed';
  end if;
  select coalesce(sum(dots), 0) into used from public.board_votes
  where round_id = open_round.id and user_id = auth.uid();
  select coalesce(max(dots), 0) into on_card from public.board_votes
  where round_id = open_round.id and user_id = auth.uid() and card_id = p_card;
  if p_delta = 1 then
    if used >= open_round.budget then
      return 'budget_spent';
    end if;
    insert into public.board_votes (round_id, card_id, user_id, dots)
    values (open_round.id, p_card, auth.uid(), 1)
    on conflict (round_id, user_id, card_id) do update set dots = public.board_votes.dots + 1, updated_at = now();
  else
    if on_card = 0 then
      return 'nothing_to_take_back';
    elsif on_card = 1 then
      delete from public.board_votes where round_id = open_round.id and user_id = auth.uid() and card_id = p_card;
    else
      update public.board_votes set dots = dots - 1, updated_at = now()
      where round_id = open_round.id and user_id = auth.uid() and card_id = p_card;
    end if;
  end if;
  return 'ok';
end
$$;

-- Dots per card of a revealed round, for whoever reads the board; nothing before the reveal.
create function public.board_vote_totals(p_round uuid)
returns table (card_id text, dots int)
language sql stable security definer set search_path = ''
as $$
  select v.card_id, sum(v.dots)::int
  from public.board_vote_rounds r
  join public.board_votes v on v.round_id = r.id
  where r.id = p_round and r.revealed_at is not null and public.can_read_board(r.board_id)
  group by v.card_id
$$;

-- How many people placed how many dots in a round (no cards): lets the facilitator judge when to reveal.
create function public.board_vote_turnout(p_round uuid)
returns table (voters int, dots int)
language sql stable security definer set search_path = ''
as $$
  select count(distinct v.user_id)::int, coalesce(sum(v.dots), 0)::int
  from public.board_vote_rounds r
  left join public.board_votes v on v.round_id = r.id
  where r.id = p_round and public.can_facilitate_board(r.board_id)
  group by r.id
$$;

revoke execute on function public.open_board_vote_round(uuid, int), public.reveal_board_vote_round(uuid),
  public.cast_board_vote(uuid, text, int), public.board_vote_totals(uuid), public.board_vote_turnout(uuid)
  from public;
grant execute on function public.open_board_vote_round(uuid, int), public.reveal_board_vote_round(uuid),
  public.cast_board_vote(uuid, text, int), public.board_vote_totals(uuid), public.board_vote_turnout(uuid)
  to authenticated, service_role;
