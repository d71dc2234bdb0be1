-- The board card a signal came from (20261123180100_board_card_signals) is checked when the signal is
-- made; afterwards nobody may point it at another board or card, since the update policy of signals
-- lets the region's people triage them. Deleting the board still clears the link: that cascade runs
-- as the table's owner, not as a person.
create function public.signals_keep_source() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (new.source_board_id, new.source_card_id) is distinct from (old.source_board_id, old.source_card_id)
     and current_user in ('authenticated', 'anon') then
    raise exception 'the board card a signal came from cannot be changed' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function public.signals_keep_source() from public, anon, authenticated;

create trigger signals_keep_source before update of source_board_id, source_card_id on public.signals
  for each row execute function public.signals_keep_source();
