import { sql } from 'kysely';
import type { Tx } from '~/db/with-user.server';
import { queueNextDailyRun } from '~/jobs/daily.server';
import type { JobHandler } from '~/jobs/runner.server';

/** The time-based events are written an hour before the digests, so the 08:00 digest has them. */
export const EVENTS_HOUR = 7;

/**
 * Writes the time-based notifications as of `at`: response due and overdue, invitations stuck
 * (private.notify_due_events, each told once).
 */
export async function notifyDueEvents(tx: Tx, at = new Date()): Promise<void> {
  await sql`select private.notify_due_events(${at}::timestamptz)`.execute(tx);
}

/** Job "notification_events", daily at 07:00: the day's time-based notifications, and its own next run. */
const runDueEvents: JobHandler = async (tx) => {
  await notifyDueEvents(tx);
  await queueNextDailyRun(tx, 'notification_events', EVENTS_HOUR);
};

export const eventJobHandlers = {
  notification_events: runDueEvents,
} satisfies Record<string, JobHandler>;
