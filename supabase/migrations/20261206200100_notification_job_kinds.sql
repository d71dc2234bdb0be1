-- The job kinds of the notification events and digests (20261206200000): the daily time-based
-- events, the daily digest round, one digest per person and period, and the mail answering a
-- newcomer's question. The constraint lists every kind there is at this point.
alter table public.scheduled_jobs drop constraint scheduled_jobs_kind_check;
alter table public.scheduled_jobs add constraint scheduled_jobs_kind_check check (
  kind in ('session_reminder', 'notification_mail', 'notification_events', 'notification_digests',
    'notification_digest', 'question_answered_mail')
  or (kind = 'session_change_notice' and status <> 'pending'));
