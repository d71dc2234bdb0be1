import type { RegisterFilters } from './schema.server';

/** The filters as a query string (without the page), for links to CSV, report and saved searches. */
export function filtersToQuery(filters: RegisterFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'page' || value === undefined || value === '' || (key === 'sort' && value === 'relevance')) continue;
    params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
