import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Database } from '~/db/connection.server';
import type { JobKind } from '~/db/types';
import { runAsSystem, type Tx } from '~/db/with-user.server';

/** The time zone of whoever has not chosen one (profiles.time_zone null), and of the daily jobs. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** The calendar day (yyyy-MM-dd) it is at `at` on the wall clock of `zone`. */
export const localDateOf = (at: Date, zone = DEFAULT_TIME_ZONE) => format(new TZDate(at.getTime(), zone), 'yyyy-MM-dd');

/**
 * The first `hour`:00 on the wall clock of `zone` after `after`, and that calendar day. TZDate counts
 * in the zone's own days, so 08:00 stays 08:00 across a DST change (then 23 or 25 hours apart).
 */
export function nextDailyRun(after: Date, hour: number, zone = DEFAULT_TIME_ZONE): { runAt: Date; localDate: string } {
  const local = new TZDate(after.getTime(), zone);
  const at = (days: number) =>
    new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, hour, 0, 0, zone);
  const today = at(0);
  const run = today.getTime() > after.getTime() ? today : at(1);
  return { runAt: new Date(run.getTime()), localDate: format(run, 'yyyy-MM-dd') };
}

/**
 * Queues the next run of a job that runs once a day at `hour`:00 (keyed by its calendar day, so every
 * process and every run may ask for it: one row per day). A daily job's handler calls this when it
 * runs, so each run queues the next; server/index.ts calls it at start, which restarts a chain that
 * broke (a run that failed for good).
 */
export async function queueNextDailyRun(tx: Tx, kind: JobKind, hour: number, after = new Date()): Promise<void> {
  const { runAt, localDate } = nextDailyRun(after, hour);
  await tx
    .insertInto('scheduled_jobs')
    .values({
      kind,
      dedupe_key: `${kind}:${localDate}`,
      payload: JSON.stringify({ local_date: localDate }),
      run_at: runAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The next full hour after `after` (UTC hours: every zone's hour starts on one, or half past, or a quarter to). */
export const nextFullHour = (after: Date) => new Date(Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
const HOUR_MS = 60 * 60 * 1000;

/** Queues the next run of a job that runs every hour, keyed by that hour (one row, whoever asks). */
export async function queueNextHourlyRun(tx: Tx, kind: JobKind, after = new Date()): Promise<void> {
  const runAt = nextFullHour(after);
  await tx
    .insertInto('scheduled_jobs')
    .values({
      kind,
      dedupe_key: `${kind}:${runAt.toISOString()}`,
      payload: JSON.stringify({ at: runAt.toISOString() }),
      run_at: runAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export type RecurringJob = { kind: JobKind; hour: number } | { kind: JobKind; hourly: true };

/** At the start of a process: makes sure each recurring job has its next run queued. */
export function startRecurringJobs(database: Database, jobs: RecurringJob[]): Promise<void> {
  return runAsSystem(database, async (tx) => {
    for (const job of jobs) {
      if ('hourly' in job) await queueNextHourlyRun(tx, job.kind);
      else await queueNextDailyRun(tx, job.kind, job.hour);
    }
  });
}
