-- Mail delivery with retries (issue 17). Before this, a mail was sent once right after the commit
-- that queued it: an SMTP hiccup or a crash between the commit and the send left it unsent for good.
-- Now any app process's job runner delivers what is due: it claims a mail for a few minutes (a lease,
-- so two processes never send it at the same time and a crashed sender's mail is taken up again),
-- sends it, marks it sent; a failure tries again later with a growing wait; after the last try, or
-- when the server refuses it for good (5xx), it is marked failed, which admins see on /dev/outbox.
--
-- idempotency_key: who queues the same mail twice (a notification's job run again) gets the first row
-- back, and the key is the mail's Message-ID, so even a mail sent again after a crash between the
-- SMTP server's "OK" and our mark is one message to the receiving side.

alter table public.outbox
  add column body_html text,
  add column headers jsonb not null default '{}',
  add column idempotency_key text unique check (length(idempotency_key) <= 200),
  add column attempts int not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column last_error text,
  add column failed_at timestamptz;

create index outbox_due_idx on public.outbox (next_attempt_at) where sent_at is null and failed_at is null;

-- Mail left unsent before this migration is old news (reset links expire within hours): it is not
-- sent now that retries exist; it stays visible in the outbox as failed.
update public.outbox set failed_at = now(), last_error = 'queued before delivery retries existed; not sent'
where sent_at is null and created_at < now() - interval '1 day';
