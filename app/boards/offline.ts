import { BROWSER_COPY_PREFIX } from '~/ui/browser-copies';

/**
 * Board copies kept in the browser (y-indexeddb), so edits made offline survive a reload: one IndexedDB
 * database per person and board, so someone else signing in on the same browser never opens another
 * person's copy. Named under the app's prefix, so the header's sign-out deletes them with the rest.
 */
export const boardStoreName = (userId: string, boardId: string) => `${BROWSER_COPY_PREFIX}board-${userId}-${boardId}`;
