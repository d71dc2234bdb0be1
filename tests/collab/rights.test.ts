import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CARD_TEXT_MAX, CLOSE } from '~/boards/protocol';
import { anonymousAuthor } from '~/boards/protocol.server';
import type { Refusal } from '../../collab-server/rights';
import {
  addCard,
  announceVoting,
  cardsOf,
  docFromUpdates,
  facilitationOf,
  removeCard,
  sectionsOf,
  sectionText,
  setLocked,
  setSpotlight,
  setTimer,
  toggleRecognise,
  updateCard,
} from '~/boards/doc';
import { loadBoardState } from '~/boards/queries.server';
import { runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from '../db/database';
import {
  client,
  closeOf,
  TEST_KEY,
  createBoard,
  eventually,
  openRawSocket,
  startCollab,
  synced,
  syncMessage,
  token,
  type Client,
  type Running,
} from './harness';

/**
 * What a member's connection may change is decided by the collab-server, not by the page: a stock
 * y-websocket client with a member's token tries everything the page would not offer it. Each forbidden
 * change ends that one connection (4422, so the page starts again from the board) and reaches neither
 * the others on the board nor the stored document; the same change from a facilitator goes through.
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;
const refusals: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(
    database,
    {},
    {
      pendingGraceMs: 300,
      log: (event, fields) => {
        if (event === 'connection.closed_by_guard' && fields?.rule) refusals.push(String(fields.rule));
      },
    },
  );
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

const MIA = 'mia-0000';
const BOB = 'bob-0000';
const SAM = 'sam-0000';

/** A stock client for this test only (it leaves when the test ends, whatever the outcome). */
function onBoard(boardId: string, withToken: string): Client {
  const c = client(running.url, boardId, { token: withToken });
  onTestFinished(() => c.destroy());
  return c;
}
const member = (boardId: string, userId = MIA, name = 'Mia') =>
  onBoard(boardId, token(boardId, 'edit', userId, 600, { name }));
const facilitator = (boardId: string) => onBoard(boardId, token(boardId, 'facilitate', SAM, 600, { name: 'Samira' }));

const section = (id: string) => ({ id, title: { nl: id, en: id, ar: id }, question: { nl: '?', en: '?', ar: '?' } });
const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};
const card = (id: string, sectionId: string, authorId: string, authorName: string | null) => ({
  id,
  section: sectionId,
  text: `kaart ${id}`,
  colour: 'yellow' as const,
  authorId,
  authorName,
});

/** Everything people see on the board (map keys sorted: each document iterates them in its own order). */
const contentOf = (doc: Y.Doc) =>
  JSON.stringify(
    {
      sections: sectionsOf(doc).toJSON(),
      texts: ['open', 'later', 'closed'].map((id) => sectionText(doc, id).toString()),
      cards: cardsOf(doc).toJSON(),
      facilitation: facilitationOf(doc).toJSON(),
    },
    (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
        : value,
  );

interface Session {
  boardId: string;
  facilitator: Client;
  observer: Client;
}

/**
 * A board in session: sections `open`, `later` and `closed` (locked), a running timer and an open
 * voting round, Bob's card, an anonymous one of Bob's, and two of Mia's (one in the locked section, posted
 * anonymously in the shape from before author keys), Bob recognising Mia's card.
 * A facilitator and another member (the observer) are on it.
 */
async function session(): Promise<Session> {
  const boardId = await createBoard(database);
  const f = facilitator(boardId);
  await synced(f);
  f.doc.transact(() => {
    sectionsOf(f.doc).push([section('open'), section('later'), section('closed')]);
    sectionText(f.doc, 'open').push([paragraph('open tekst')]);
    sectionText(f.doc, 'closed').push([paragraph('vaste tekst')]);
    addCard(f.doc, card('bob-card', 'open', BOB, 'Bob'));
    addCard(f.doc, card('mia-card', 'open', MIA, 'Mia'));
    addCard(f.doc, card('mia-locked', 'closed', MIA, null));
    addCard(f.doc, card('bob-anonymous', 'open', anonymousAuthor(TEST_KEY, boardId, BOB), null));
    toggleRecognise(f.doc, 'mia-card', BOB);
    setLocked(f.doc, 'closed', true);
    setTimer(f.doc, Date.now() + 10 * 60_000);
    announceVoting(f.doc, { number: 1, open: true, revealed: false });
  });
  const observer = member(boardId, 'olga-0000', 'Olga');
  await synced(observer);
  await eventually(() => contentOf(observer.doc) === contentOf(f.doc));
  return { boardId, facilitator: f, observer };
}

/** Resolves once the server has handled everything sent before (the observer sees a later presence change). */
let ticks = 0;
async function settled({ facilitator: f, observer }: Session) {
  const tick = ++ticks;
  f.provider.awareness.setLocalStateField('tick', tick);
  await eventually(() => observer.provider.awareness.getStates().get(f.doc.clientID)?.tick === tick);
}

async function stored(boardId: string): Promise<string> {
  await running.collab.flush();
  const state = await runAsSystem(database, (tx) => loadBoardState(tx, boardId));
  return contentOf(docFromUpdates(state ? [state] : []));
}

const closedWith = (c: Client) =>
  new Promise<{ code: number; reason: string }>((resolve) => c.provider.once('closed', resolve));

/** How the server answered: it closed the sender (`closed`), or the others saw the change. */
async function answer(closed: Promise<{ code: number; reason: string }>, s: Session, before: string) {
  let answered = false;
  const seen = eventually(() => answered || contentOf(s.observer.doc) !== before, 10_000).then(
    () => 'the others saw it',
    () => 'nothing',
  );
  const result = await Promise.race([closed, seen]);
  answered = true;
  return result;
}

const CHANGES: { does: string; change: (doc: Y.Doc, boardId: string) => void; refusal: Refusal }[] = [
  { does: 'lock a section', change: (d) => setLocked(d, 'open', true), refusal: 'facilitation' },
  { does: 'unlock a section', change: (d) => setLocked(d, 'closed', false), refusal: 'facilitation' },
  { does: 'set the spotlight', change: (d) => setSpotlight(d, 'open'), refusal: 'facilitation' },
  { does: 'restart the timer', change: (d) => setTimer(d, Date.now() + 60_000), refusal: 'facilitation' },
  { does: 'stop the timer', change: (d) => setTimer(d, null), refusal: 'facilitation' },
  {
    does: 'reveal the votes',
    change: (d) => announceVoting(d, { number: 1, open: false, revealed: true }),
    refusal: 'facilitation',
  },
  { does: 'remove a section', change: (d) => sectionsOf(d).delete(2, 1), refusal: 'sections' },
  {
    does: 'mark a card as golden tip',
    change: (d) => updateCard(d, 'bob-card', { mark: 'golden_tip' }),
    refusal: 'card-mark',
  },
  {
    does: 'mark their own card as insight',
    change: (d) => updateCard(d, 'mia-card', { mark: 'insight' }),
    refusal: 'card-mark',
  },
  {
    does: 'post a card under another person’s id',
    change: (d) => addCard(d, card('as-bob', 'open', BOB, 'Mia')),
    refusal: 'card-author',
  },
  {
    does: 'post a card under another person’s name',
    change: (d) => addCard(d, card('named-bob', 'open', MIA, 'Bob')),
    refusal: 'card-author',
  },
  {
    does: 'hand their own card to another person',
    change: (d) => cardsOf(d).get('mia-card')!.set('authorId', BOB),
    refusal: 'card-author',
  },
  {
    does: 'link a card to an advice',
    change: (d) => updateCard(d, 'bob-card', { adviceId: crypto.randomUUID() }),
    refusal: 'card-field',
  },
  {
    does: 'write in a locked section',
    change: (d) => sectionText(d, 'closed').push([paragraph('stiekem erbij')]),
    refusal: 'locked-section',
  },
  {
    does: 'delete text in a locked section',
    change: (d) => sectionText(d, 'closed').delete(0, 1),
    refusal: 'locked-section',
  },
  {
    does: 'post a card in a locked section',
    change: (d) => addCard(d, card('mia-late', 'closed', MIA, 'Mia')),
    refusal: 'locked-section',
  },
  {
    does: 'delete their own card in a locked section',
    change: (d) => removeCard(d, 'mia-locked'),
    refusal: 'locked-section',
  },
  {
    does: 'move their own card into a locked section',
    change: (d) => updateCard(d, 'mia-card', { section: 'closed' }),
    refusal: 'locked-section',
  },
  {
    does: 'post an anonymous card under their own id (which would tell everyone who wrote it)',
    change: (d) => addCard(d, card('mia-anonymous', 'open', MIA, null)),
    refusal: 'card-author',
  },
  {
    does: 'post a named card under their anonymous key (which would tell who wrote their anonymous ones)',
    change: (d, boardId) => addCard(d, card('mia-named', 'open', anonymousAuthor(TEST_KEY, boardId, MIA), 'Mia')),
    refusal: 'card-author',
  },
  { does: 'delete another person’s card', change: (d) => removeCard(d, 'bob-card'), refusal: 'others-card' },
  {
    does: 'edit another person’s anonymous card',
    change: (d) => updateCard(d, 'bob-anonymous', { text: 'Iets anders' }),
    refusal: 'others-card',
  },
  {
    does: 'edit another person’s card',
    change: (d) => updateCard(d, 'bob-card', { text: 'Iets anders' }),
    refusal: 'others-card',
  },
  {
    does: 'move another person’s card',
    change: (d) => updateCard(d, 'bob-card', { section: 'later' }),
    refusal: 'others-card',
  },
  {
    does: 'replace another person’s card with their own',
    change: (d) => addCard(d, card('bob-card', 'open', MIA, 'Mia')),
    refusal: 'others-card',
  },
  {
    does: 'recognise a card in another person’s name',
    change: (d) => toggleRecognise(d, 'bob-card', BOB),
    refusal: 'recognition',
  },
  {
    does: 'take back another person’s recognition',
    change: (d) => toggleRecognise(d, 'mia-card', BOB),
    refusal: 'recognition',
  },
  {
    does: 'post their own card and lock a section in one update',
    change: (d) =>
      d.transact(() => {
        addCard(d, card('mia-new', 'open', MIA, 'Mia'));
        setLocked(d, 'open', true);
      }),
    refusal: 'facilitation',
  },
  {
    does: 'post their own card and delete another person’s in one update',
    change: (d) =>
      d.transact(() => {
        addCard(d, card('mia-new', 'open', MIA, 'Mia'));
        removeCard(d, 'bob-card');
      }),
    refusal: 'others-card',
  },
];

describe('a member’s connection', () => {
  it.each(CHANGES)('may not $does: refused, and nobody else sees it', async ({ change, refusal }) => {
    const s = await session();
    const before = contentOf(s.observer.doc);
    const mia = member(s.boardId);
    await synced(mia);
    const closed = closedWith(mia);
    change(mia.doc, s.boardId);
    expect(contentOf(mia.doc)).not.toBe(before);
    expect(await answer(closed, s, before)).toEqual(CLOSE.changeRefused);
    expect(refusals.at(-1)).toBe(refusal);
    await settled(s);
    expect(contentOf(s.observer.doc)).toBe(before);
    expect(contentOf(s.facilitator.doc)).toBe(before);
    expect(await stored(s.boardId)).toBe(before);
    // The others stay on the board and go on working.
    expect(s.observer.provider.wsconnected && s.facilitator.provider.wsconnected).toBe(true);
    setSpotlight(s.facilitator.doc, 'later');
    await eventually(() => contentOf(s.observer.doc) === contentOf(s.facilitator.doc));
  });

  it('may do what the page offers a member: text, own cards, recognising, making a signal', async () => {
    const s = await session();
    const mia = member(s.boardId);
    await synced(mia);
    const closed = closedWith(mia).then(() => 'closed');
    const steps: ((d: Y.Doc) => void)[] = [
      (d) => sectionText(d, 'open').push([paragraph('Mia typt mee')]),
      (d) => sectionText(d, 'open').delete(0, 1),
      (d) => addCard(d, card('mia-named', 'open', MIA, 'Mia')),
      (d) => addCard(d, card('mia-anonymous', 'later', anonymousAuthor(TEST_KEY, s.boardId, MIA), null)),
      (d) => updateCard(d, 'mia-named', { text: 'Beter gezegd', colour: 'blue' }),
      (d) => updateCard(d, 'mia-card', { section: 'later' }),
      (d) => updateCard(d, 'mia-anonymous', { text: 'x'.repeat(CARD_TEXT_MAX), colour: 'green' }),
      (d) => toggleRecognise(d, 'bob-card', MIA),
      (d) => toggleRecognise(d, 'mia-card', MIA),
      (d) => toggleRecognise(d, 'mia-card', MIA),
      // Making a signal of a card links it, any card, also in a locked section.
      (d) => updateCard(d, 'bob-card', { signalId: crypto.randomUUID() }),
      (d) => updateCard(d, 'mia-locked', { signalId: crypto.randomUUID() }),
      (d) => removeCard(d, 'mia-anonymous'),
    ];
    for (const step of steps) {
      const before = contentOf(s.observer.doc);
      step(mia.doc);
      expect(contentOf(mia.doc)).not.toBe(before);
      await eventually(() => contentOf(s.observer.doc) === contentOf(mia.doc));
    }
    expect(await Promise.race([closed, Promise.resolve('open')])).toBe('open');
    expect(mia.provider.wsconnected).toBe(true);
    expect(await stored(s.boardId)).toBe(contentOf(mia.doc));
  });

  it('may send an edit of their own card before the offline edits it follows: it waits for them', async () => {
    const s = await session();
    const ws = await openRaw(s.boardId, token(s.boardId, 'edit', MIA, 600, { name: 'Mia' }));
    const own = new Y.Doc();
    Y.applyUpdate(own, Y.encodeStateAsUpdate(s.observer.doc));
    const start = Y.encodeStateVector(own);
    sectionText(own, 'open').push([paragraph('offline getypt')]);
    const offline = Y.encodeStateVector(own);
    updateCard(own, 'mia-card', { text: 'Na het offline typen' });
    // The edit first: Yjs would apply its deletion of the old text at once, while the new text waits.
    ws.send(syncMessage(Y.encodeStateAsUpdate(own, offline)));
    await settled(s);
    expect(cardsOf(s.observer.doc).get('mia-card')?.get('text')).toBe('kaart mia-card');
    ws.send(syncMessage(Y.encodeStateAsUpdate(own, start)));
    await eventually(() => cardsOf(s.observer.doc).get('mia-card')?.get('text') === 'Na het offline typen');
    expect(sectionText(s.observer.doc, 'open').toString()).toContain('offline getypt');
    expect(ws.readyState).toBe(ws.OPEN);
  });

  it('may not hide a forbidden change behind a predecessor sent later', async () => {
    const s = await session();
    const ws = await openRaw(s.boardId, token(s.boardId, 'edit', MIA, 600, { name: 'Mia' }));
    const before = contentOf(s.observer.doc);
    const own = new Y.Doc();
    Y.applyUpdate(own, Y.encodeStateAsUpdate(s.observer.doc));
    const start = Y.encodeStateVector(own);
    addCard(own, card('mia-new', 'open', MIA, 'Mia'));
    const posted = Y.encodeStateVector(own);
    updateCard(own, 'mia-new', { mark: 'golden_tip' });
    const closed = closeOf(ws);
    // The mark first (it waits for its card), then the card, which alone would be fine.
    ws.send(syncMessage(Y.encodeStateAsUpdate(own, posted)));
    ws.send(syncMessage(Y.encodeStateAsUpdate(own, start)));
    expect(await answer(closed, s, before)).toEqual(CLOSE.changeRefused);
    expect(refusals.at(-1)).toBe('card-mark');
    await settled(s);
    expect(contentOf(s.observer.doc)).toBe(before);
    expect(await stored(s.boardId)).toBe(before);
  });

  it('may not change the text of another person’s card, even sent raw over the socket', async () => {
    const s = await session();
    const before = contentOf(s.observer.doc);
    const ws = await openRaw(s.boardId, token(s.boardId, 'edit', MIA, 600, { name: 'Mia' }));
    // Written straight into the card's map, as no page would: only the effect is judged.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(s.observer.doc));
    const start = Y.encodeStateVector(forged);
    cardsOf(forged).get('bob-card')!.set('text', 'Mia schreef hier overheen');
    const closed = closeOf(ws);
    ws.send(syncMessage(Y.encodeStateAsUpdate(forged, start)));
    expect(await answer(closed, s, before)).toEqual(CLOSE.changeRefused);
    expect(refusals.at(-1)).toBe('others-card');
    await settled(s);
    expect(cardsOf(s.observer.doc).get('bob-card')?.get('text')).toBe('kaart bob-card');
    expect(contentOf(s.observer.doc)).toBe(before);
    expect(await stored(s.boardId)).toBe(before);
  });

  it('lets the author and a facilitator change a card’s text, sent raw over the socket', async () => {
    const s = await session();
    const edits = [
      { who: token(s.boardId, 'edit', BOB, 600, { name: 'Bob' }), text: 'Bob zegt het beter' },
      { who: token(s.boardId, 'facilitate', SAM, 600, { name: 'Samira' }), text: 'Samira vat het samen' },
    ];
    for (const { who, text } of edits) {
      const ws = await openRaw(s.boardId, who);
      const own = new Y.Doc();
      Y.applyUpdate(own, Y.encodeStateAsUpdate(s.observer.doc));
      const start = Y.encodeStateVector(own);
      updateCard(own, 'bob-card', { text });
      ws.send(syncMessage(Y.encodeStateAsUpdate(own, start)));
      await eventually(() => cardsOf(s.observer.doc).get('bob-card')?.get('text') === text);
      expect(ws.readyState).toBe(ws.OPEN);
    }
    expect(await stored(s.boardId)).toBe(contentOf(s.observer.doc));
  });

  it('may not slip a change in under a facilitator’s client id, to be applied with the facilitator’s next edit', async () => {
    const s = await session();
    const ws = await openRaw(s.boardId, token(s.boardId, 'edit', MIA, 600, { name: 'Mia' }));
    // A document that writes as the facilitator's client: its next clock is the facilitator's next edit,
    // so a lock one clock further waits for exactly that edit.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(s.facilitator.doc));
    // (After the state: a document that receives structs of its own client id picks a new id.)
    forger.clientID = s.facilitator.doc.clientID;
    setSpotlight(forger, 'open');
    const afterGap = Y.encodeStateVector(forger);
    setLocked(forger, 'open', true);
    const closed = closeOf(ws);
    ws.send(syncMessage(Y.encodeStateAsUpdate(forger, afterGap)));
    await settled(s);
    setSpotlight(s.facilitator.doc, 'later');
    await eventually(() => facilitationOf(s.observer.doc).get('spotlight') === 'later');
    expect(facilitationOf(s.observer.doc).get('locked:open')).toBeUndefined();
    // Never applied: the member's waiting update is dropped after the grace period and the member closed.
    expect(await closed).toEqual(CLOSE.malformed);
    await settled(s);
    expect(facilitationOf(s.observer.doc).get('locked:open')).toBeUndefined();
    expect(contentOf(s.observer.doc)).toBe(contentOf(s.facilitator.doc));
    expect(await stored(s.boardId)).toBe(contentOf(s.facilitator.doc));
    expect(s.facilitator.provider.wsconnected).toBe(true);
  });
});

/**
 * Cards whose shape the page would never write. `who` is the writer's own author fields, so a member's
 * card is refused for its shape, not for its author.
 */
const SHAPES: { has: string; change: (doc: Y.Doc, who: { id: string; name: string }) => void }[] = [
  {
    has: 'a new card’s text longer than the page allows',
    change: (d, who) => addCard(d, { ...card('long', 'open', who.id, who.name), text: 'x'.repeat(CARD_TEXT_MAX + 1) }),
  },
  {
    has: 'a card’s text made longer than the page allows',
    change: (d) => updateCard(d, 'mia-card', { text: 'x'.repeat(CARD_TEXT_MAX + 1) }),
  },
  { has: 'a card’s text as a number', change: (d) => updateCard(d, 'mia-card', { text: 42 as never }) },
  {
    has: 'a new card in a colour the board does not have',
    change: (d, who) => addCard(d, { ...card('purple', 'open', who.id, who.name), colour: 'purple' as never }),
  },
  { has: 'a card recoloured to no colour', change: (d) => updateCard(d, 'mia-card', { colour: null as never }) },
  {
    has: 'a new card in a section the board does not have',
    change: (d, who) => addCard(d, card('lost', 'nowhere', who.id, who.name)),
  },
  {
    has: 'a card moved to a section the board does not have',
    change: (d) => updateCard(d, 'mia-card', { section: 'nowhere' }),
  },
  {
    has: 'a card linked to a signal id that is no id',
    change: (d) => updateCard(d, 'mia-card', { signalId: '../../admin' }),
  },
  {
    has: 'a card with a mark the board does not have',
    change: (d) => updateCard(d, 'mia-card', { mark: 'gold' as never }),
  },
  {
    has: 'a new card without one of its fields',
    change: (d, who) =>
      d.transact(() => {
        addCard(d, card('partial', 'open', who.id, who.name));
        cardsOf(d).get('partial')!.delete('createdAt');
      }),
  },
  {
    has: 'a new card with a field cards do not have',
    change: (d, who) =>
      d.transact(() => {
        addCard(d, card('extra', 'open', who.id, who.name));
        cardsOf(d).get('extra')!.set('onclick', 'alert(1)');
      }),
  },
  { has: 'a field taken out of a card', change: (d) => cardsOf(d).get('mia-card')!.delete('colour') },
  {
    has: 'a card whose id is no card id',
    change: (d, who) => addCard(d, card('<img src=x>', 'open', who.id, who.name)),
  },
];

describe('a card of the wrong shape', () => {
  const writers = [
    { writer: 'a member', join: (boardId: string) => member(boardId), who: { id: MIA, name: 'Mia' } },
    { writer: 'a facilitator', join: facilitator, who: { id: SAM, name: 'Samira' } },
  ];
  it.each(writers.flatMap((w) => SHAPES.map((shape) => ({ ...w, ...shape }))))(
    'from $writer, with $has: refused, and nobody else sees it',
    async ({ join, who, change }) => {
      const s = await session();
      const before = contentOf(s.observer.doc);
      const writer = join(s.boardId);
      await synced(writer);
      const closed = closedWith(writer);
      change(writer.doc, who);
      expect(contentOf(writer.doc)).not.toBe(before);
      expect(await answer(closed, s, before)).toEqual(CLOSE.changeRefused);
      expect(['card-value', 'card-field']).toContain(refusals.at(-1));
      await settled(s);
      expect(contentOf(s.observer.doc)).toBe(before);
      expect(await stored(s.boardId)).toBe(before);
    },
  );
});

describe('an anonymous card', () => {
  it('tells nobody on the board who wrote it: neither the user id nor a client id presence shows', async () => {
    const s = await session();
    const reader = onBoard(s.boardId, token(s.boardId, 'read', 'rita-0000', 600, { name: 'Rita' }));
    const mia = member(s.boardId);
    await Promise.all([synced(reader), synced(mia)]);
    addCard(mia.doc, card('mia-secret', 'open', anonymousAuthor(TEST_KEY, s.boardId, MIA), null));
    updateCard(mia.doc, 'mia-secret', { text: 'Beter gezegd', colour: 'blue' });
    await eventually(() => cardsOf(reader.doc).get('mia-secret')?.get('colour') === 'blue');
    // The reader knows Mia's client from her presence (the server puts her id in it), as the page shows it.
    mia.provider.awareness.setLocalStateField('user', { name: 'Mia' });
    await eventually(() => [...reader.provider.awareness.getStates().values()].some((p) => p.user?.id === MIA));
    const secret = cardsOf(reader.doc).get('mia-secret')!;
    expect(JSON.stringify(secret.toJSON())).not.toContain(MIA);
    const writers = [secret._item!.id.client, ...[...secret._map.values()].map((item) => item.id.client)];
    const present = [...reader.provider.awareness.getStates().keys()];
    expect(present).toContain(mia.doc.clientID);
    expect(writers.filter((id) => present.includes(id))).toEqual([]);
    expect(mia.provider.wsconnected).toBe(true);
  });
});

describe('a facilitator’s connection', () => {
  it.each(CHANGES)('may $does', async ({ change }) => {
    const s = await session();
    const before = contentOf(s.observer.doc);
    change(s.facilitator.doc, s.boardId);
    expect(contentOf(s.facilitator.doc)).not.toBe(before);
    await eventually(() => contentOf(s.observer.doc) === contentOf(s.facilitator.doc));
    expect(s.facilitator.provider.wsconnected).toBe(true);
    expect(await stored(s.boardId)).toBe(contentOf(s.facilitator.doc));
  });
});

async function openRaw(boardId: string, withToken: string): Promise<WebSocket> {
  const ws = await openRawSocket(running.url, boardId, { token: withToken });
  onTestFinished(() => ws.close());
  return ws;
}
