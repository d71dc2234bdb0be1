import { uint32 } from 'lib0/random';
import * as Y from 'yjs';
import {
  CARD_COLOURS,
  lockKey,
  ROOTS,
  sectionOfLockKey,
  textRoot,
  type Card,
  type CardColour,
  type CardMark,
} from './protocol';
import { localized, type Localized, type SectionInfo, type StarterCard } from './sections';

export { localized, type Localized, type SectionInfo, type StarterCard };

/**
 * Reading and editing a board's Yjs document, shared by the browser and the app server (templates,
 * exports, snapshots). Its roots and what a card may hold are the protocol's (`protocol.ts`), which
 * the collab-server enforces. Dot-voting itself lives in the database (app/boards/votes.server.ts):
 * the facilitation map holds only the current round's number and whether it is open or revealed, as a
 * signal for the other browsers to fetch the voting state again.
 */

/** What the facilitator set for everyone on the board. */
export interface Facilitation {
  spotlight: string | null;
  timerEndsAt: number | null;
  locked: string[];
  /** A signal only: the voting round the facilitator last opened or revealed (the truth is the database). */
  votingRound: number;
  votingOpen: boolean;
  votesRevealed: boolean;
}

export const sectionsOf = (doc: Y.Doc) => doc.getArray<SectionInfo>(ROOTS.sections);
export const sectionText = (doc: Y.Doc, sectionId: string) => doc.getXmlFragment(textRoot(sectionId));
export const cardsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOTS.cards);
export const facilitationOf = (doc: Y.Doc) => doc.getMap<unknown>(ROOTS.facilitation);

export function readSections(doc: Y.Doc): SectionInfo[] {
  return sectionsOf(doc).toArray();
}

export function readCard(card: Y.Map<unknown>): Card {
  const recognised = card.get('recognisedBy');
  return {
    id: String(card.get('id')),
    section: String(card.get('section')),
    text: String(card.get('text') ?? ''),
    colour: (card.get('colour') as CardColour) ?? 'yellow',
    authorId: String(card.get('authorId') ?? ''),
    authorName: (card.get('authorName') as string | null) ?? null,
    createdAt: Number(card.get('createdAt') ?? 0),
    recognisedBy: recognised instanceof Y.Map ? [...recognised.keys()] : [],
    mark: (card.get('mark') as CardMark | null) ?? null,
    adviceId: (card.get('adviceId') as string | null) ?? null,
    signalId: (card.get('signalId') as string | null) ?? null,
  };
}

/** Cards in the order they were posted. */
export function readCards(doc: Y.Doc): Card[] {
  return [...cardsOf(doc).values()].map(readCard).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function addCard(
  doc: Y.Doc,
  card: { id: string; section: string; text: string; colour: CardColour; authorId: string; authorName: string | null },
  createdAt = Date.now(),
): void {
  writeCard(doc, card.authorName === null, () => {
    const map = new Y.Map<unknown>();
    map.set('id', card.id);
    map.set('section', card.section);
    map.set('text', card.text);
    map.set('colour', card.colour);
    map.set('authorId', card.authorId);
    map.set('authorName', card.authorName);
    map.set('createdAt', createdAt);
    map.set('recognisedBy', new Y.Map<boolean>());
    map.set('mark', null);
    map.set('adviceId', null);
    map.set('signalId', null);
    cardsOf(doc).set(card.id, map);
  });
}

export function updateCard(
  doc: Y.Doc,
  cardId: string,
  changes: Partial<Pick<Card, 'text' | 'colour' | 'section' | 'mark' | 'adviceId' | 'signalId'>>,
) {
  const card = cardsOf(doc).get(cardId);
  if (!card) return;
  writeCard(doc, card.get('authorName') === null, () => {
    for (const [key, value] of Object.entries(changes)) card.set(key, value);
  });
}

/**
 * Every Yjs item carries the id of the client that wrote it, and presence tells everyone whose client
 * that is: so what is written into an anonymous card is written under a client id used this once.
 * (Deleting writes no item; recognising writes the person's own id as the key anyway.)
 */
function writeCard(doc: Y.Doc, anonymous: boolean, work: () => void) {
  if (!anonymous) return doc.transact(work);
  const own = doc.clientID;
  doc.clientID = uint32();
  try {
    doc.transact(work);
  } finally {
    doc.clientID = own;
  }
}

export function removeCard(doc: Y.Doc, cardId: string): void {
  cardsOf(doc).delete(cardId);
}

/** "I recognise this": once per person; a second press takes it back. */
export function toggleRecognise(doc: Y.Doc, cardId: string, userId: string): void {
  const recognised = cardsOf(doc).get(cardId)?.get('recognisedBy');
  if (!(recognised instanceof Y.Map)) return;
  if (recognised.has(userId)) recognised.delete(userId);
  else recognised.set(userId, true);
}

// Facilitation ------------------------------------------------------------------------------------

export function readFacilitation(doc: Y.Doc): Facilitation {
  const f = facilitationOf(doc);
  const locked: string[] = [];
  for (const [key, value] of f.entries()) {
    const section = sectionOfLockKey(key);
    if (section !== null && value === true) locked.push(section);
  }
  return {
    spotlight: (f.get('spotlight') as string | null) ?? null,
    timerEndsAt: (f.get('timerEndsAt') as number | null) ?? null,
    locked,
    votingRound: Number(f.get('votingRound') ?? 0),
    votingOpen: f.get('votingOpen') === true,
    votesRevealed: f.get('votesRevealed') === true,
  };
}

export function setSpotlight(doc: Y.Doc, sectionId: string | null) {
  facilitationOf(doc).set('spotlight', sectionId);
}

export function setTimer(doc: Y.Doc, endsAt: number | null) {
  facilitationOf(doc).set('timerEndsAt', endsAt);
}

export function setLocked(doc: Y.Doc, sectionId: string, locked: boolean) {
  facilitationOf(doc).set(lockKey(sectionId), locked);
}

/** Tells everyone on the board that a voting round was opened or revealed, so they fetch it again. */
export function announceVoting(doc: Y.Doc, round: { number: number; open: boolean; revealed: boolean }) {
  const f = facilitationOf(doc);
  doc.transact(() => {
    f.set('votingRound', round.number);
    f.set('votingOpen', round.open);
    f.set('votesRevealed', round.revealed);
  });
}

// Building and reading whole documents --------------------------------------------------------------

/** A new board's first state: its sections and starter cards (made by the app, stored before anyone joins). */
export function buildInitialState(
  sections: SectionInfo[],
  starterCards: StarterCard[],
  author: { id: string; name: string | null },
  now = Date.now(),
): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    sectionsOf(doc).push(sections);
    starterCards.forEach((card, index) =>
      addCard(
        doc,
        {
          id: `starter-${index + 1}`,
          section: card.section,
          text: card.text,
          colour: CARD_COLOURS[index % CARD_COLOURS.length]!,
          authorId: author.id,
          authorName: author.name,
        },
        now + index,
      ),
    );
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  return doc;
}

/**
 * Makes `doc` look like `snapshot` again, as one new change that everyone receives: sections, texts,
 * cards and facilitation are replaced by copies of the snapshot's. Nothing in history is destroyed.
 */
export function restoreInto(doc: Y.Doc, snapshot: Y.Doc): void {
  doc.transact(() => {
    const sections = sectionsOf(doc);
    const wanted = readSections(snapshot);
    sections.delete(0, sections.length);
    sections.push(wanted);
    for (const section of wanted) {
      const target = sectionText(doc, section.id);
      target.delete(0, target.length);
      const source = sectionText(snapshot, section.id);
      target.insert(
        0,
        source.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
      );
    }
    const cards = cardsOf(doc);
    for (const id of [...cards.keys()]) cards.delete(id);
    for (const card of readCards(snapshot)) {
      addCard(doc, card, card.createdAt);
      const map = cards.get(card.id)!;
      map.set('mark', card.mark);
      map.set('adviceId', card.adviceId);
      map.set('signalId', card.signalId);
      const recognised = map.get('recognisedBy') as Y.Map<boolean>;
      for (const user of card.recognisedBy) recognised.set(user, true);
    }
  });
}
