import * as z from 'zod';
import { SIGNAL_STATUSES } from '~/db/types';
import { integer, lenient, month, searchText } from '~/input/fields.server';

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
