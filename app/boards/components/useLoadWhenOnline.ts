import { useCallback, useEffect, useRef } from 'react';

/**
 * A fetcher's `load(url)` that waits while the browser knows it is offline, and loads once it is back.
 * A failed request is answered in the browser already (~/offline-requests), but only once Remix has
 * imported the route's module, and a failed import makes Remix reload the page: offline, that is the
 * browser's own error page. What the board reads from the database (comments, a brainstorm round,
 * votes) keeps its last answer meanwhile, and a read skipped here is made on the browser's return.
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
