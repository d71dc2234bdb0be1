import { useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { castVote, removeCard, toggleRecognise, updateCard, type Card, type Facilitation } from '../doc';

interface Props {
  doc: Y.Doc;
  card: Card;
  me: { id: string };
  sections: { id: string; title: string }[];
  canEdit: boolean;
  canFacilitate: boolean;
  facilitation: Facilitation;
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
  facilitation,
  myDots,
  dotsLeft,
  totalVotes,
}: Props) {
  const { t } = useTranslation();
  const moveId = useId();
  const [target, setTarget] = useState(card.section);
  const advice = useFetcher<{ advice?: { id: string; cardId: string } }>();
  const recognised = card.recognisedBy.includes(me.id);

  // The advice draft is stored in the register; the card remembers it for everyone.
  useEffect(() => {
    const created = advice.data?.advice;
    if (created && created.cardId === card.id && card.adviceId !== created.id)
      updateCard(doc, card.id, { adviceId: created.id });
  }, [advice.data, card.id, card.adviceId, doc]);

  const label = card.text.length > 40 ? `${card.text.slice(0, 40)}…` : card.text;
  return (
    <li className={`sticky sticky-${card.colour}${card.mark ? ` sticky-${card.mark}` : ''}`}>
      <article aria-label={card.text}>
        <p className="sticky-text">{card.text}</p>
        <p className="sticky-meta">
          {card.authorName ? t('boards.byAuthor', { name: card.authorName }) : t('boards.anonymousAuthor')}
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
        {canEdit ? (
          <div className="sticky-actions" role="group" aria-label={t('boards.cardActions', { text: label })}>
            <button type="button" aria-pressed={recognised} onClick={() => toggleRecognise(doc, card.id, me.id)}>
              {t('boards.recognise')}
            </button>
            {facilitation.votingOpen ? (
              <>
                <button type="button" disabled={dotsLeft <= 0} onClick={() => castVote(doc, me.id, card.id, 1)}>
                  {t('boards.vote')}
                </button>
                {myDots > 0 ? (
                  <button type="button" onClick={() => castVote(doc, me.id, card.id, -1)}>
                    {t('boards.unvote')}
                  </button>
                ) : null}
              </>
            ) : null}
            {sections.length > 1 ? (
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
            {canFacilitate || card.authorId === me.id ? (
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
