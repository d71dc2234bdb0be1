import * as Y from 'yjs';

/**
 * What the app, the board page and the collab-server agree on, and nothing else: who may do what
 * (permissions, the token's claims), how a refused connection is closed, and the document shape the
 * server enforces (its roots and what a card may hold). Browser-safe: the board page imports it too.
 * The token's signing lives beside it in `protocol.server.ts` (Node's crypto stays out of the browser).
 * The collab-server imports nothing else of app/boards.
 */

// Permissions and the token's claims ----------------------------------------------------------------

/** `facilitate`: may change anything on the board; `edit`: what a member may (collab-server/rights.ts); `read`: nothing. */
export type BoardPermission = 'facilitate' | 'edit' | 'read';
export const BOARD_PERMISSIONS: readonly BoardPermission[] = ['facilitate', 'edit', 'read'];

/** The name for what `private.can_facilitate_board` and `private.can_edit_board` said of a visible board. */
export function boardPermission(can: { can_facilitate: boolean; can_edit: boolean }): BoardPermission {
  return can.can_facilitate ? 'facilitate' : can.can_edit ? 'edit' : 'read';
}

export interface BoardTokenClaims {
  /** user id */
  sub: string;
  /** board id */
  board: string;
  perm: BoardPermission;
  /** expiry, seconds since the epoch */
  exp: number;
  /** display name and colour: the identity the server enforces in this user's presence (awareness) */
  name?: string;
  colour?: string;
  /**
   * The sign-in session the token was issued in (local auth): once that session ends (sign-out, a new
   * password, a closed account, a role taken away) the token opens nothing and open connections close.
   */
  sid?: string;
}

// Close codes ---------------------------------------------------------------------------------------

/** Close codes a refused or guarded connection ends with (4400–4499: the client should not retry as is). */
export const CLOSE = {
  malformed: { code: 4400, reason: 'malformed-message' },
  tokenMissing: { code: 4401, reason: 'token-missing' },
  tokenInvalid: { code: 4403, reason: 'token-invalid' },
  boardNotFound: { code: 4404, reason: 'board-not-found' },
  tokenOtherBoard: { code: 4409, reason: 'token-other-board' },
  tokenExpired: { code: 4410, reason: 'token-expired' },
  docTooLarge: { code: 4413, reason: 'document-too-large' },
  // What the token granted was taken away (session ended, access lost or narrowed): the page reloads.
  rightsChanged: { code: 4412, reason: 'rights-changed' },
  // The client's copy now holds a change the board refused: the page starts again from the server's state.
  changeRefused: { code: 4422, reason: 'change-refused' },
  rateLimited: { code: 4429, reason: 'rate-limited' },
  // 45xx: "try again later"; the stock provider reconnects with backoff.
  tooManyConnections: { code: 4503, reason: 'too-many-connections' },
  shuttingDown: { code: 4504, reason: 'server-restarting' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

// The document's roots ------------------------------------------------------------------------------

/**
 * Everything a board holds lives in one Y.Doc:
 *   sections        Y.Array<SectionInfo>         the board's sections, in order
 *   text:<section>  Y.XmlFragment                the section's rich text (tiptap Collaboration)
 *   cards           Y.Map<Y.Map>                 sticky cards by id
 *   facilitation    Y.Map                        spotlight, timer, locks, voting signal
 * An update may add no other root (`isBoardRoot`). Older documents may still hold a `votes` map: it is
 * ignored, and no update may add to it.
 */
export const ROOTS = { sections: 'sections', cards: 'cards', facilitation: 'facilitation' } as const;
const TEXT_PREFIX = 'text:';
const LOCK_PREFIX = 'locked:';
const BOARD_ROOTS = new Set<string>(Object.values(ROOTS));

/** The root holding a section's rich text. */
export const textRoot = (sectionId: string) => `${TEXT_PREFIX}${sectionId}`;

/** The section whose text a root holds, or null when the root is not a section's text. */
export const sectionOfTextRoot = (rootName: string): string | null =>
  rootName.startsWith(TEXT_PREFIX) ? rootName.slice(TEXT_PREFIX.length) : null;

/** Whether a root name is one a board has (add new document roots here). */
export const isBoardRoot = (name: string) => BOARD_ROOTS.has(name) || /^text:[\w-]{1,100}$/.test(name);

/** The facilitation key that locks a section: then only facilitators change its text and cards. */
export const lockKey = (sectionId: string) => `${LOCK_PREFIX}${sectionId}`;

/** The section a facilitation key locks, or null when the key is no lock. */
export const sectionOfLockKey = (key: string): string | null =>
  key.startsWith(LOCK_PREFIX) ? key.slice(LOCK_PREFIX.length) : null;

/**
 * The presence (awareness) field in which a facilitator's page says which section their view is on, for
 * members who follow them (`FollowFacilitator`). The collab-server removes it from anyone else's
 * presence (collab-server/awareness.ts), so a member cannot pose as the one to follow.
 */
export const FACILITATING = 'facilitating';

export interface Facilitating {
  section: string | null;
}

// Cards ---------------------------------------------------------------------------------------------

export const CARD_COLOURS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];
export const CARD_MARKS = ['insight', 'golden_tip'] as const;
export type CardMark = (typeof CARD_MARKS)[number];
/** The longest card text the page lets one type (and the collab-server lets anyone store). */
export const CARD_TEXT_MAX = 500;
/** Cards are named by a uuid (or `starter-N` on a template). */
export const CARD_ID = /^[A-Za-z0-9_-]{1,80}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Card {
  id: string;
  section: string;
  text: string;
  colour: CardColour;
  /**
   * Who may change the card: the author's user id, or for an anonymous card the author's pseudonym on
   * this board (`anonymousAuthor` in protocol.server.ts), which only the server and the author can
   * tie to the person. Cards posted anonymously before the pseudonym hold the user id.
   */
  authorId: string;
  /** null when the card was posted anonymously */
  authorName: string | null;
  createdAt: number;
  recognisedBy: string[];
  mark: CardMark | null;
  adviceId: string | null;
  /** The signal this card was turned into (issue 8), for the link on the card. */
  signalId: string | null;
}

type CardValueField = Exclude<keyof Card, 'recognisedBy'>;
const nullable = (valid: (value: unknown) => boolean) => (value: unknown) => value === null || valid(value);
const text = (max: number) => (value: unknown) => typeof value === 'string' && value.length <= max;

/**
 * What each plain field of a card may hold, whoever wrote it: any client can put anything into the
 * document, so the collab-server holds every update to this (collab-server/rights.ts) and the page to
 * the same limits. `section` must also name one of the board's sections; `recognisedBy` is a Y.Map of
 * user id → true.
 */
export const CARD_VALUES: Record<CardValueField, (value: unknown) => boolean> = {
  id: (value) => typeof value === 'string' && CARD_ID.test(value),
  section: text(100),
  text: text(CARD_TEXT_MAX),
  colour: (value) => (CARD_COLOURS as readonly unknown[]).includes(value),
  authorId: text(100),
  authorName: nullable(text(200)),
  createdAt: (value) => typeof value === 'number' && Number.isFinite(value),
  mark: nullable((value) => (CARD_MARKS as readonly unknown[]).includes(value)),
  adviceId: nullable((value) => typeof value === 'string' && UUID.test(value)),
  signalId: nullable((value) => typeof value === 'string' && UUID.test(value)),
};

/**
 * Which section a change touched, for the board's history: a section's text, a card (by its section),
 * or the board as a whole (sections list, facilitation).
 */
export function sectionsTouched(transaction: Y.Transaction): Set<string> {
  const touched = new Set<string>();
  const doc = transaction.doc;
  const names = new Map<Y.AbstractType<any>, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  for (const [changedType, keys] of transaction.changed) {
    let type: Y.AbstractType<any> = changedType;
    let child: Y.AbstractType<any> | null = null;
    while (type._item) {
      child = type;
      type = type._item.parent as Y.AbstractType<any>;
    }
    const name = names.get(type) ?? '';
    const section = sectionOfTextRoot(name);
    if (section !== null) touched.add(section);
    else if (name === ROOTS.cards) {
      if (child instanceof Y.Map) touched.add(String(child.get('section') ?? 'board'));
      else
        for (const key of keys) {
          const card = doc.getMap<Y.Map<unknown>>(ROOTS.cards).get(key ?? '');
          touched.add(card ? String(card.get('section')) : 'board');
        }
    } else touched.add('board');
  }
  return touched;
}
