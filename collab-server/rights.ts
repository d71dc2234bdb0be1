import * as Y from 'yjs';
import { CARD_VALUES, lockKey, ROOTS, sectionOfTextRoot, type Card } from '~/boards/protocol';

/**
 * What a connection may change on a board. The page offers each person only what they may do;
 * this makes the server hold every client to it, whatever it sends.
 *
 * Every card anyone writes must have the shape the page gives it (`CARD_VALUES` in ~/boards/protocol: text
 * of at most `CARD_TEXT_MAX` characters, a known colour, a section the board has, ids as ids), so a
 * client cannot break the board, its exports or its history for everyone else. Beyond that,
 * facilitators (the pool's coordinators and admins: `facilitate` in the token) may change anything:
 * they run the session, and restoring a snapshot re-posts everyone's cards under their own authors.
 * A member (`edit`) may
 *   - write in a section's text, unless the section is locked;
 *   - post a card as themselves (their id and name, or their anonymous key and no name), unmarked and
 *     not yet linked, in a section that is not locked;
 *   - change the text, colour and section of their own cards, and delete them, outside locked sections;
 *   - recognise any card and take that back (only their own entry), outside locked sections;
 *   - link a card to the signal made of it, once, also in a locked section (as the page allows).
 * Nothing else: not the facilitation map (locks, spotlight, timer, voting round and `votesRevealed`),
 * not the list of sections, not marks (insight, golden tip) or advice links, not author fields, not
 * other people's cards, not any other root.
 *
 * The check looks at what an update does, not at its bytes: the shadow document's transaction lists
 * every type and map key the update changed (`transaction.changed`), and each is compared with the live
 * document, which still holds the state before. So an update that inserts and deletes at once, or
 * reaches a card through a nested type, is judged by its effect. A change inside something that ends up
 * deleted is invisible and passes; the deletion itself is judged where it happened. The cost grows with
 * the number of changed types and keys, never with the size of the document.
 */
export interface Member {
  id: string;
  /** The token's display name; a card may show this name or none. */
  name: string | null;
  /** What the member's anonymous cards carry as `authorId` (`anonymousAuthor` in auth.ts). */
  anonymousAs: string;
}

/** Who sent an update: a member, judged in full, or a facilitator, whose cards are only held to their shape. */
export type Writer = Member | 'facilitator';

export type Refusal =
  | 'facilitation'
  | 'sections'
  | 'locked-section'
  | 'card-author'
  | 'card-mark'
  | 'others-card'
  | 'card-field'
  | 'card-value'
  | 'recognition'
  | 'root';

type Type = Y.AbstractType<any>;

const CARD_FIELDS = new Set<string>([...Object.keys(CARD_VALUES), 'recognisedBy' satisfies keyof Card]);

/** What the author of a card may change in it (outside locked sections). */
const AUTHOR_FIELDS = new Set<string>(['text', 'colour', 'section'] satisfies (keyof Card)[]);

/** What one update is judged against: the live document before it, the shadow after it, and who sent it. */
interface Judging {
  before: Y.Doc;
  after: Y.Doc;
  writer: Writer;
  /** The board's sections after the update, read once and only when a card's section needs checking. */
  sections?: Set<string>;
}

/** Why `transaction` (on the shadow document) may not be applied for `writer`, or null when it may. */
export function refusedChange(transaction: Y.Transaction, before: Y.Doc, writer: Writer): Refusal | null {
  const judging: Judging = { before, after: transaction.doc, writer };
  for (const [type, keys] of transaction.changed) {
    const refusal = judgeType(type, keys, judging);
    if (refusal) return refusal;
  }
  return null;
}

function judgeType(type: Type, keys: Set<string | null>, judging: Judging): Refusal | null {
  const { before, writer } = judging;
  const member = writer === 'facilitator' ? null : writer;
  // The path from the root down to `type`.
  const path: Type[] = [];
  let root = type;
  while (root._item) {
    if (root._item.deleted) return null;
    path.unshift(root);
    root = root._item.parent as Type;
  }
  const rootName = Y.findRootTypeKey(root);
  if (rootName !== ROOTS.cards) {
    if (!member) return null;
    const section = sectionOfTextRoot(rootName);
    if (section !== null) return isLocked(before, section) ? 'locked-section' : null;
    if (rootName === ROOTS.facilitation) return 'facilitation';
    if (rootName === ROOTS.sections) return 'sections';
    return 'root';
  }

  // A map's content outside its keys: nothing a board puts there.
  if (keys.has(null)) return 'card-field';
  const liveCards = before.share.get(ROOTS.cards);
  if (path.length === 0) {
    for (const key of keys as Set<string>) {
      const was = entry(liveCards, key);
      const now = entry(type, key);
      if (sameValue(was, now)) continue;
      const refusal =
        (was === undefined || !member ? null : judgeRemoval(was, before, member)) ?? judgeNewCard(key, now, judging);
      if (refusal) return refusal;
    }
    return null;
  }
  // Inside a card: the live document's card under the same key must be this very one (else it was
  // replaced or deleted, and the change is judged there).
  const card = livePeer(path[0]!, liveCards);
  if (!card) return member ? 'card-field' : null;
  if (path.length === 1) {
    for (const key of keys as Set<string>) {
      const refusal = judgeCardField(card, key, entry(card, key), entry(type, key), judging);
      if (refusal) return refusal;
    }
    return null;
  }
  const recognised =
    path.length === 2 && path[1]!._item!.parentSub === 'recognisedBy' ? livePeer(path[1]!, card) : null;
  if (!recognised) return 'card-field';
  for (const key of keys as Set<string>) {
    const now = entry(type, key);
    if (sameValue(entry(recognised, key), now)) continue;
    if (now !== undefined && now !== true) return 'recognition';
    if (!member) continue;
    if (key !== member.id) return 'recognition';
    if (isLocked(before, card.get('section'))) return 'locked-section';
  }
  return null;
}

/** The live document's map under the same key of `liveParent` as `shadowType`, if it is the same item. */
function livePeer(shadowType: Type, liveParent: Type | undefined): Y.Map<unknown> | null {
  const peer = entry(liveParent, shadowType._item!.parentSub ?? '');
  return peer instanceof Y.Map && Y.compareIDs(peer._item!.id, shadowType._item!.id) ? peer : null;
}

function judgeRemoval(was: unknown, before: Y.Doc, member: Member): Refusal | null {
  if (!(was instanceof Y.Map)) return 'card-field';
  if (!isOwn(was, member)) return 'others-card';
  return isLocked(before, was.get('section')) ? 'locked-section' : null;
}

/** Named cards carry the author's id, anonymous ones the author's key; cards from before the key, the id. */
function isOwn(card: Y.Map<unknown>, member: Member): boolean {
  const author = card.get('authorId');
  return author === member.id || author === member.anonymousAs;
}

function judgeNewCard(key: string, card: unknown, judging: Judging): Refusal | null {
  if (card === undefined) return null;
  if (!(card instanceof Y.Map) || card.get('id') !== key) return 'card-field';
  // Every field, so that no reader of the card has to guess.
  if (card.size !== CARD_FIELDS.size) return 'card-field';
  for (const [field, value] of card.entries()) {
    if (!CARD_FIELDS.has(field)) return 'card-field';
    if (field === 'recognisedBy') {
      if (!(value instanceof Y.Map)) return 'card-field';
      for (const [who, recognised] of value.entries()) {
        if (recognised !== true || (judging.writer !== 'facilitator' && who !== judging.writer.id)) {
          return 'recognition';
        }
      }
    } else if (!validValue(field, value, judging)) return 'card-value';
  }
  const member = judging.writer;
  if (member === 'facilitator') return null;
  // Anonymous: the member's key and no name, so that nothing on the card says who wrote it.
  const name = card.get('authorName');
  const author = card.get('authorId');
  if (name === null ? author !== member.anonymousAs : name !== member.name || author !== member.id) {
    return 'card-author';
  }
  if (card.get('mark') != null) return 'card-mark';
  if (card.get('adviceId') != null || card.get('signalId') != null) return 'card-field';
  return isLocked(judging.before, card.get('section')) ? 'locked-section' : null;
}

function judgeCardField(
  card: Y.Map<unknown>,
  field: string,
  was: unknown,
  now: unknown,
  judging: Judging,
): Refusal | null {
  if (sameValue(was, now)) return null;
  if (!CARD_FIELDS.has(field) || field === 'recognisedBy') return 'card-field';
  // Taking a field away leaves a card the page cannot read.
  if (now === undefined || !validValue(field, now, judging)) return 'card-value';
  const { before, writer: member } = judging;
  if (member === 'facilitator') return null;
  // The card becomes a signal: whoever made it links it, once (the signal itself is checked by the app).
  if (field === 'signalId') return was == null ? null : 'card-field';
  if (field === 'mark') return 'card-mark';
  if (field === 'authorId' || field === 'authorName') return 'card-author';
  if (!AUTHOR_FIELDS.has(field)) return 'card-field';
  if (!isOwn(card, member)) return 'others-card';
  if (isLocked(before, card.get('section'))) return 'locked-section';
  return field === 'section' && isLocked(before, now) ? 'locked-section' : null;
}

function validValue(field: string, value: unknown, judging: Judging): boolean {
  if (!CARD_VALUES[field as keyof typeof CARD_VALUES](value)) return false;
  return field !== 'section' || sectionsAfter(judging).has(value as string);
}

/** The ids in the shadow document's `sections` root (read item by item: see `entry`). */
function sectionsAfter(judging: Judging): Set<string> {
  if (judging.sections) return judging.sections;
  const ids = new Set<string>();
  for (let item = judging.after.share.get(ROOTS.sections)?._start ?? null; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    for (const section of item.content.getContent()) {
      const id: unknown = (section as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  judging.sections = ids;
  return ids;
}

function isLocked(doc: Y.Doc, section: unknown): boolean {
  return typeof section === 'string' && entry(doc.share.get(ROOTS.facilitation), lockKey(section)) === true;
}

/**
 * A map entry of any type: the collab-server's roots stay untyped (`Y.AbstractType`) until someone asks
 * for them as a map, and asking would replace the very objects `transaction.changed` refers to.
 */
function entry(type: Type | undefined, key: string): unknown {
  const item = type?._map.get(key);
  return item && !item.deleted ? item.content.getContent()[item.length - 1] : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    return (
      a instanceof Y.AbstractType &&
      b instanceof Y.AbstractType &&
      a._item !== null &&
      b._item !== null &&
      Y.compareIDs(a._item.id, b._item.id)
    );
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return Object.is(a, b);
}
