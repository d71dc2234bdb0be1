import * as Y from 'yjs';
import { lockKey, ROOTS, sectionOfTextRoot, type Card } from '~/boards/doc';

/**
 * What a member's connection may change on a board. The page offers each person only what they may do;
 * this makes the server hold every client to it, whatever it sends.
 *
 * Facilitators (the pool's coordinators and admins: `facilitate` in the token) are not checked here:
 * they run the session, and restoring a snapshot re-posts everyone's cards under their own authors.
 * A member (`edit`) may
 *   - write in a section's text, unless the section is locked;
 *   - post a card as themselves (their id; their name, or none to stay anonymous), unmarked and not yet
 *     linked, in a section that is not locked;
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
}

export type Refusal =
  | 'facilitation'
  | 'sections'
  | 'locked-section'
  | 'card-author'
  | 'card-mark'
  | 'others-card'
  | 'card-field'
  | 'recognition'
  | 'root';

type Type = Y.AbstractType<any>;

const CARD_FIELDS = new Set<string>([
  'id',
  'section',
  'text',
  'colour',
  'authorId',
  'authorName',
  'createdAt',
  'recognisedBy',
  'mark',
  'adviceId',
  'signalId',
] satisfies (keyof Card)[]);

/** What the author of a card may change in it (outside locked sections). */
const AUTHOR_FIELDS = new Set<string>(['text', 'colour', 'section'] satisfies (keyof Card)[]);

/** Why `transaction` (on the shadow document) may not be applied for `member`, or null when it may. */
export function refusedChange(transaction: Y.Transaction, before: Y.Doc, member: Member): Refusal | null {
  for (const [type, keys] of transaction.changed) {
    const refusal = judgeType(type, keys, before, member);
    if (refusal) return refusal;
  }
  return null;
}

function judgeType(type: Type, keys: Set<string | null>, before: Y.Doc, member: Member): Refusal | null {
  // The path from the root down to `type`.
  const path: Type[] = [];
  let root = type;
  while (root._item) {
    if (root._item.deleted) return null;
    path.unshift(root);
    root = root._item.parent as Type;
  }
  const rootName = Y.findRootTypeKey(root);
  const section = sectionOfTextRoot(rootName);
  if (section !== null) return isLocked(before, section) ? 'locked-section' : null;
  if (rootName === ROOTS.facilitation) return 'facilitation';
  if (rootName === ROOTS.sections) return 'sections';
  if (rootName !== ROOTS.cards) return 'root';

  // A map's content outside its keys: nothing a board puts there.
  if (keys.has(null)) return 'card-field';
  const liveCards = before.share.get(ROOTS.cards);
  if (path.length === 0) {
    for (const key of keys as Set<string>) {
      const was = entry(liveCards, key);
      const now = entry(type, key);
      if (sameValue(was, now)) continue;
      const refusal =
        (was === undefined ? null : judgeRemoval(was, before, member)) ?? judgeNewCard(key, now, before, member);
      if (refusal) return refusal;
    }
    return null;
  }
  // Inside a card: the live document's card under the same key must be this very one (else it was
  // replaced or deleted, and the change is judged there).
  const card = livePeer(path[0]!, liveCards);
  if (!card) return 'card-field';
  if (path.length === 1) {
    for (const key of keys as Set<string>) {
      const refusal = judgeCardField(card, key, entry(card, key), entry(type, key), before, member);
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
    if (key !== member.id || (now !== undefined && now !== true)) return 'recognition';
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
  if (was.get('authorId') !== member.id) return 'others-card';
  return isLocked(before, was.get('section')) ? 'locked-section' : null;
}

function judgeNewCard(key: string, card: unknown, before: Y.Doc, member: Member): Refusal | null {
  if (card === undefined) return null;
  if (!(card instanceof Y.Map) || card.get('id') !== key) return 'card-field';
  if (card.get('authorId') !== member.id) return 'card-author';
  const name = card.get('authorName');
  if (name !== null && name !== member.name) return 'card-author';
  for (const [field, value] of card.entries()) {
    if (!CARD_FIELDS.has(field)) return 'card-field';
    if (field === 'recognisedBy') {
      if (!(value instanceof Y.Map)) return 'card-field';
      for (const [who, recognised] of value.entries())
        if (who !== member.id || recognised !== true) return 'recognition';
    } else if (value instanceof Y.AbstractType) return 'card-field';
  }
  if (card.get('mark') != null) return 'card-mark';
  if (card.get('adviceId') != null || card.get('signalId') != null) return 'card-field';
  if (typeof card.get('section') !== 'string') return 'card-field';
  return isLocked(before, card.get('section')) ? 'locked-section' : null;
}

function judgeCardField(
  card: Y.Map<unknown>,
  field: string,
  was: unknown,
  now: unknown,
  before: Y.Doc,
  member: Member,
): Refusal | null {
  if (sameValue(was, now)) return null;
  // The card becomes a signal: whoever made it links it, once (the signal itself is checked by the app).
  if (field === 'signalId') return was == null && typeof now === 'string' ? null : 'card-field';
  if (field === 'mark') return 'card-mark';
  if (field === 'authorId' || field === 'authorName') return 'card-author';
  if (!AUTHOR_FIELDS.has(field) || typeof now !== 'string') return 'card-field';
  if (card.get('authorId') !== member.id) return 'others-card';
  if (isLocked(before, card.get('section'))) return 'locked-section';
  return field === 'section' && isLocked(before, now) ? 'locked-section' : null;
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
