import { useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardStoreName } from '../offline';
import { CLOSE } from '../protocol';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

interface Options {
  boardId: string;
  initialToken: string;
  me: { id: string; name: string; colour: string };
}

/** Key in the board copy's own store: local changes made without a connection since the last sync. */
const PENDING_KEY = 'pending';

/**
 * The live board in the browser: one Y.Doc and one stock `WebsocketProvider` to /collab, created in an
 * effect (never during server rendering). The provider keeps the document while offline and merges it
 * when the connection returns; on reconnect it asks the app for a fresh token first.
 *
 * The document is also kept in IndexedDB (`IndexeddbPersistence`, one database per person and board), so
 * offline edits survive closing the tab: a stored copy shows the board at once, also without a
 * connection, and the provider sends what the server lacks when it syncs. `pending` counts local changes
 * made while disconnected since the last sync (the server sends no acknowledgement; it sends its own
 * sync step 1 first, so by the time it answers ours with step 2 our changes have gone out). The count
 * is stored with the copy, so a reopened tab still says what waits.
 *
 * When the server refuses a change (say, typed offline in a section that was locked meanwhile), the
 * refused edit stays in our document and would be sent again on every reconnect: the stored copy is
 * deleted, the document dropped and a new one loaded from the server (`undone` says so, for a notice),
 * with a fresh token. A deleted board's copy is deleted too.
 *
 * The page's loader hands out a new token every time it runs (after a snapshot, a share, a restore …).
 * A new token is only kept for the next connect: the connection and the document stay. Opening a new
 * document on every token lost edits written before the new one had synced.
 */
export function useBoardConnection({ boardId, initialToken, me }: Options) {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const [state, setState] = useState<ConnectionState>('connecting');
  /** Synced once since this document was made: until then the page shows the board as loaded. */
  const [ready, setReady] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [undone, setUndone] = useState(false);
  const [pending, setPending] = useState(0);
  const { revalidate } = useRevalidator();
  const latestToken = useRef(initialToken);
  const providerRef = useRef<WebsocketProvider | null>(null);

  useEffect(() => {
    latestToken.current = initialToken;
    if (providerRef.current) providerRef.current.params = { token: initialToken };
  }, [initialToken]);

  useEffect(() => {
    const doc = new Y.Doc();
    setReady(false);
    setPending(0);
    const store = new IndexeddbPersistence(boardStoreName(me.id, boardId), doc);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, boardId, doc, {
      params: { token: latestToken.current },
      connect: false,
      disableBc: true,
    });
    provider.awareness.setLocalStateField('user', { id: me.id, name: me.name, color: me.colour });
    let stopped = false;

    let unsent = 0;
    const countUnsent = (count: number) => {
      unsent = count;
      setPending(count);
      // A copy being deleted refuses writes: nothing is left to count then.
      store.set(PENDING_KEY, count).catch(() => undefined);
    };
    store.on('synced', () => {
      if (stopped) return;
      // Only a synced document is ever stored, so a stored copy is a whole board: show it.
      if (Y.encodeStateVector(doc).length > 1) setReady(true);
      void store
        .get(PENDING_KEY)
        .then((stored: unknown) => {
          if (!stopped && !provider.synced && typeof stored === 'number' && stored > 0) countUnsent(unsent + stored);
        })
        .catch(() => undefined);
    });
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== store && !provider.wsconnected) countUnsent(unsent + 1);
    });
    /** Our copy is not (or no longer) the board: delete it, then start again from the server's state. */
    const discardCopy = (then: () => void) => {
      stopped = true;
      void store.clearData().finally(then);
    };

    const connectWithFreshToken = async () => {
      let response: Response;
      try {
        response = await fetch(`/boards/${boardId}/token`, { headers: { accept: 'application/json' } });
      } catch {
        // Still offline: the provider's own reconnect loop tries again with the token it has.
        if (!stopped) provider.connect();
        return;
      }
      if (response.status === 403 || response.status === 404) return setState('refused');
      if (response.ok) {
        // Not a token: signed out, the answer was the sign-in page. The token we have would be refused too.
        const token = await tokenOf(response);
        if (token === null) return setState('refused');
        provider.params = { token };
      }
      if (!stopped) provider.connect();
    };

    provider.on('status', ({ status }: { status: string }) => {
      setState(status === 'connected' ? 'online' : navigator.onLine ? 'connecting' : 'offline');
    });
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      setReady(true);
      countUnsent(0);
    });
    // An expired token: a fresh one helps. Rights taken away (signed out elsewhere, left the pool, no
    // longer a coordinator): the page loads again with what is ours now, and the board goes on with a
    // token that says so, or is refused if nothing is left. A refused change: our copy is no longer the board.
    provider.on('closed', (event: { code: number }) => {
      if (event.code === CLOSE.tokenExpired.code) void connectWithFreshToken();
      else if (event.code === CLOSE.rightsChanged.code) {
        revalidate();
        void connectWithFreshToken();
      } else if (event.code === CLOSE.changeRefused.code) {
        discardCopy(() => {
          setUndone(true);
          setGeneration((g) => g + 1);
        });
      } else {
        setState('refused');
        if (event.code === CLOSE.boardNotFound.code) discardCopy(() => setPending(0));
      }
    });
    const goOffline = () => {
      setState('offline');
      provider.disconnect();
    };
    const goOnline = () => {
      setState('connecting');
      void connectWithFreshToken();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    if (!navigator.onLine) setState('offline');
    else if (generation > 0) void connectWithFreshToken();
    else provider.connect();
    setConnection({ doc, provider });
    providerRef.current = provider;

    return () => {
      stopped = true;
      providerRef.current = null;
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, me.id, me.name, me.colour, generation, revalidate]);

  return { connection, state, ready, pending, undone, dismissUndone: () => setUndone(false) };
}

/** The token of the app's answer, or null when the answer is something else (the sign-in page, say). */
async function tokenOf(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string'
      ? body.token
      : null;
  } catch {
    return null;
  }
}

/** Re-renders on every change of the document (batched per animation frame). */
export function useDocVersion(doc: Y.Doc): number {
  // A stable subscription: an inline one is replaced on every render, and each replacement cancelled a
  // frame already scheduled, so a remote change arriving next to a presence update was never shown.
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0;
      const bump = () => {
        frame = 0;
        versions.set(doc, (versions.get(doc) ?? 0) + 1);
        notify();
      };
      const onUpdate = () => {
        if (!frame) frame = requestAnimationFrame(bump);
      };
      doc.on('update', onUpdate);
      return () => {
        doc.off('update', onUpdate);
        if (frame) {
          cancelAnimationFrame(frame);
          versions.set(doc, (versions.get(doc) ?? 0) + 1);
        }
      };
    },
    [doc],
  );
  return useSyncExternalStore(
    subscribe,
    () => versions.get(doc) ?? 0,
    () => 0,
  );
}

const versions = new WeakMap<Y.Doc, number>();

export interface PresentUser {
  clientId: number;
  id: string;
  name: string;
  colour: string;
}

/** Everyone on the board now (one entry per person, even with several tabs open). */
export function usePresence(provider: WebsocketProvider): PresentUser[] {
  const [people, setPeople] = useState<PresentUser[]>([]);
  useEffect(() => {
    const read = () => {
      const byId = new Map<string, PresentUser>();
      for (const [clientId, state] of provider.awareness.getStates()) {
        const user = (state as { user?: { id?: string; name?: string; color?: string } }).user;
        if (!user?.id || !user.name) continue;
        if (!byId.has(user.id))
          byId.set(user.id, { clientId, id: user.id, name: user.name, colour: user.color ?? '#444' });
      }
      setPeople([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    read();
    provider.awareness.on('change', read);
    return () => provider.awareness.off('change', read);
  }, [provider]);
  return people;
}
