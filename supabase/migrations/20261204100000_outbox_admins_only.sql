-- The outbox holds every mail the app queued, password-reset and invitation links included. In
-- embedded mode it is also the delivery (/dev/outbox), and it answered anyone: a reset requested for
-- the admin's address could be read and used by a stranger. Now only admins read it, under RLS; the
-- system mailer (which bypasses RLS) still writes and delivers it.

grant select on public.outbox to authenticated;

create policy "admins read the outbox" on public.outbox for select to authenticated using (public.is_admin());
