import * as z from 'zod';
import { SIGNAL_STATUSES } from '~/db/types';
import { searchText } from '~/input/text';
import { integer, lenient, month } from '~/input/values';

const optionalId = lenient(z.uuid());

/** The inbox and patterns filters from the query string; anything malformed is simply ignored. */
export const signalFiltersSchema = z.object({
  status: lenient(z.enum([...SIGNAL_STATUSES, 'open', 'all'])),
  regionId: optionalId,
  municipalityId: optionalId,
  indicator: lenient(z.string().regex(/^[a-z_]{1,40}$/)),
  month: lenient(month('errors.date')),
  q: searchText(100).transform((q) => q || undefined),
  page: lenient(integer(1, 10000, 'errors.invalid')),
});

export type SignalFilters = z.infer<typeof signalFiltersSchema>;

/** A query string for the inbox that shows the signals behind a number. */
export function inboxHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('status', params.get('status') ?? 'all');
  return `/signals?${params}`;
}
