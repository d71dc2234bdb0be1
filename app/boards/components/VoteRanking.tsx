import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '../protocol';

/**
 * After the reveal: the cards ranked by their dots, most first, so the group sees at once what it
 * chose. Cards without a dot are left out; ties keep the board's order.
 */
export function VoteRanking({
  cards,
  totals,
  round,
}: {
  cards: Card[];
  totals: Record<string, number>;
  round: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ranked = cards
    .map((card, index) => ({ card, index, dots: totals[card.id] ?? 0 }))
    .filter((entry) => entry.dots > 0)
    .sort((a, b) => b.dots - a.dots || a.index - b.index);
  return (
    <section className="vote-ranking" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('boards.ranking', { round })}</h2>
      {ranked.length === 0 ? (
        <p>{t('boards.rankingEmpty')}</p>
      ) : (
        <ol>
          {ranked.map(({ card, dots }) => (
            <li key={card.id}>
              <a dir="auto" href={`#card-${card.id}`}>
                {card.text}
              </a>{' '}
              · {t('boards.votes', { count: dots })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
