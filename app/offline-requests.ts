import type { ClientActionFunctionArgs, ClientLoaderFunctionArgs } from '@remix-run/react';

/**
 * A request from the browser that never reached the server: the browser knows it is offline, or the
 * request failed on the way (a train, a school's wifi without internet, where `navigator.onLine` still
 * says yes). Remix sends a fetcher's or a form's failed request to the route's error boundary, which on a
 * live board would take the whole board off the screen while its edits go on offline. A route whose
 * reads or writes happen there answers this instead, and its page keeps what it showed and what was typed.
 */
export type Offline = { offline: 'read' | 'write' };

/** What a person is told when a write of theirs was not sent. */
export const NOT_SENT = 'errors.notSentOffline';

export function isOffline(answer: unknown): answer is Offline {
  return typeof answer === 'object' && answer !== null && 'offline' in answer;
}

/** The translation key to show for an answer that was a write that did not go out, if it was one. */
export function notSentError(answer: unknown): string | undefined {
  return isOffline(answer) && answer.offline === 'write' ? NOT_SENT : undefined;
}

async function reach<T>(call: () => Promise<T>, kind: Offline['offline']): Promise<T | Offline> {
  if (!navigator.onLine) return { offline: kind };
  try {
    return await call();
  } catch (error) {
    // fetch rejects with a TypeError only when no response came; an answer the server gave (a redirect,
    // a 403 thrown as a response) is thrown as it was.
    if (error instanceof TypeError) return { offline: kind };
    throw error;
  }
}

/** A route's clientLoader: `export { readUnlessOffline as clientLoader } from '~/offline-requests'`. */
export function readUnlessOffline({ serverLoader }: ClientLoaderFunctionArgs) {
  return reach(() => serverLoader(), 'read');
}

/** A route's clientAction, as `readUnlessOffline` is a clientLoader. */
export function sendUnlessOffline({ serverAction }: ClientActionFunctionArgs) {
  return reach(() => serverAction(), 'write');
}
