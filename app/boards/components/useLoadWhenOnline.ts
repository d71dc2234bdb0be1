import { useCallback, useEffect, useRef } from 'react';

/**
 * A fetcher's `load(url)` that waits while the browser knows it is offline, and loads once it is back.
 * A fetcher whose request fails goes to the route's error boundary, which would take the whole live board
 * off the screen while its edits go on offline: what the board reads from the database (comments, a
 * brainstorm round, votes) keeps its last answer instead.
 */
export function useLoadWhenOnline(load: (href: string) => void, url: string): () => void {
  const skipped = useRef(false);
  useEffect(() => {
    const online = () => {
      if (!skipped.current) return;
      skipped.current = false;
      load(url);
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [load, url]);
  return useCallback(() => {
    if (navigator.onLine) load(url);
    else skipped.current = true;
  }, [load, url]);
}
