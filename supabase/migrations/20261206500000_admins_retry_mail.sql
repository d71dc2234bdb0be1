-- Admins see mail that did not arrive and send it again (issue 17). Until now a mail that failed for
-- good was visible only on /dev/outbox, which exists in embedded mode alone; with SMTP in server mode
-- nobody could see or repair it. "Again" puts a failed mail back in the queue: the job runner then
-- delivers it like any other. Admins may change only the columns that say when to try; the text, the
-- address and whether it was sent stay the system's.

grant update (failed_at, next_attempt_at, attempts, last_error) on public.outbox to authenticated;

create policy "admins retry failed mail" on public.outbox for update to authenticated
  using (private.is_admin() and sent_at is null and failed_at is not null)
  with check (private.is_admin() and sent_at is null);
