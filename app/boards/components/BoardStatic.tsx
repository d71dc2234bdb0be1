import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block, BoardView, Inline } from '../export';

/** A board as it is (or was): for snapshots, the print page, and before the live board has connected. */
export function BoardStatic({ view }: { view: BoardView }) {
  const { t } = useTranslation();
  return (
    // Side by side on a wide screen, it scrolls sideways: a named region that takes focus (see app.css).
    <div className="board-static" role="region" aria-label={t('boards.boardArea')} tabIndex={0}>
      {view.sections.map((section) => (
        <section key={section.id} className="board-section" aria-labelledby={`static-${section.id}`}>
          <h2 dir="auto" id={`static-${section.id}`}>
            {section.title}
          </h2>
          <p dir="auto" className="section-question">
            {section.question}
          </p>
          <BlocksView blocks={section.blocks} />
          {section.cards.length > 0 ? (
            <>
              <h3>{t('boards.cards')}</h3>
              <ul className="sticky-list">
                {section.cards.map((card) => (
                  <li key={card.id} className={`sticky sticky-${card.colour}`}>
                    <p dir="auto" className="sticky-text">
                      {card.text}
                    </p>
                    <p className="sticky-meta">
                      {card.authorName ? t('boards.byAuthor', { name: card.authorName }) : t('boards.anonymousAuthor')}
                      {card.mark ? ` · ${t(card.mark === 'insight' ? 'boards.insight' : 'boards.goldenTip')}` : ''}
                      {card.recognisedBy.length > 0
                        ? ` · ${t('boards.recognisedCount', { count: card.recognisedBy.length })}`
                        : ''}
                      {card.votes !== null ? ` · ${t('boards.votes', { count: card.votes })}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function BlocksView({ blocks }: { blocks: Block[] }) {
  // Consecutive list items of one kind form one list.
  const groups: Block[][] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    const isList = block.kind === 'bullet' || block.kind === 'numbered';
    if (isList && last && last[0]!.kind === block.kind) last.push(block);
    else groups.push([block]);
  }
  return (
    <div className="section-text-static">
      {groups.map((group, i) => {
        const first = group[0]!;
        const items = group.map((item, j) => (
          <li key={j}>
            <Inlines inlines={item.inlines} />
          </li>
        ));
        if (first.kind === 'bullet') return <ul key={i}>{items}</ul>;
        if (first.kind === 'numbered') return <ol key={i}>{items}</ol>;
        const content = <Inlines inlines={first.inlines} />;
        if (first.kind === 'heading')
          return (
            <h4 dir="auto" key={i}>
              {content}
            </h4>
          );
        if (first.kind === 'quote') return <blockquote key={i}>{content}</blockquote>;
        return (
          <p dir="auto" key={i}>
            {content}
          </p>
        );
      })}
    </div>
  );
}

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((inline, i) => {
        let node: ReactNode = inline.text;
        if (inline.italic) node = <em>{node}</em>;
        if (inline.bold) node = <strong>{node}</strong>;
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}
