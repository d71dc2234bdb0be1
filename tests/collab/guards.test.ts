import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '~/boards/protocol';
import { addCard, readCards } from '~/boards/doc';
import { freshDatabase } from '../db/database';
import {
  client,
  closeOf,
  createBoard,
  eventually,
  openRawSocket,
  rawSocket,
  startCollab,
  synced,
  syncMessage,
  token,
  type Running,
} from './harness';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

const LIMITS = {
  maxMessageBytes: 64 * 1024,
  maxDocumentBytes: 256 * 1024,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxConnectionsPerBoard: 4,
  maxConnectionsPerUser: 3,
};

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database, LIMITS);
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

const openSocket = (boardId: string, userId?: string) =>
  openRawSocket(running.url, boardId, { token: token(boardId, 'edit', userId) });

/** A healthy editor on the board, to show that a guard ends only the offending connection. */
async function bystander(boardId: string) {
  const c = client(running.url, boardId, { token: token(boardId, 'edit', 'b', 600, { name: 'B' }) });
  await synced(c);
  addCard(c.doc, { id: 'keep', section: 's', text: 'blijft staan', colour: 'green', authorId: 'b', authorName: 'B' });
  return c;
}

async function stillWorks(boardId: string, c: ReturnType<typeof client>, id: string) {
  addCard(c.doc, { id, section: 's', text: 'daarna', colour: 'yellow', authorId: 'b', authorName: 'B' });
  const fresh = client(running.url, boardId, { token: token(boardId) });
  await synced(fresh);
  await eventually(() => readCards(fresh.doc).some((card) => card.id === id));
  expect(
    readCards(fresh.doc)
      .map((card) => card.id)
      .sort(),
  ).toEqual(['keep', id].sort());
  fresh.destroy();
}

describe('malformed messages', () => {
  it('random bytes, a truncated update and a text frame each close only that connection', async () => {
    const boardId = await createBoard(database);
    const healthy = await bystander(boardId);

    const garbage = await openSocket(boardId);
    garbage.send(Buffer.from([0, 2, 250, 255, 255, 255, 255, 1, 2, 3]));
    expect(await closeOf(garbage)).toEqual(CLOSE.malformed);

    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(200));
    const full = syncMessage(Y.encodeStateAsUpdate(doc));
    const truncated = await openSocket(boardId);
    truncated.send(full.subarray(0, full.length - 150));
    expect(await closeOf(truncated)).toEqual(CLOSE.malformed);

    const text = await openSocket(boardId);
    text.send('hello');
    expect(await closeOf(text)).toEqual(CLOSE.malformed);

    const unknownType = await openSocket(boardId);
    unknownType.send(Buffer.from([9, 9, 9]));
    expect(await closeOf(unknownType)).toEqual(CLOSE.malformed);

    await stillWorks(boardId, healthy, 'after-malformed');
    healthy.destroy();
  });
});

describe('size guards', () => {
  it('a message larger than the maximum closes the connection with 1009', async () => {
    const boardId = await createBoard(database);
    const ws = await openSocket(boardId);
    ws.send(Buffer.alloc(LIMITS.maxMessageBytes + 1, 1));
    expect((await closeOf(ws)).code).toBe(1009);
  });

  it('an edit that would make the document too large is refused and closes that connection', async () => {
    const boardId = await createBoard(database);
    const healthy = await bystander(boardId);
    const ws = await openSocket(boardId);
    // Several messages under the message limit that together pass the document limit.
    let closed: { code: number; reason: string } | null = null;
    void closeOf(ws).then((c) => (closed = c));
    for (let i = 0; i < 8 && !closed; i++) {
      const doc = new Y.Doc();
      doc.getText(`text:big-${i}`).insert(0, 'y'.repeat(50 * 1024));
      ws.send(syncMessage(Y.encodeStateAsUpdate(doc)));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => closed !== null);
    expect(closed).toEqual(CLOSE.docTooLarge);
    await stillWorks(boardId, healthy, 'after-big');
    healthy.destroy();
  });
});

describe('flood and connection guards', () => {
  it('a connection sending faster than its budget is closed', async () => {
    const boardId = await createBoard(database);
    const ws = await openSocket(boardId);
    const closing = closeOf(ws);
    const queryAwareness = Buffer.from([3]);
    for (let i = 0; i < 500 && ws.readyState === ws.OPEN; i++) ws.send(queryAwareness);
    expect(await closing).toEqual(CLOSE.rateLimited);
    expect(running.collab.stats().closedByGuards['rate-limited']).toBeGreaterThanOrEqual(1);
  });

  it('refuses more connections per board and per user than allowed', async () => {
    const boardId = await createBoard(database);
    const user = crypto.randomUUID();
    const sockets = await Promise.all([
      openSocket(boardId, user),
      openSocket(boardId, user),
      openSocket(boardId, user),
    ]);
    const fourthOfUser = rawSocket(running.url, boardId, { token: token(boardId, 'edit', user) });
    expect(await closeOf(fourthOfUser)).toEqual(CLOSE.tooManyConnections);

    sockets.push(await openSocket(boardId));
    const fifthOnBoard = rawSocket(running.url, boardId, { token: token(boardId) });
    expect(await closeOf(fifthOnBoard)).toEqual(CLOSE.tooManyConnections);
    for (const ws of sockets) ws.close();
  });
});

describe('health', () => {
  it('reports open documents, connections and persistence lag', async () => {
    const boardId = await createBoard(database);
    const c = client(running.url, boardId, { token: token(boardId) });
    await synced(c);
    const response = await fetch(`http://127.0.0.1:${running.port}/collab/healthz`);
    const body = (await response.json()) as {
      ok: boolean;
      documents: number;
      connections: number;
      persistence: { lagMs: number };
    };
    expect(response.status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.documents).toBeGreaterThanOrEqual(1);
    expect(body.connections).toBeGreaterThanOrEqual(1);
    expect(typeof body.persistence.lagMs).toBe('number');
    c.destroy();
  });
});
