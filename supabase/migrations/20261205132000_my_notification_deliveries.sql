-- The preferences form shows every kind with what applies now: the person's own choice or the
-- default. The defaults live in private.notification_delivery() only; this asks it for the caller.
create function private.my_notification_deliveries() returns table (kind text, delivery text)
language sql stable security definer set search_path = ''
as $$
  select k, private.notification_delivery(auth.uid(), k)
  from unnest(array[
    'session_invited', 'session_changed', 'session_moved', 'session_cancelled', 'waitlist_promoted',
    'advice_in_review', 'advice_published', 'advice_commented', 'advice_responded', 'advice_implemented']) k
  where auth.uid() is not null
$$;

revoke execute on function private.my_notification_deliveries() from public, anon;
grant execute on function private.my_notification_deliveries() to authenticated, service_role;
