import { useFetcher } from '@remix-run/react';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { isOffline, type Offline } from '~/offline-requests';
import type { BoardComment, CommentTarget, CommentsResponse, MentionablePerson } from '../comments';
import { useLoadWhenOnline } from './useLoadWhenOnline';

/**
 * The board's comments in the browser. They live in the database (/boards/:id/comments); the live
 * board only carries a ping: whoever changed a comment raises the `comments` counter in their presence
 * (awareness) state, and every other browser on the board fetches the comments again when a counter it
 * sees changes. Nothing of the comments goes through the document, so the collab-server judges nothing
 * new, and a ping lost to a dropped connection costs only freshness: opening a thread fetches again.
 */
export function useBoardComments(boardId: string, provider: WebsocketProvider) {
  const url = `/boards/${boardId}/comments`;
  const fetcher = useFetcher<CommentsResponse | Offline>({ key: `comments-${boardId}` });
  const [comments, setComments] = useState<BoardComment[]>([]);
  const [people, setPeople] = useState<MentionablePerson[]>([]);
  const read = useLoadWhenOnline(fetcher.load, url);

  const receive = useCallback((answer: CommentsResponse) => {
    setComments(answer.comments);
    setPeople(answer.people);
  }, []);
  useEffect(() => {
    if (fetcher.data && !isOffline(fetcher.data)) receive(fetcher.data);
  }, [fetcher.data, receive]);
  useEffect(read, [read]);

  const seen = useRef(new Map<number, number>());
  useEffect(() => {
    const awareness = provider.awareness;
    const onChange = () => {
      let changed = false;
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const count = Number((state as { comments?: unknown }).comments ?? 0) || 0;
        if ((seen.current.get(clientId) ?? 0) !== count) changed = true;
        seen.current.set(clientId, count);
      }
      if (changed) read();
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [provider, read]);

  /** After one's own change: the answer holds the comments as they are now; tell the others. */
  const changed = useCallback(
    (answer: CommentsResponse) => {
      receive(answer);
      const own = Number(provider.awareness.getLocalState()?.comments ?? 0) || 0;
      provider.awareness.setLocalStateField('comments', own + 1);
    },
    [provider, receive],
  );

  return { url, comments, people, refresh: read, changed };
}

export type BoardCommentsState = ReturnType<typeof useBoardComments> & {
  /** Opens the comments of a card or section; focus goes back to `opener` when they close. */
  open: (target: CommentTarget, title: string, opener: HTMLElement | null) => void;
};

export const BoardCommentsContext = createContext<BoardCommentsState | null>(null);

/** The comments of the board around a card or section (null outside a live board, e.g. a snapshot). */
export function useCommentsContext() {
  return useContext(BoardCommentsContext);
}
