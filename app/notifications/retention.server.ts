import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { deleteOldNotifications } from './queries.server';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes notifications past their 90 days now and then once a day in this process (server/index.ts). */
export function scheduleNotificationRetention(database: Database): () => void {
  const run = () =>
    runAsSystem(database, (tx) => deleteOldNotifications(tx)).catch((error: unknown) =>
      console.warn(`notification retention failed: ${String(error)}`),
    );
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
