-- Someone who gives up a role themselves (an organisation's admin who leaves it, a coordinator who
-- steps down) stays signed in: they are at the keyboard and chose it, and the page they land on is
-- already drawn under their remaining rights. Losing a role by someone else's hand still ends every
-- session (20261204100200), which is the case that protects people's data.
create or replace function public.end_auth_sessions_on_role_removal() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.user_id is not distinct from auth.uid() then
    return null;
  end if;
  if tg_op = 'DELETE' or new.role is distinct from old.role then
    perform public.end_auth_sessions(old.user_id, 'role_removed');
  end if;
  return null;
end
$$;
revoke execute on function public.end_auth_sessions_on_role_removal() from public, anon, authenticated;
