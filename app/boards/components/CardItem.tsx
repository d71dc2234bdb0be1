import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { withoutBidiControls } from '~/bidi';
import { removeCard, toggleRecognise, updateCard } from '../doc';
import type { Card } from '../protocol';
import type { BoardVotes } from './useBoardVotes';

interface Props {
  doc: Y.Doc;
  card: Card;
  me: { id: string; anonymousAs: string };
  /** Where the card may be moved to (for members: no locked section). */
  sections: { id: string; title: string }[];
  canEdit: boolean;
  canFacilitate: boolean;
  /** Members and coordinators of the pool (also when the section is locked). */
  canSignal: boolean;
  votingOpen: boolean;
  votes: BoardVotes;
  myDots: number;
  dotsLeft: number;
  totalVotes: number | null;
}

/** One sticky card with everything one can do with it, each a real button (keyboard first). */
export function CardItem({
  doc,
  card,
  me,
  sections,
  canEdit,
  canFacilitate,
  canSignal,
  votingOpen,
  votes,
  myDots,
  dotsLeft,
  totalVotes,
}: Props) {
  const { t } = useTranslation();
  const moveId = useId();
  const [target, setTarget] = useState(card.section);
  const advice = useFetcher<{ advice?: { id: string; cardId: string } }>();
  const signal = useFetcher<{ signal?: { id: string; cardId: string }; error?: string }>();
  const recognised = card.recognisedBy.includes(me.id);
  // Members change only their own cards; the collab-server refuses the rest (collab-server/rights.ts).
  const mayChange = canFacilitate || card.authorId === me.id || card.authorId === me.anonymousAs;

  // The advice draft is stored in the register; the card remembers it for everyone.
  useEffect(() => {
    const created = advice.data?.advice;
    if (created && created.cardId === card.id && card.adviceId !== created.id)
      updateCard(doc, card.id, { adviceId: created.id });
  }, [advice.data, card.id, card.adviceId, doc]);

  // Likewise the signal: stored in the signals inbox, remembered on the card for everyone.
  useEffect(() => {
    const created = signal.data?.signal;
    if (created && created.cardId === card.id && card.signalId !== created.id)
      updateCard(doc, card.id, { signalId: created.id });
  }, [signal.data, card.id, card.signalId, doc]);

  const label = card.text.length > 40 ? `${card.text.slice(0, 40)}…` : card.text;
  return (
    <li className={`sticky sticky-${card.colour}${card.mark ? ` sticky-${card.mark}` : ''}`}>
      <article aria-label={card.text}>
        <p className="sticky-text">{card.text}</p>
        <p className="sticky-meta">
          {/* The name comes from the document, where any client may have written it; see ~/bidi. */}
          {card.authorName
            ? t('boards.byAuthor', { name: withoutBidiControls(card.authorName) })
            : t('boards.anonymousAuthor')}
          {card.mark ? (
            <strong className="sticky-mark">
              {' '}
              · {t(card.mark === 'insight' ? 'boards.insight' : 'boards.goldenTip')}
            </strong>
          ) : null}
          {card.recognisedBy.length > 0 ? ` · ${t('boards.recognisedCount', { count: card.recognisedBy.length })}` : ''}
          {totalVotes !== null ? <strong> · {t('boards.votes', { count: totalVotes })}</strong> : null}
          {myDots > 0 ? ` · ${t('boards.myDots', { count: myDots })}` : ''}
          {card.adviceId ? ` · ${t('boards.adviceLinked')}` : ''}
        </p>
        {card.signalId ? (
          <p className="sticky-meta">
            <Link to={`/signals/${card.signalId}`}>{t('boards.signalMade')}</Link>
          </p>
        ) : null}
        {signal.data?.error ? (
          <p className="field-error" role="alert">
            {t(signal.data.error)}
          </p>
        ) : null}
        {canSignal && !canEdit && !card.signalId ? (
          <div className="sticky-actions" role="group" aria-label={t('boards.cardActions', { text: label })}>
            <MakeSignal fetcher={signal} cardId={card.id} />
          </div>
        ) : null}
        {canEdit ? (
          <div className="sticky-actions" role="group" aria-label={t('boards.cardActions', { text: label })}>
            <button type="button" aria-pressed={recognised} onClick={() => toggleRecognise(doc, card.id, me.id)}>
              {t('boards.recognise')}
            </button>
            {votingOpen ? (
              <>
                <button type="button" disabled={dotsLeft <= 0 || votes.busy} onClick={() => votes.cast(card.id, 1)}>
                  {t('boards.vote')}
                </button>
                {myDots > 0 ? (
                  <button type="button" disabled={votes.busy} onClick={() => votes.cast(card.id, -1)}>
                    {t('boards.unvote')}
                  </button>
                ) : null}
              </>
            ) : null}
            {mayChange && sections.length > 1 ? (
              <span className="sticky-move">
                <label htmlFor={moveId}>{t('boards.moveTo')}</label>
                <select id={moveId} value={target} onChange={(e) => setTarget(e.target.value)}>
                  {sections.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={target === card.section}
                  onClick={() => updateCard(doc, card.id, { section: target })}
                >
                  {t('boards.move')}
                </button>
              </span>
            ) : null}
            {canSignal && !card.signalId ? <MakeSignal fetcher={signal} cardId={card.id} /> : null}
            {canFacilitate ? (
              <>
                {card.mark !== 'insight' ? (
                  <button type="button" onClick={() => updateCard(doc, card.id, { mark: 'insight' })}>
                    {t('boards.markInsight')}
                  </button>
                ) : null}
                {card.mark !== 'golden_tip' ? (
                  <button type="button" onClick={() => updateCard(doc, card.id, { mark: 'golden_tip' })}>
                    {t('boards.markGoldenTip')}
                  </button>
                ) : null}
                {card.mark ? (
                  <button type="button" onClick={() => updateCard(doc, card.id, { mark: null })}>
                    {t('boards.unmark')}
                  </button>
                ) : null}
                {!card.adviceId ? (
                  <advice.Form method="post">
                    <input type="hidden" name="intent" value="advice" />
                    <input type="hidden" name="cardId" value={card.id} />
                    <input type="hidden" name="title" value={card.text.slice(0, 200)} />
                    <input type="hidden" name="insight" value={card.text} />
                    <button type="submit" disabled={advice.state !== 'idle'}>
                      {t('boards.toAdvice')}
                    </button>
                  </advice.Form>
                ) : null}
              </>
            ) : null}
            {mayChange ? (
              <button type="button" className="danger" onClick={() => removeCard(doc, card.id)}>
                {t('boards.deleteCard')}
              </button>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** "Make signal": the card's text becomes a signal in the signals inbox (issue 8). */
function MakeSignal({ fetcher, cardId }: { fetcher: ReturnType<typeof useFetcher>; cardId: string }) {
  const { t } = useTranslation();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="signal" />
      <input type="hidden" name="cardId" value={cardId} />
      <button type="submit" disabled={fetcher.state !== 'idle'}>
        {t('boards.makeSignal')}
      </button>
    </fetcher.Form>
  );
}
