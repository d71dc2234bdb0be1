import { sql } from 'kysely';
import type { Database } from '~/db/connection.server';
import { runAsSystem, type Tx } from '~/db/with-user.server';

/**
 * System job "signal contact retention": deletes the contact details of signals received more than
 * `months` ago and marks the signal, which stays (anonymised) for patterns and evidence. Runs as the
 * system (no user may see every region's contacts), daily from server/index.ts.
 */
export async function runSignalContactRetentionJob(tx: Tx, months: number, now = new Date()): Promise<number> {
  const { rows } = await sql<{ signal_id: string }>`
    with expired as (
      delete from public.signal_contacts c
      using public.signals s
      where s.id = c.signal_id and s.created_at < ${now}::timestamptz - make_interval(months => ${months})
      returning c.signal_id
    )
    update public.signals set contact_removed_at = ${now}
    where id in (select signal_id from expired)
    returning id as signal_id`.execute(tx);
  return rows.length;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs the retention job now and then once a day in this process (server/index.ts starts it). */
export function scheduleSignalContactRetention(database: Database, months: number): () => void {
  const run = () =>
    runAsSystem(database, (tx) => runSignalContactRetentionJob(tx, months))
      .then((removed) => {
        if (removed > 0) console.log(`signal contact retention: deleted the contact details of ${removed} signal(s)`);
      })
      .catch((error: unknown) => console.warn(`signal contact retention failed: ${String(error)}`));
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
