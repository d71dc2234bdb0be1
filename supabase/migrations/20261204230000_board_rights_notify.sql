-- A board connection's rights are decided when it opens, from a token that lives ten minutes. A
-- standalone collab-server (another process than the app) listens on this channel and checks the open
-- connections of whoever may have lost rights again at once (collab-server/notifications.ts); what no
-- trigger here reports (an organisation or region changed, Supabase Auth sessions) its periodic check
-- catches. The payload says whose: `user:<id>` or `board:<id>`. NOTIFY is delivered at commit only.

create function private.notify_board_rights_changed() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_table_name = 'boards' then
    perform pg_notify('board_rights_changed', 'board:' || old.id::text);
  else
    perform pg_notify('board_rights_changed', 'user:' || old.user_id::text);
  end if;
  return null;
end
$$;

revoke execute on function private.notify_board_rights_changed() from public, anon, authenticated;

-- A sign-in session ended (sign-out, sign-out everywhere, a new password, a closed account) or went.
create trigger auth_sessions_notify_rights_changed
  after update of revoked_at or delete on public.auth_sessions
  for each row when (old.revoked_at is null) execute function private.notify_board_rights_changed();

-- Left the pool, or no longer its coordinator.
create trigger pool_memberships_notify_rights_changed
  after update of role, pool_id, user_id or delete on public.pool_memberships
  for each row execute function private.notify_board_rights_changed();

-- No longer an admin.
create trigger user_roles_notify_rights_changed
  after update of role, user_id or delete on public.user_roles
  for each row execute function private.notify_board_rights_changed();

-- No longer shared with the municipality's readers.
create trigger boards_notify_rights_changed
  after update of shared_with_readers, pool_id on public.boards
  for each row when (old.shared_with_readers is distinct from new.shared_with_readers or old.pool_id <> new.pool_id)
  execute function private.notify_board_rights_changed();
