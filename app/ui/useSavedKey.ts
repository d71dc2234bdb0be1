import { useActionData, useLocation } from '@remix-run/react';
import { useState } from 'react';

/**
 * A key for a page's forms that changes only when a save went through, so they start empty after a save
 * and keep what was typed after a refusal. A save redirects (a new location, no action data); a refusal
 * answers with action data. Not the loader's data: Remix shows a refusal before the page's data has come
 * back, and a key taken from that data remounted the forms under someone already correcting them.
 */
export function useSavedKey(): string {
  const { key } = useLocation();
  const refused = useActionData() !== undefined;
  const [saved, setSaved] = useState(key);
  if (!refused && saved !== key) setSaved(key);
  return refused ? saved : key;
}
