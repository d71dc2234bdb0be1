import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 20261205130000_notifications; the migration is the truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const NOTIFICATION_KINDS = [
  'session_invited',
  'session_changed',
  'session_moved',
  'session_cancelled',
  'waitlist_promoted',
  'advice_in_review',
  'advice_published',
  'advice_commented',
  'advice_responded',
  'advice_implemented',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_DELIVERIES = ['immediately', 'daily', 'weekly', 'off'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export interface NotificationsTable {
  id: Generated<string>;
  recipient_id: string;
  kind: NotificationKind;
  pool_id: string | null;
  session_id: string | null;
  session_change_id: string | null;
  advice_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: NotificationKind;
  delivery: NotificationDelivery;
  updated_at: Timestamp;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
}
