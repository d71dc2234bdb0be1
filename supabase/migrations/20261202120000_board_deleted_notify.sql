-- A standalone collab-server (another process than the app) listens on this channel, so that people still
-- on a deleted board are told at once (collab-server/deletions.ts). NOTIFY is delivered at commit only.
create function public.notify_board_deleted() returns trigger
language plpgsql set search_path = ''
as $$
begin
  perform pg_notify('board_deleted', old.id::text);
  return null;
end
$$;

revoke execute on function public.notify_board_deleted() from public, anon, authenticated;

create trigger boards_notify_deleted
  after delete on public.boards
  for each row execute function public.notify_board_deleted();
