import { sql } from 'kysely';
import { DIGEST_PERIODS, NOTIFICATION_KINDS, type DigestPeriod, type NotificationKind } from '~/db/types';
import { inWrittenJoinOrder } from '~/db/join-order.server';
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
 * Every join is a lookup by key from the notification, so the written join order is kept.
 */
export function listNotifications(
  tx: Tx,
  userId: string,
  options: { limit?: number; id?: string; ids?: string[] } = {},
) {
  let query = tx
    .selectFrom('notifications as n')
    .leftJoin('sessions as s', 's.id', 'n.session_id')
    .leftJoin('session_changes as c', 'c.id', 'n.session_change_id')
    .leftJoin('advices as a', 'a.id', 'n.advice_id')
    .leftJoin('pools as p', 'p.id', 'n.pool_id')
    .leftJoin('boards as b', 'b.id', 'n.board_id')
    .leftJoin('municipalities as m', 'm.id', 'n.municipality_id')
    .leftJoin('invitations as v', 'v.id', 'n.invitation_id')
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
      'p.id as pool_id',
      'p.name as pool_name',
      'b.id as board_id',
      'b.title as board_title',
      'm.name as municipality_name',
      'v.id as invitation_id',
      'v.email as invitation_email',
    ])
    .where('n.recipient_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id');
  if (options.id) query = query.where('n.id', '=', options.id);
  if (options.ids) query = query.where(sql<boolean>`n.id = any(${options.ids}::uuid[])`);
  return inWrittenJoinOrder(tx, () => query.limit(options.limit ?? 100).execute());
}

export type NotificationItem = Awaited<ReturnType<typeof listNotifications>>[number];

/** The subject's title and page, or null when the reader may not (or no longer) see it. */
export function subjectOf(item: NotificationItem): { title: string; href: string } | null {
  // A board's own notifications are about the board, though they may name its session too.
  if (item.kind === 'board_opened' || item.kind === 'board_mentioned')
    return item.board_id && item.board_title !== null
      ? { title: item.board_title, href: `/boards/${item.board_id}` }
      : null;
  if (item.kind === 'invitation_stuck')
    return item.invitation_id && item.invitation_email !== null && item.pool_id
      ? { title: item.invitation_email, href: `/pools/${item.pool_id}/invitations` }
      : null;
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
 * Turns one kind of mail off for a person, or a digest (every kind that now comes in it), for an
 * unsubscribe link followed without signing in: the signed token (tokens.server.ts) is the
 * credential, so this runs as the system, for that person's rows only.
 */
export async function turnOffMailAsSystem(
  tx: Tx,
  personId: string,
  list: NotificationKind | DigestPeriod,
): Promise<void> {
  // A closed account gets no mail anyway.
  const person = await tx.selectFrom('auth.users').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) return;
  const kinds = (DIGEST_PERIODS as readonly string[]).includes(list)
    ? await sql<{ kind: NotificationKind }>`
        select k as kind from unnest(${NOTIFICATION_KINDS}::text[]) k
        where private.notification_delivery(${personId}::uuid, k) = ${list}`
        .execute(tx)
        .then((result) => result.rows.map((row) => row.kind))
    : [list as NotificationKind];
  if (kinds.length === 0) return;
  await tx
    .insertInto('notification_preferences')
    .values(kinds.map((kind) => ({ user_id: personId, kind, delivery: 'off' as const })))
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery: 'off', updated_at: new Date() }))
    .execute();
}
