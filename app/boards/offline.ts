/**
 * Board copies kept in the browser (y-indexeddb), so edits made offline survive a reload: one IndexedDB
 * database per person and board, so someone else signing in on the same browser never opens another
 * person's copy. Browser-safe and without imports: the header's sign-out uses `forgetBoardCopies`.
 */
const PREFIX = 'expertpool-board-';

export const boardStoreName = (userId: string, boardId: string) => `${PREFIX}${userId}-${boardId}`;

/**
 * Deletes every board copy in this browser (sign-out, on top of the response's `Clear-Site-Data`).
 * Never takes longer than `timeoutMs`: a deletion another tab blocks must not hold up signing out.
 */
export async function forgetBoardCopies(timeoutMs = 1000): Promise<void> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
    const names = (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith(PREFIX) ? [db.name] : []));
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
