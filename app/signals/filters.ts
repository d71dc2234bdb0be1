import { z } from 'zod';
import { SIGNAL_STATUSES } from '~/db/types/signals';

const optionalId = z.uuid().optional().catch(undefined);

/** The inbox and patterns filters from the query string; anything malformed is simply ignored. */
export const signalFiltersSchema = z.object({
  status: z
    .enum([...SIGNAL_STATUSES, 'open', 'all'])
    .optional()
    .catch(undefined),
  regionId: optionalId,
  municipalityId: optionalId,
  indicator: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional()
    .catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});

export type SignalFilters = z.infer<typeof signalFiltersSchema>;

export function readSignalFilters(url: URL): SignalFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  return signalFiltersSchema.parse(raw);
}

/** A query string for the inbox that shows the signals behind a number. */
export function inboxHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('status', params.get('status') ?? 'all');
  return `/signals?${params}`;
}
