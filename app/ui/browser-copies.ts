/**
 * What the app keeps in the browser's IndexedDB (a domain's offline copies) is named with this prefix,
 * so signing out can delete all of it without knowing which domain stored what.
 */
export const BROWSER_COPY_PREFIX = 'expertpool-';

/**
 * Deletes every copy the app kept in this browser (sign-out, on top of the response's `Clear-Site-Data`).
 * Never takes longer than `timeoutMs`: a deletion another tab blocks must not hold up signing out.
 */
export async function forgetBrowserCopies(timeoutMs = 1000): Promise<void> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    const names = (await indexedDB.databases()).flatMap((db) =>
      db.name?.startsWith(BROWSER_COPY_PREFIX) ? [db.name] : [],
    );
    const deleted = names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = () => resolve();
        }),
    );
    await Promise.race([Promise.all(deleted), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  } catch {
    // Storage not available (a private window may refuse it): there is nothing of ours to delete.
  }
}
