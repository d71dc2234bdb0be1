/** A query string for the inbox that shows the signals behind a number. */
export function inboxHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('status', params.get('status') ?? 'all');
  return `/signals?${params}`;
}
