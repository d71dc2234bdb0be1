-- A board card can be turned into a signal (issue 8: "turn a board card into a signal"). The signal
-- remembers the board and card it came from; one signal per card. Deleting the board keeps the signal
-- (the link is cleared). Only people of the board's own pool (and admins) may do this, and the signal
-- gets that pool's region: a restrictive policy adds this to the existing insert policy on signals,
-- which already limits who logs signals for a region.

alter table public.signals
  add column source_board_id uuid references public.boards (id) on delete set null,
  add column source_card_id text check (length(source_card_id) between 1 and 80);
create unique index signals_source_card_idx on public.signals (source_board_id, source_card_id)
  where source_board_id is not null;

-- True when the current user works on the board's pool (or is an admin) and `region` is that pool's.
create function public.may_signal_from_board(board uuid, region uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.boards b join public.pools p on p.id = b.pool_id
    where b.id = board
      and (public.is_pool_member(b.pool_id) or public.is_admin())
      and p.region_id is not distinct from region
  )
$$;
revoke execute on function public.may_signal_from_board(uuid, uuid) from public;
grant execute on function public.may_signal_from_board(uuid, uuid) to authenticated, service_role;

create policy "only the board's pool turns its cards into signals" on public.signals
  as restrictive for insert to authenticated
  with check (
    (source_board_id is null and source_card_id is null)
    or (source_board_id is not null and source_card_id is not null and channel = 'board_card'
        and public.may_signal_from_board(source_board_id, region_id))
  );
