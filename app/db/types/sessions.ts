import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SessionStatus = 'scheduled' | 'cancelled';
/** 'waiting': said yes when the session was full; on the waiting list. */
export type SessionResponse = 'yes' | 'maybe' | 'no' | 'waiting';
export type SessionChangeKind = 'moved' | 'cancelled';
/** Kinds a job may be run as (rows of the retired 'session_change_notice' kind are history only). */
export type JobKind = 'session_reminder' | 'notification_mail';
export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

export interface SessionsTable {
  id: Generated<string>;
  pool_id: string;
  series_id: string | null;
  title: string;
  purpose: Generated<string>;
  agenda: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: Generated<string>;
  online_url: string | null;
  location: string | null;
  languages: Generated<string[]>;
  interpreter: Generated<boolean>;
  capacity: number | null;
  rsvp_deadline: Timestamp | null;
  status: Generated<SessionStatus>;
  cancel_reason: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionInviteesTable {
  session_id: string;
  user_id: string;
  response: SessionResponse | null;
  reason: string | null;
  responded_at: Timestamp | null;
  attended: boolean | null;
  allowance_cents: number | null;
  invited_at: Timestamp;
}

export interface SessionChangesTable {
  id: Generated<string>;
  session_id: string;
  kind: SessionChangeKind;
  reason: Generated<string>;
  previous_starts_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ScheduledJobsTable {
  id: Generated<string>;
  kind: JobKind;
  dedupe_key: string;
  payload: ColumnType<Record<string, string>, Record<string, string> | string | undefined, string>;
  run_at: Timestamp;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  finished_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionCalendarView {
  id: string;
  pool_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  status: SessionStatus;
}

export interface SessionTalliesView {
  session_id: string;
  invited: number;
  yes: number;
  maybe: number;
  no: number;
  waiting: number;
  attended: number;
}

export interface SessionTables {
  sessions: SessionsTable;
  session_invitees: SessionInviteesTable;
  session_changes: SessionChangesTable;
  calendar_feeds: CalendarFeedsTable;
  scheduled_jobs: ScheduledJobsTable;
  session_calendar: SessionCalendarView;
  session_tallies: SessionTalliesView;
}
