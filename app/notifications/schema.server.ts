import * as z from 'zod';
import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
} from '~/db/types';

/** The notifications page's two buttons: mark one read (its id) or all of them. */
export const notificationActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.uuid() }),
  z.object({ intent: z.literal('readAll') }),
]);

/** Every time zone the runtime knows (IANA names); the database checks again with its own list. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/**
 * One choice per kind (anything else than the four choices is refused by the field, a 400), and the
 * time zone of the digests ('' for Amsterdam's).
 */
export const preferencesSchema = z
  .object(
    Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [
        kind,
        z.enum(NOTIFICATION_DELIVERIES, { message: 'notifications.preferences.invalid' }),
      ]),
    ) as Record<NotificationKind, z.ZodEnum<{ [D in NotificationDelivery]: D }>>,
  )
  .extend({
    timeZone: z
      .string()
      .default('')
      .refine((zone) => zone === '' || TIME_ZONES.includes(zone), 'notifications.preferences.invalid')
      .transform((zone) => zone || null),
  });
