import { z } from 'zod';

/** The notifications page's two buttons: mark one read (its id) or all of them. */
export const notificationActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.uuid() }),
  z.object({ intent: z.literal('readAll') }),
]);
