import * as z from 'zod';

/** The "send again" button of the undelivered-mail page: the outbox row's id. */
export const retryMailSchema = z.object({ id: z.uuid() });
