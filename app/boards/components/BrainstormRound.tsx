import { useFetcher } from '@remix-run/react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { isOffline, notSentError, type Offline } from '~/offline-requests';
import {
  announceBrainstorm,
  BRAINSTORM_MINUTES,
  readBrainstormSignal,
  type BrainstormResponse,
  type BrainstormState,
} from '../brainstorm';
import { cardsOf } from '../doc';
import { CARD_TEXT_MAX, type CardColour } from '../protocol';
import { CardColourField } from './CardColourField';
import { useLoadWhenOnline } from './useLoadWhenOnline';

const EMPTY: BrainstormState = { round: null, mine: [], waiting: null };

/**
 * A private brainstorm round on the live board (issue 22). The state is the database's
 * (/boards/:id/brainstorm: one's own waiting cards, for facilitators how many wait); the document's
 * facilitation map only signals that a round started or was revealed, and every browser that sees the
 * signal change fetches its own view again. Revealed cards arrive through the document, like any card.
 */
export function useBrainstorm(boardId: string, doc: Y.Doc) {
  const url = `/boards/${boardId}/brainstorm`;
  const fetcher = useFetcher<BrainstormResponse | Offline>({ key: `brainstorm-${boardId}` });
  const [state, setState] = useState<BrainstormState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [revealedNow, setRevealedNow] = useState(false);
  const signal = readBrainstormSignal(doc);

  const apply = useCallback(
    (data: BrainstormResponse | Offline) => {
      // Not reached: the round stays as it was; a start or a reveal is said to be not sent.
      if (isOffline(data)) {
        const notSent = notSentError(data);
        if (notSent) setError(notSent);
        return;
      }
      setState(data.state);
      setError(data.error ?? null);
      // The facilitator's browser tells everyone else that the round changed.
      if (data.announce && data.state.round) announceBrainstorm(doc, data.state.round);
    },
    [doc],
  );
  useEffect(() => {
    if (fetcher.data) apply(fetcher.data);
  }, [fetcher.data, apply]);

  const { submit } = fetcher;
  const read = useLoadWhenOnline(fetcher.load, url);
  const key = `${signal.round}|${signal.open}`;
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    if (lastKey.current === key) return;
    // A round that was open and is no longer: its cards are on the board now; say so.
    if (lastKey.current?.endsWith('|true') && !signal.open) setRevealedNow(true);
    if (signal.open) setRevealedNow(false);
    lastKey.current = key;
    read();
  }, [key, signal.open, read]);

  const round = state.round;
  // The reveal's cards reach the document before this browser has fetched the round again: a card keeps
  // its id there, so one already on the board is not shown a second time as waiting. (Read on every
  // render of the board, which the document's changes cause.)
  const onBoard = cardsOf(doc);
  const mine = state.mine.filter((card) => !onBoard.has(card.id));
  return {
    state,
    /** One's own cards that wait for the reveal. */
    mine,
    error,
    revealedNow,
    busy: fetcher.state !== 'idle',
    /** A round runs and its cards wait (posting may have stopped: the time is up). */
    open: round !== null && !round.revealed,
    url,
    apply,
    start: (minutes: number) => submit({ intent: 'open', minutes: String(minutes) }, { method: 'post', action: url }),
    reveal: () => submit({ intent: 'reveal' }, { method: 'post', action: url }),
    refresh: read,
  };
}

export type Brainstorm = ReturnType<typeof useBrainstorm>;

function useSecondsLeft(endsAt: number | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  return endsAt === null ? 0 : Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/** The round's state for everyone, and the facilitator's controls: start, how many wait, reveal. */
export function BrainstormBar({ brainstorm, canFacilitate }: { brainstorm: Brainstorm; canFacilitate: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState(5);
  const round = brainstorm.state.round;
  const left = useSecondsLeft(brainstorm.open && round ? round.endsAt : null);
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <div className="brainstorm">
      {/* Always present, so the start, the end of the time and the reveal are heard. */}
      <p className="brainstorm-state" role="status">
        {brainstorm.open && round
          ? left > 0
            ? t('boards.brainstorm.running', { round: round.number, time })
            : t('boards.brainstorm.timeUp')
          : brainstorm.revealedNow
            ? t('boards.brainstorm.revealedNotice')
            : null}
      </p>
      {brainstorm.error ? (
        <p className="field-error" role="alert">
          {t(brainstorm.error)}
        </p>
      ) : null}
      {canFacilitate ? (
        <fieldset className="brainstorm-controls">
          <legend>{t('boards.brainstorm.title')}</legend>
          {brainstorm.open ? (
            <>
              <p className="meta">
                {t('boards.brainstorm.waiting', { count: brainstorm.state.waiting ?? 0 })}{' '}
                <button type="button" disabled={brainstorm.busy} onClick={brainstorm.refresh}>
                  {t('boards.brainstorm.refresh')}
                </button>
              </p>
              <button type="button" disabled={brainstorm.busy} onClick={brainstorm.reveal}>
                {t('boards.brainstorm.reveal')}
              </button>
            </>
          ) : (
            <>
              <label htmlFor={`${id}-minutes`}>{t('boards.brainstorm.minutes')}</label>
              <input
                id={`${id}-minutes`}
                type="number"
                min={BRAINSTORM_MINUTES.min}
                max={BRAINSTORM_MINUTES.max}
                value={minutes}
                onChange={(e) =>
                  setMinutes(
                    Math.max(BRAINSTORM_MINUTES.min, Math.min(BRAINSTORM_MINUTES.max, Number(e.target.value) || 1)),
                  )
                }
              />
              <button type="button" disabled={brainstorm.busy} onClick={() => brainstorm.start(minutes)}>
                {t('boards.brainstorm.start')}
              </button>
            </>
          )}
        </fieldset>
      ) : null}
    </div>
  );
}

/**
 * In a section during a round: one's own waiting cards (only one's own browser ever has them) and the
 * form that posts a new one privately, instead of into the shared document.
 */
export function PrivateCards({
  brainstorm,
  sectionId,
  sectionTitle,
}: {
  brainstorm: Brainstorm;
  sectionId: string;
  sectionTitle: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const fetcher = useFetcher<BrainstormResponse | Offline>({ key: `brainstorm-card-${sectionId}` });
  const [text, setText] = useState('');
  const [colour, setColour] = useState<CardColour>('yellow');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = brainstorm.mine.filter((card) => card.section === sectionId);
  const round = brainstorm.state.round;
  const left = useSecondsLeft(round && !round.revealed ? round.endsAt : null);
  const { apply } = brainstorm;
  const sent = useRef(false);
  useEffect(() => {
    const answer = fetcher.data;
    if (!answer || fetcher.state !== 'idle') return;
    const posted = sent.current;
    sent.current = false;
    // Not sent: the form keeps what was typed and says why.
    if (isOffline(answer)) return setError(notSentError(answer) ?? null);
    apply({ ...answer, error: undefined });
    setError(answer.error ?? null);
    // Posted: the form empties; refused: it keeps what was typed.
    if (posted && !answer.error) setText('');
  }, [fetcher.data, fetcher.state, apply]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    sent.current = true;
    fetcher.submit(
      { intent: 'post', section: sectionId, text, colour, anonymous: anonymous ? 'on' : '' },
      { method: 'post', action: brainstorm.url },
    );
  };
  const withdraw = (cardId: string) => {
    sent.current = false;
    fetcher.submit({ intent: 'withdraw', cardId }, { method: 'post', action: brainstorm.url });
  };

  return (
    <div className="private-cards">
      {mine.length > 0 ? (
        <>
          <h4 id={`${id}-mine`}>{t('boards.brainstorm.mine', { section: sectionTitle })}</h4>
          <ul className="sticky-list" aria-labelledby={`${id}-mine`}>
            {mine.map((card) => (
              <li key={card.id} className={`sticky sticky-${card.colour} sticky-private`}>
                <p id={`${id}-${card.id}`} className="sticky-text" dir="auto">
                  {card.text}
                </p>
                <p className="sticky-meta">
                  {t('boards.brainstorm.onlyYou')}
                  {card.anonymous ? ` · ${t('boards.anonymousAuthor')}` : ''}
                </p>
                <button
                  type="button"
                  className="secondary"
                  aria-describedby={`${id}-${card.id}`}
                  disabled={fetcher.state !== 'idle'}
                  onClick={() => withdraw(card.id)}
                >
                  {t('boards.brainstorm.withdraw')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {left > 0 ? (
        <form className="new-card" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('boards.brainstorm.newCard')}</label>
            <textarea
              id={`${id}-text`}
              value={text}
              maxLength={CARD_TEXT_MAX}
              rows={2}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            {error ? (
              <p id={`${id}-error`} className="field-error" role="alert">
                {t(error)}
              </p>
            ) : null}
          </div>
          <div className="new-card-options">
            <CardColourField id={`${id}-colour`} value={colour} onChange={setColour} />
            <label className="checkbox">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
              {t('boards.anonymous')}
            </label>
            <button type="submit" disabled={fetcher.state !== 'idle'}>
              {t('boards.brainstorm.add')}
            </button>
          </div>
        </form>
      ) : error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
