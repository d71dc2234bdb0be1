import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { withoutBidiControls } from '~/bidi';
import { isOffline, notSentError, type Offline } from '~/offline-requests';
import { MenuButton, type MenuGroup } from '~/ui/MenuButton';
import { removeCard, toggleRecognise, updateCard } from '../doc';
import type { Card } from '../protocol';
import { CardEditForm } from './CardEditForm';
import { useCommentCount } from './CommentThread';
import { useCommentsContext } from './useBoardComments';
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
  /** Moves the card (the board's one way to, also for drag and drop), says so and puts focus on it. */
  onMove: (to: { id: string; title: string }) => void;
  /** The card was deleted: the board says so and puts focus on the section's cards. */
  onDeleted: () => void;
  /** A pointer started (true) or ended (false) dragging this card to another section. */
  onDrag: (dragging: boolean) => void;
}

/** The drag data's type: only a card of this page, never text dropped from elsewhere, moves a card. */
export const CARD_DRAG_TYPE = 'application/x-expertpool-card';

/**
 * One sticky card: its text, author, colour and who recognise it, "recognise" (and dots in a voting
 * round) at hand, everything else in one menu.
 */
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
  onMove,
  onDeleted,
  onDrag,
}: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // Keyed by card: a card drawn again (the board re-rendered from the document) keeps the answer.
  const advice = useFetcher<{ advice?: { id: string; cardId: string } } | Offline>({ key: `card-advice-${card.id}` });
  const signal = useFetcher<{ signal?: { id: string; cardId: string }; error?: string } | Offline>({
    key: `card-signal-${card.id}`,
  });
  const adviceError = notSentError(advice.data);
  const signalError = isOffline(signal.data) ? notSentError(signal.data) : signal.data?.error;
  const comments = useCommentsContext();
  const commentCount = useCommentCount({ kind: 'card', id: card.id });
  const recognised = card.recognisedBy.includes(me.id);
  // Members change only their own cards, outside locked sections; the collab-server refuses the rest
  // (collab-server/rights.ts).
  const mayChange = canEdit && (canFacilitate || card.authorId === me.id || card.authorId === me.anonymousAs);

  // The advice draft is stored in the register; the card remembers it for everyone.
  useEffect(() => {
    const created = isOffline(advice.data) ? undefined : advice.data?.advice;
    if (created && created.cardId === card.id && card.adviceId !== created.id)
      updateCard(doc, card.id, { adviceId: created.id });
  }, [advice.data, card.id, card.adviceId, doc]);

  // Likewise the signal: stored in the signals inbox, remembered on the card for everyone.
  useEffect(() => {
    const created = isOffline(signal.data) ? undefined : signal.data?.signal;
    if (created && created.cardId === card.id && card.signalId !== created.id)
      updateCard(doc, card.id, { signalId: created.id });
  }, [signal.data, card.id, card.signalId, doc]);

  const stopEditing = () => {
    setEditing(false);
    // After the form is gone, back to where editing started.
    requestAnimationFrame(() => menuButton.current?.focus());
  };

  const markItems =
    canFacilitate && canEdit
      ? [
          ...(card.mark !== 'insight'
            ? [
                {
                  key: 'insight',
                  label: t('boards.markInsight'),
                  onSelect: () => updateCard(doc, card.id, { mark: 'insight' }),
                },
              ]
            : []),
          ...(card.mark !== 'golden_tip'
            ? [
                {
                  key: 'golden_tip',
                  label: t('boards.markGoldenTip'),
                  onSelect: () => updateCard(doc, card.id, { mark: 'golden_tip' }),
                },
              ]
            : []),
          ...(card.mark
            ? [{ key: 'unmark', label: t('boards.unmark'), onSelect: () => updateCard(doc, card.id, { mark: null }) }]
            : []),
          ...(!card.adviceId
            ? [
                {
                  key: 'advice',
                  label: t('boards.toAdvice'),
                  disabled: advice.state !== 'idle',
                  onSelect: () =>
                    advice.submit(
                      { intent: 'advice', cardId: card.id, title: card.text.slice(0, 200), insight: card.text },
                      { method: 'post' },
                    ),
                },
              ]
            : []),
        ]
      : [];

  const groups: MenuGroup[] = [
    {
      key: 'card',
      items: [
        ...(mayChange ? [{ key: 'edit', label: t('boards.editCard'), onSelect: () => setEditing(true) }] : []),
        ...(comments
          ? [
              {
                key: 'comments',
                label: t('boards.comments.menuItem', { n: commentCount }),
                onSelect: () => comments.open({ kind: 'card', id: card.id }, label, menuButton.current),
              },
            ]
          : []),
        ...(canSignal && !card.signalId
          ? [
              {
                key: 'signal',
                label: t('boards.makeSignal'),
                disabled: signal.state !== 'idle',
                onSelect: () => signal.submit({ intent: 'signal', cardId: card.id }, { method: 'post' }),
              },
            ]
          : []),
        ...markItems,
      ],
    },
    {
      key: 'move',
      label: t('boards.moveTo'),
      items: mayChange
        ? sections
            .filter((s) => s.id !== card.section)
            .map((s) => ({
              key: `move-${s.id}`,
              label: t('boards.moveToSection', { section: s.title }),
              onSelect: () => onMove(s),
            }))
        : [],
    },
    {
      key: 'delete',
      items: mayChange
        ? [
            {
              key: 'delete',
              label: t('boards.deleteCard'),
              danger: true,
              onSelect: () => {
                removeCard(doc, card.id);
                onDeleted();
              },
            },
          ]
        : [],
    },
  ];

  const label = card.text.length > 40 ? `${card.text.slice(0, 40)}…` : card.text;
  // Dragging is the pointer's shortcut for "move to" in the menu, so it is offered exactly when that is;
  // not while editing, where a drag must select text.
  const draggable = mayChange && !editing && sections.some((s) => s.id !== card.section);
  return (
    <li
      id={`card-${card.id}`}
      className={`sticky sticky-${card.colour}${card.mark ? ` sticky-${card.mark}` : ''}`}
      draggable={draggable || undefined}
      onDragStart={
        draggable
          ? (event) => {
              event.dataTransfer.setData(CARD_DRAG_TYPE, card.id);
              event.dataTransfer.effectAllowed = 'move';
              onDrag(true);
            }
          : undefined
      }
      onDragEnd={draggable ? () => onDrag(false) : undefined}
    >
      <article aria-label={card.text}>
        {editing && mayChange ? (
          <CardEditForm
            text={card.text}
            colour={card.colour}
            onSave={(changes) => {
              updateCard(doc, card.id, changes);
              stopEditing();
            }}
            onCancel={stopEditing}
          />
        ) : (
          <p className="sticky-text" dir="auto">
            {card.text}
          </p>
        )}
        <p className="sticky-meta">
          {/* The name comes from the document, where any client may have written it; see ~/bidi. */}
          {card.authorName
            ? t('boards.byAuthor', { name: withoutBidiControls(card.authorName) })
            : t('boards.anonymousAuthor')}
          {` · ${t(`boards.colours.${card.colour}`)}`}
          {card.mark ? (
            <strong className="sticky-mark">
              {' '}
              · {t(card.mark === 'insight' ? 'boards.insight' : 'boards.goldenTip')}
            </strong>
          ) : null}
          {card.recognisedBy.length > 0 ? ` · ${t('boards.recognisedCount', { count: card.recognisedBy.length })}` : ''}
          {totalVotes !== null ? <strong> · {t('boards.votes', { count: totalVotes })}</strong> : null}
          {myDots > 0 ? ` · ${t('boards.myDots', { count: myDots })}` : ''}
          {commentCount > 0 ? ` · ${t('boards.comments.count', { n: commentCount })}` : ''}
        </p>
        {card.adviceId ? (
          <p className="sticky-meta">
            <Link to={`/advice/${card.adviceId}`}>{t('boards.adviceLinked')}</Link>
          </p>
        ) : null}
        {card.signalId ? (
          <p className="sticky-meta">
            <Link to={`/signals/${card.signalId}`}>{t('boards.signalMade')}</Link>
          </p>
        ) : null}
        {[adviceError, signalError].map((error, i) =>
          error ? (
            <p key={i} className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null,
        )}
        <div className="sticky-actions">
          {canEdit ? (
            <button type="button" aria-pressed={recognised} onClick={() => toggleRecognise(doc, card.id, me.id)}>
              {t('boards.recognise')}
            </button>
          ) : null}
          {canEdit && votingOpen ? (
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
          <MenuButton
            className="sticky-menu"
            label={t('boards.cardActions', { text: label })}
            groups={groups}
            buttonRef={menuButton}
          >
            {t('boards.cardMenu')}
          </MenuButton>
        </div>
      </article>
    </li>
  );
}
