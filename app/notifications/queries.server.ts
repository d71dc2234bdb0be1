import { sql } from 'kysely';
import type { NotificationKind } from '~/db/types';
import type { Tx } from '~/db/with-user.server';

/** Unread notifications of the signed-in person: the bell's count (a partial index answers it). */
export async function countUnread(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A person's notifications, newest first, each with its subject read now, under the caller's rights
 * (run inside withUser): a session or advice the reader may no longer see comes back as null, so the
 * page says "no longer available" and links nowhere, whatever the notification once was about.
 */
export function listNotifications(tx: Tx, userId: string, options: { limit?: number; id?: string } = {}) {
  let query = tx
    .selectFrom('notifications as n')
    .leftJoin('sessions as s', 's.id', 'n.session_id')
    .leftJoin('session_changes as c', 'c.id', 'n.session_change_id')
    .leftJoin('advices as a', 'a.id', 'n.advice_id')
    .leftJoin('pools as p', 'p.id', 'n.pool_id')
    .select([
      'n.id',
      'n.kind',
      'n.created_at',
      'n.read_at',
      's.id as session_id',
      's.title as session_title',
      's.status as session_status',
      's.starts_at as session_starts_at',
      's.ends_at as session_ends_at',
      's.time_zone as session_time_zone',
      's.online_url as session_online_url',
      's.location as session_location',
      'c.reason as change_reason',
      'c.previous_starts_at as change_previous_starts_at',
      'a.id as advice_id',
      'a.title as advice_title',
      'p.name as pool_name',
    ])
    .where('n.recipient_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id');
  if (options.id) query = query.where('n.id', '=', options.id);
  return query.limit(options.limit ?? 100).execute();
}

export type NotificationItem = Awaited<ReturnType<typeof listNotifications>>[number];

/** The subject's title and page, or null when the reader may not (or no longer) see it. */
export function subjectOf(item: NotificationItem): { title: string; href: string } | null {
  if (item.session_id && item.session_title !== null)
    return { title: item.session_title, href: `/sessions/${item.session_id}` };
  if (item.advice_id && item.advice_title !== null)
    return { title: item.advice_title, href: `/advice/${item.advice_id}` };
  return null;
}

/** Marks one of the caller's notifications read (RLS: only their own); false when there is none. */
export async function markRead(tx: Tx, userId: string, notificationId: string): Promise<boolean> {
  const result = await tx
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', notificationId)
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markAllRead(tx: Tx, userId: string): Promise<number> {
  const result = await tx
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const RETENTION_DAYS = 90;

/** Deletes notifications older than 90 days (a daily system job); returns how many went. */
export async function deleteOldNotifications(tx: Tx, now = new Date()): Promise<number> {
  const result = await tx
    .deleteFrom('notifications')
    .where('created_at', '<', new Date(now.getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Turns one kind of mail off for a person, for an unsubscribe link followed without signing in: the
 * signed token (tokens.server.ts) is the credential, so this runs as the system, for that one row.
 */
export async function turnOffMailAsSystem(tx: Tx, personId: string, kind: NotificationKind): Promise<void> {
  // A closed account gets no mail anyway.
  const person = await tx.selectFrom('auth.users').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) return;
  await tx
    .insertInto('notification_preferences')
    .values({ user_id: personId, kind, delivery: 'off' })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery: 'off', updated_at: new Date() }))
    .execute();
}
