import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';

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
