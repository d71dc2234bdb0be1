import { afterAll, beforeAll, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  deliverRevealedCards,
  getBrainstormState,
  openBrainstormRound,
  postPrivateCard,
  revealBrainstormRound,
} from '~/boards/brainstorm.server';
import { readCards } from '~/boards/doc';
import { anonymousAuthor } from '~/boards/protocol.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from '../db/database';
import { addPerson, client, createBoard, eventually, startCollab, synced, TEST_KEY, token, type Running } from './harness';

/**
 * A private brainstorm round (issue 22): cards posted during it are in the database only, so no
 * client of the board, a raw socket included, ever receives them before the reveal; the reveal moves
 * every one of them into the document once, and the connected clients receive them.
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database);
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

const as = (person: { id: string }) => ({ sub: person.id, email: `${person.id}@test.expertpool.nl`, role: 'authenticated' as const });

/** Everything a raw y-websocket client is sent after asking for the whole document. */
async function rawDocument(url: string, boardId: string, withToken: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}/${boardId}?token=${encodeURIComponent(withToken)}`);
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  ws.on('message', (data: ArrayBuffer) => received.push(new Uint8Array(data)));
  // Asks for the whole document, as a client that has nothing does.
  await new Promise((resolve) => ws.once('open', resolve));
  const ask = encoding.createEncoder();
  encoding.writeVarUint(ask, 0);
  syncProtocol.writeSyncStep1(ask, new Y.Doc());
  ws.send(encoding.toUint8Array(ask));
  const c = client(url, boardId, { token: withToken });
  await synced(c);
  await eventually(() => received.length >= 2);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
  c.destroy();
  ws.close();
  // The raw socket's bytes: no message may hold a private card's text.
  const bytes = Buffer.concat(received.map((r) => Buffer.from(r))).toString('utf8');
  expect(bytes).not.toContain('Geheim');
  return doc;
}

it("keeps private cards out of every client's document until the reveal, then delivers each once", async () => {
  const boardId = await createBoard(database, 'Brainstorm');
  const [memberA, memberB, coordinator] = [
    await addPerson(database, boardId),
    await addPerson(database, boardId),
    await addPerson(database, boardId, 'coordinator'),
  ];
  const a = client(running.url, boardId, { token: token(boardId, 'edit', memberA.id) });
  const b = client(running.url, boardId, { token: token(boardId, 'edit', memberB.id) });
  await Promise.all([synced(a), synced(b)]);
  const cardsBefore = readCards(b.doc).length;

  expect(await runAs(database, as(coordinator), (tx) => openBrainstormRound(tx, boardId, 5))).toBe(1);
  // A second round cannot start while this one waits for its reveal.
  expect(await runAs(database, as(coordinator), (tx) => openBrainstormRound(tx, boardId, 5))).toBeNull();
  const post = (who: { id: string }, text: string, authorName: string | null) =>
    runAs(database, as(who), (tx) => postPrivateCard(tx, boardId, { section: 'ideas', text, colour: 'pink', authorName }));
  expect(await post(memberA, 'Geheim idee van A', 'Amina')).toBe('ok');
  expect(await post(memberB, 'Geheim idee van B', null)).toBe('ok');

  // Each author sees their own card only; the coordinator only how many wait.
  const stateOf = (who: { id: string }, facilitator = false) =>
    runAs(database, as(who), (tx) => getBrainstormState(tx, boardId, facilitator));
  expect((await stateOf(memberA)).mine.map((c) => c.text)).toEqual(['Geheim idee van A']);
  expect((await stateOf(memberB)).mine.map((c) => c.text)).toEqual(['Geheim idee van B']);
  const facilitatorView = await stateOf(coordinator, true);
  expect(facilitatorView.mine).toEqual([]);
  expect(facilitatorView.waiting).toBe(2);

  await running.collab.flush();
  for (const doc of [a.doc, b.doc]) expect(readCards(doc).some((c) => c.text.startsWith('Geheim'))).toBe(false);
  const raw = await rawDocument(running.url, boardId, token(boardId, 'read'));
  expect(readCards(raw).length).toBe(cardsBefore);

  expect(await runAs(database, as(coordinator), (tx) => revealBrainstormRound(tx, boardId))).toBe(1);
  // Posting after the reveal is refused (the text stays with its author's form), never stranded.
  expect(await post(memberA, 'Geheim maar te laat', 'Amina')).toBe('closed');
  const anonymousAs = (userId: string) => anonymousAuthor(TEST_KEY, boardId, userId);
  const delivered = await runAsSystem(database, (tx) => deliverRevealedCards(tx, boardId, anonymousAs));
  expect(delivered?.cards).toBe(2);
  await running.collab.applyStoredUpdate(boardId, delivered!.update);

  const revealed = (doc: Y.Doc) => readCards(doc).filter((c) => c.text.startsWith('Geheim'));
  await eventually(() => revealed(a.doc).length === 2 && revealed(b.doc).length === 2);
  const anonymousCard = revealed(b.doc).find((c) => c.text === 'Geheim idee van B')!;
  expect(anonymousCard.authorName).toBeNull();
  expect(anonymousCard.authorId).toBe(anonymousAs(memberB.id));
  expect(revealed(b.doc).find((c) => c.text === 'Geheim idee van A')!.authorName).toBe('Amina');

  // A second reveal moves nothing and the rows are gone; a client joining later reads them from the log.
  expect(await runAs(database, as(coordinator), (tx) => revealBrainstormRound(tx, boardId))).toBeNull();
  expect(await runAsSystem(database, (tx) => deliverRevealedCards(tx, boardId, anonymousAs))).toBeNull();
  expect((await stateOf(coordinator, true)).waiting).toBe(0);
  const late = client(running.url, boardId, { token: token(boardId, 'read') });
  await synced(late);
  expect(revealed(late.doc).map((c) => c.text).sort()).toEqual(['Geheim idee van A', 'Geheim idee van B']);
  expect(revealed(a.doc)).toHaveLength(2);
  for (const c of [a, b, late]) c.destroy();
});

it('a reveal while nobody has the board open is in the document when it loads', async () => {
  const boardId = await createBoard(database, 'Leeg bord');
  const [member, coordinator] = [await addPerson(database, boardId), await addPerson(database, boardId, 'coordinator')];
  await runAs(database, as(coordinator), (tx) => openBrainstormRound(tx, boardId, 1));
  await runAs(database, as(member), (tx) =>
    postPrivateCard(tx, boardId, { section: 'wishes', text: 'Stil idee', colour: 'yellow', authorName: null }),
  );
  await runAs(database, as(coordinator), (tx) => revealBrainstormRound(tx, boardId));
  const delivered = await runAsSystem(database, (tx) => deliverRevealedCards(tx, boardId, (id) => id));
  await running.collab.applyStoredUpdate(boardId, delivered!.update);
  const c = client(running.url, boardId, { token: token(boardId, 'read') });
  await synced(c);
  expect(readCards(c.doc).filter((card) => card.text === 'Stil idee')).toHaveLength(1);
  c.destroy();
});
