import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Locale } from '~/i18n/locales';
import { NOT_SENT } from '~/offline-requests';
import { TabList } from '~/ui/TabList';
import { useMediaQuery } from '~/ui/useMediaQuery';
import {
  docFromUpdates,
  localized,
  readCards,
  readFacilitation,
  readSections,
  restoreInto,
  sectionText,
  setLocked,
  setSpotlight,
  updateCard,
} from '../doc';
import type { VoteState } from '../voting';
import type { BoardPermission } from '../protocol';
import type { BoardMe } from '../presence';
import { BoardTimer } from './BoardTimer';
import { BrainstormBar, PrivateCards, useBrainstorm } from './BrainstormRound';
import { CARD_DRAG_TYPE, CardItem } from './CardItem';
import { BoardComments, CommentsButton } from './CommentThread';
import { FacilitationPanel } from './FacilitationPanel';
import { FollowFacilitator } from './FollowFacilitator';
import { VoteRanking } from './VoteRanking';
import { NewCardForm } from './NewCardForm';
import { SectionEditor } from './SectionEditor';
import { useBoardConnection, useDocVersion, usePresence, type ConnectionState } from './useBoardConnection';
import { useBoardVotes } from './useBoardVotes';

interface Props {
  boardId: string;
  access: BoardPermission;
  token: string;
  me: BoardMe;
  locale: Locale;
  /** Shown until the live document has synced once. */
  fallback: React.ReactNode;
  /** A snapshot id to restore, set by the snapshot list; cleared when done (with why, if it was not). */
  restoreRequest: { id: string; onDone: (error?: string) => void } | null;
  /** Dot-voting as stored when the page loaded. */
  votes: VoteState;
}

/** The live board: sections with collaborative text and cards, presence, facilitation. */
export function BoardLive({ boardId, access, token, me, locale, fallback, restoreRequest, votes }: Props) {
  const { t } = useTranslation();
  const { connection, state, ready, pending, undone, dismissUndone } = useBoardConnection({
    boardId,
    initialToken: token,
    me,
  });

  return (
    <div className="board-live">
      <ConnectionStatus state={state} />
      {/* Always present, so screen readers hear the count change; empty when nothing waits. */}
      <p className="connection-pending" role="status">
        {pending > 0 ? t('boards.pendingChanges', { count: pending }) : null}
      </p>
      {undone ? (
        <div className="notice" role="alert">
          <p>{t('boards.changeRefused')}</p>
          <button type="button" onClick={dismissUndone}>
            {t('boards.changeRefusedDismiss')}
          </button>
        </div>
      ) : null}
      {connection && ready ? (
        <LiveDocument
          doc={connection.doc}
          provider={connection.provider}
          access={access}
          me={me}
          locale={locale}
          boardId={boardId}
          restoreRequest={restoreRequest}
          votes={votes}
        />
      ) : (
        <>
          <p className="meta">{t('boards.loading')}</p>
          {fallback}
        </>
      )}
    </div>
  );
}

function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const key = {
    online: 'boards.connectionOnline',
    connecting: 'boards.connectionConnecting',
    offline: 'boards.connectionOffline',
    refused: 'boards.connectionRefused',
  }[state];
  return (
    <p className={`connection connection-${state}`} role="status">
      {t(key)}
    </p>
  );
}

interface LiveProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  access: BoardPermission;
  me: BoardMe;
  locale: Locale;
  boardId: string;
  restoreRequest: Props['restoreRequest'];
  votes: VoteState;
}

function LiveDocument({ doc, provider, access, me, locale, boardId, restoreRequest, votes: initialVotes }: LiveProps) {
  const { t } = useTranslation();
  useDocVersion(doc);
  const people = usePresence(provider);
  const canEdit = access !== 'read';
  const canFacilitate = access === 'facilitate';
  const sections = readSections(doc);
  const cards = readCards(doc);
  const facilitation = readFacilitation(doc);
  const votes = useBoardVotes(boardId, initialVotes, doc, facilitation);
  const brainstorm = useBrainstorm(boardId, doc);
  const round = votes.state.round;
  const dotsLeft = round ? Math.max(0, round.budget - votes.state.used) : 0;
  const titles = sections.map((s) => ({ id: s.id, title: localized(s.title, locale) }));
  const moveTargets = canFacilitate ? titles : titles.filter((s) => !facilitation.locked.includes(s.id));
  const spotlight = titles.find((s) => s.id === facilitation.spotlight) ?? null;

  // A phone shows one section at a time, chosen with tabs; the overview shows every section at once.
  const phone = useMediaQuery(PHONE);
  const [overview, setOverview] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = titles.find((s) => s.id === chosen)?.id ?? titles[0]?.id ?? '';
  const tabbed = phone && !overview;
  const area = useRef<HTMLDivElement>(null);
  const scale = useOverviewScale(area, overview, phone ? Math.min(2, sections.length) : sections.length);
  // The card being dragged (its data cannot be read before the drop), so only valid sections accept it.
  const [dragging, setDragging] = useState<{ id: string; section: string } | null>(null);

  // A card moved or deleted leaves the list the person was in: say where it went, and put focus there
  // (on the moved card's menu, or the section's cards heading) once the board has redrawn.
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<(() => HTMLElement | null | undefined) | null>(null);
  useEffect(() => {
    const target = focusAfter.current?.();
    if (!target) return;
    focusAfter.current = null;
    target.focus();
  });
  // The one way a card changes section, for its menu and for drag and drop alike.
  const moveCard = (cardId: string, to: { id: string; title: string }) => {
    updateCard(doc, cardId, { section: to.id });
    setAnnouncement(t('boards.cardMoved', { section: to.title }));
    setChosen(to.id);
    focusAfter.current = () =>
      document.getElementById(`card-${cardId}`)?.querySelector<HTMLElement>('[aria-haspopup="menu"]');
  };
  const cardDeleted = (section: string) => {
    setAnnouncement(t('boards.cardDeleted'));
    focusAfter.current = () => document.getElementById(`cards-${section}`);
  };
  const toggleOverview = () => {
    setOverview(!overview);
    setAnnouncement(t(overview ? 'boards.overviewOff' : 'boards.overviewOn'));
  };
  // The caret extension writes the awareness 'user' field: keep the id in it for the presence list.
  const caretUser = useMemo(() => ({ id: me.id, name: me.name, color: me.colour }), [me.id, me.name, me.colour]);

  useEffect(() => {
    if (spotlight)
      document
        .getElementById(`section-${spotlight.id}`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'nearest', inline: 'start' });
  }, [spotlight]);

  // Restoring a snapshot is one new change to the live document, so everyone receives it.
  useEffect(() => {
    if (!restoreRequest) return;
    let cancelled = false;
    void (async () => {
      const response = await fetch(`/boards/${boardId}/snapshots/${restoreRequest.id}/state`).catch(() => null);
      if (cancelled) return;
      // No answer: the connection is gone. Another answer: the snapshot was deleted meanwhile, say.
      if (!response?.ok) return restoreRequest.onDone(response ? 'boards.restoreFailed' : NOT_SENT);
      const snapshot = docFromUpdates([new Uint8Array(await response.arrayBuffer())]);
      restoreInto(doc, snapshot);
      snapshot.destroy();
      restoreRequest.onDone();
    })();
    return () => {
      cancelled = true;
    };
  }, [restoreRequest, boardId, doc]);

  const presence = (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title">{t('boards.presence')}</h2>
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            <span className="presence-dot" style={{ backgroundColor: person.colour }} aria-hidden="true" />
            {person.id === me.id ? t('boards.you', { name: person.name }) : person.name}
          </li>
        ))}
      </ul>
    </section>
  );
  const facilitationPanel = canFacilitate ? (
    <FacilitationPanel doc={doc} facilitation={facilitation} votes={votes} />
  ) : null;

  return (
    <BoardComments boardId={boardId} provider={provider} me={me.id} canEdit={canEdit} canFacilitate={canFacilitate}>
      {/* Who is here and the facilitator's controls, together; on a phone folded away, open for the facilitator. */}
      {phone ? (
        <details className="board-bar" open={canFacilitate}>
          <summary>
            {canFacilitate
              ? `${t('boards.facilitation')} · ${t('boards.peopleHere', { count: people.length })}`
              : t('boards.peopleHere', { count: people.length })}
          </summary>
          {presence}
          {facilitationPanel}
        </details>
      ) : (
        <div className="board-bar">
          {presence}
          {facilitationPanel}
        </div>
      )}
      <p className="sr-only" role="status">
        {announcement}
      </p>
      {!canEdit ? <p className="notice">{t('boards.readOnlyNotice')}</p> : null}
      <BoardTimer endsAt={facilitation.timerEndsAt} />
      <BrainstormBar brainstorm={brainstorm} canFacilitate={canFacilitate} />
      <FollowFacilitator
        provider={provider}
        me={me}
        canFacilitate={canFacilitate}
        area={area}
        tabbed={tabbed}
        current={current}
        sections={titles}
        onFollow={(id) => {
          setChosen(id);
          document.getElementById(`section-${id}`)?.scrollIntoView({ block: 'nearest', inline: 'start' });
        }}
      />
      {spotlight ? (
        <p className="spotlight-banner" role="status">
          <a href={`#section-${spotlight.id}`} onClick={() => setChosen(spotlight.id)}>
            {t('boards.spotlightBanner', { section: spotlight.title })}
          </a>
        </p>
      ) : null}
      {round ? (
        <p className="voting-state" role="status">
          {round.open
            ? `${t('boards.votingOpen', { round: round.number })} ${canEdit ? t('boards.dotsLeft', { count: dotsLeft }) : ''} ${t('boards.votesHidden')}`
            : round.revealed
              ? t('boards.votingRevealed', { round: round.number })
              : null}
        </p>
      ) : null}
      {round?.revealed && votes.state.totals ? (
        <VoteRanking cards={cards} totals={votes.state.totals} round={round.number} />
      ) : null}
      {votes.error ? (
        <p className="field-error" role="alert">
          {t(votes.error)}
        </p>
      ) : null}
      <div className="board-view-bar">
        {tabbed ? (
          <TabList
            className="section-tabs"
            label={t('boards.sectionsNav')}
            tabs={titles.map((s) => ({ id: s.id, label: s.title, panelId: `section-${s.id}` }))}
            selected={current}
            onSelect={setChosen}
          />
        ) : (
          <nav aria-label={t('boards.sectionsNav')} className="section-nav">
            <ul>
              {titles.map((s) => (
                <li key={s.id}>
                  <a dir="auto" href={`#section-${s.id}`}>
                    {s.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <button type="button" className="overview-toggle" aria-pressed={overview} onClick={toggleOverview}>
          {t('boards.overview')}
        </button>
      </div>
      {/* Scrolls sideways on its own, so it takes focus for the keyboard (like ~/ui/TableScroll). */}
      <div
        ref={area}
        className={`board-area${overview ? ' board-overview' : ''}${tabbed ? ' board-tabbed' : ''}`}
        role="region"
        aria-label={t('boards.boardArea')}
        tabIndex={0}
      >
        <div className="board-columns" style={overview ? { zoom: scale } : undefined}>
          {sections.map((section) => {
            const title = localized(section.title, locale);
            const locked = facilitation.locked.includes(section.id);
            const editable = canEdit && (!locked || canFacilitate);
            const sectionCards = cards.filter((card) => card.section === section.id);
            const dropTarget =
              dragging !== null && dragging.section !== section.id && moveTargets.some((s) => s.id === section.id);
            return (
              <section
                key={section.id}
                id={`section-${section.id}`}
                className={`board-section${facilitation.spotlight === section.id ? ' spotlit' : ''}${dropTarget ? ' drop-target' : ''}`}
                {...(tabbed
                  ? { role: 'tabpanel', 'aria-labelledby': `tab-${section.id}`, hidden: section.id !== current }
                  : { 'aria-labelledby': `title-${section.id}` })}
                onDragOver={
                  dropTarget
                    ? (event) => {
                        if (!event.dataTransfer.types.includes(CARD_DRAG_TYPE)) return;
                        event.preventDefault();
                        event.dataTransfer.dropEffect = 'move';
                      }
                    : undefined
                }
                onDrop={
                  dropTarget
                    ? (event) => {
                        const cardId = event.dataTransfer.getData(CARD_DRAG_TYPE);
                        if (cardId !== dragging.id) return;
                        event.preventDefault();
                        setDragging(null);
                        moveCard(cardId, { id: section.id, title });
                      }
                    : undefined
                }
              >
                <h2 id={`title-${section.id}`}>{title}</h2>
                <p className="section-question">{localized(section.question, locale)}</p>
                <CommentsButton target={{ kind: 'section', id: section.id }} title={title} />
                {locked ? <p className="notice">{t('boards.locked')}</p> : null}
                {canFacilitate ? (
                  <div className="section-tools">
                    <button type="button" onClick={() => setLocked(doc, section.id, !locked)}>
                      {t(locked ? 'boards.unlock' : 'boards.lock', { section: title })}
                    </button>
                    {facilitation.spotlight !== section.id ? (
                      <button type="button" onClick={() => setSpotlight(doc, section.id)}>
                        {t('boards.spotlightOn', { section: title })}
                      </button>
                    ) : null}
                  </div>
                ) : null}
                <SectionEditor
                  fragment={sectionText(doc, section.id)}
                  provider={provider}
                  user={caretUser}
                  sectionTitle={title}
                  editable={editable}
                />
                <h3 id={`cards-${section.id}`} tabIndex={-1}>
                  {t('boards.cardsOf', { section: title })}
                </h3>
                {sectionCards.length > 0 ? (
                  <ul className="sticky-list" aria-labelledby={`cards-${section.id}`}>
                    {sectionCards.map((card) => (
                      <CardItem
                        key={card.id}
                        doc={doc}
                        card={card}
                        me={me}
                        sections={moveTargets}
                        canEdit={editable}
                        canFacilitate={canFacilitate}
                        canSignal={canEdit}
                        votingOpen={round?.open === true}
                        votes={votes}
                        myDots={votes.state.mine[card.id] ?? 0}
                        dotsLeft={dotsLeft}
                        totalVotes={votes.state.totals ? (votes.state.totals[card.id] ?? 0) : null}
                        onMove={(to) => moveCard(card.id, to)}
                        onDeleted={() => cardDeleted(section.id)}
                        onDrag={(on) => setDragging(on ? { id: card.id, section: section.id } : null)}
                      />
                    ))}
                  </ul>
                ) : null}
                {/* During a private round new cards go to the database, seen by their author only. */}
                {editable && brainstorm.open ? (
                  <PrivateCards brainstorm={brainstorm} sectionId={section.id} sectionTitle={title} />
                ) : editable ? (
                  <NewCardForm doc={doc} sectionId={section.id} me={me} />
                ) : null}
              </section>
            );
          })}
        </div>
      </div>
    </BoardComments>
  );
}

/** A phone: at most this wide, one section at a time (tabs) and the board bar folded away. */
const PHONE = '(max-width: 37.5rem)';
/** A column's width and the gap after it, in CSS pixels at the root font size (see .board-section). */
const COLUMN_REM = 20 + 1;

/**
 * How small the overview draws the columns so a row of `perRow` of them fits the board area's width
 * (CSS zoom, so the layout shrinks too and nothing overflows). Never below a quarter: smaller is unreadable
 * even as a map, and the area still scrolls.
 */
function useOverviewScale(area: React.RefObject<HTMLDivElement | null>, on: boolean, perRow: number) {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const element = area.current;
    if (!on || !element || perRow === 0) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setScale(Math.max(0.25, Math.min(1, element.clientWidth / (perRow * COLUMN_REM * rem))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [area, on, perRow]);
  return scale;
}
