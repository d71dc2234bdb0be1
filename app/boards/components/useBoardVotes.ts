import { useFetcher } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { isOffline, notSentError, type Offline } from '~/offline-requests';
import { announceVoting, type Facilitation } from '../doc';
import type { VoteResponse, VoteState } from '../voting';
import { useLoadWhenOnline } from './useLoadWhenOnline';

/**
 * Dot-voting on the live board. The state comes from the database (/boards/:id/votes); the document's
 * facilitation map only signals that a round was opened or revealed, and every browser that sees the
 * signal change fetches its own view again (its own dots; totals once revealed).
 */
export function useBoardVotes(boardId: string, initial: VoteState, doc: Y.Doc, facilitation: Facilitation) {
  const fetcher = useFetcher<VoteResponse | Offline>({ key: `votes-${boardId}` });
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const url = `/boards/${boardId}/votes`;
  // The page's loader ran again (after a snapshot, say): it read the database too.
  useEffect(() => setState(initial), [initial]);

  useEffect(() => {
    if (!fetcher.data) return;
    // Not reached: the state stays as it was; a dot, an opening or a reveal is said to be not sent.
    if (isOffline(fetcher.data)) {
      const notSent = notSentError(fetcher.data);
      if (notSent) setError(notSent);
      return;
    }
    setState(fetcher.data.state);
    setError(fetcher.data.error ?? null);
    // The facilitator's browser tells everyone else that the round changed.
    const round = fetcher.data.state.round;
    if (fetcher.data.announce && round) announceVoting(doc, round);
  }, [fetcher.data, doc]);

  const signal = `${facilitation.votingRound}|${facilitation.votingOpen}|${facilitation.votesRevealed}`;
  const lastSignal = useRef(signal);
  const read = useLoadWhenOnline(fetcher.load, url);
  useEffect(() => {
    if (lastSignal.current === signal) return;
    lastSignal.current = signal;
    read();
  }, [signal, read]);

  const { submit } = fetcher;
  const send = useCallback(
    (fields: Record<string, string>) => submit(fields, { method: 'post', action: url }),
    [submit, url],
  );
  return {
    state,
    error,
    busy: fetcher.state !== 'idle',
    cast: (cardId: string, delta: 1 | -1) => send({ intent: 'cast', cardId, delta: String(delta) }),
    open: (budget: number) => send({ intent: 'open', budget: String(budget) }),
    reveal: () => send({ intent: 'reveal' }),
    refresh: read,
  };
}

export type BoardVotes = ReturnType<typeof useBoardVotes>;
