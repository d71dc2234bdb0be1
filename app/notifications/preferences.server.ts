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
