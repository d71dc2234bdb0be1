import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Database } from '~/db/connection.server';
import type { JobKind } from '~/db/types';
import { runAsSystem, type Tx } from '~/db/with-user.server';

/** Everyone's time zone until profiles have one of their own (the pools are all in the Netherlands). */
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

/** At the start of a process: makes sure each daily job has its next run queued. */
export function startDailyJobs(database: Database, jobs: { kind: JobKind; hour: number }[]): Promise<void> {
  return runAsSystem(database, async (tx) => {
    for (const job of jobs) await queueNextDailyRun(tx, job.kind, job.hour);
  });
}
