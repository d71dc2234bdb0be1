import { sql } from 'kysely';
import type { NotificationDelivery, NotificationKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';

/** How the caller gets mail of each kind: their choice, else the default (both decided in SQL). */
export async function listMyDeliveries(tx: Tx): Promise<Record<NotificationKind, NotificationDelivery>> {
  const { rows } = await sql<{ kind: NotificationKind; delivery: NotificationDelivery }>`
    select kind, delivery from private.my_notification_deliveries()`.execute(tx);
  return Object.fromEntries(rows.map((row) => [row.kind, row.delivery])) as Record<
    NotificationKind,
    NotificationDelivery
  >;
}

/** Saves the caller's choice for every kind (RLS: only their own rows). */
export async function saveMyDeliveries(
  tx: Tx,
  userId: string,
  choices: Record<NotificationKind, NotificationDelivery>,
): Promise<void> {
  await tx
    .insertInto('notification_preferences')
    .values(
      Object.entries(choices).map(([kind, delivery]) => ({
        user_id: userId,
        kind: kind as NotificationKind,
        delivery,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'kind'])
        .doUpdateSet((eb) => ({ delivery: eb.ref('excluded.delivery'), updated_at: new Date() })),
    )
    .execute();
}

/** The zone whose 08:00 the caller's digests leave at: their choice, or null for Amsterdam's. */
export async function getMyTimeZone(tx: Tx, userId: string): Promise<string | null> {
  const row = await tx.selectFrom('profiles').select('time_zone').where('id', '=', userId).executeTakeFirst();
  return row?.time_zone ?? null;
}

/** Saves the caller's time zone (RLS: their own profile; the table refuses zones Postgres does not know). */
export async function saveMyTimeZone(tx: Tx, userId: string, zone: string | null): Promise<void> {
  await tx.updateTable('profiles').set({ time_zone: zone }).where('id', '=', userId).execute();
}
