import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE, isBoardRoot } from '~/boards/protocol';
import { addCard, cardsOf, sectionText } from '~/boards/doc';
import { freshDatabase } from '../db/database';
import {
  client,
  closeOf,
  createBoard,
  eventually,
  openRawSocket,
  startCollab,
  synced,
  syncMessage,
  token,
  type Running,
} from './harness';

/**
 * Well-framed y-websocket messages whose Yjs update is junk. Each must end (or be dropped for) that
 * one connection only, and leave the live document, its clients and the update log as they were.
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let running: Running;

beforeAll(async () => {
  database = await freshDatabase();
  running = await startCollab(database, {}, { pendingGraceMs: 300 });
});
afterAll(async () => {
  await running.stop();
  await database.close();
});

const openSocket = (boardId: string) => openRawSocket(running.url, boardId, { token: token(boardId) });

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** The board's content as people see it, plus every root present. */
const contentOf = (doc: Y.Doc) =>
  JSON.stringify({
    roots: [...doc.share.keys()].sort(),
    notes: sectionText(doc, 'notes').toString(),
    cards: cardsOf(doc).toJSON(),
  });

/** The board as an instance with nothing in memory loads it from the database. */
async function loadedFromDatabase(boardId: string) {
  await running.collab.flush();
  const alone = await startCollab(database);
  const c = client(alone.url, boardId, { token: token(boardId) });
  await synced(c);
  const result = { content: contentOf(c.doc), pending: c.doc.store.pendingStructs !== null };
  c.destroy();
  await alone.stop();
  return result;
}

/** An edit built on a struct the server never receives: it waits for it forever. */
function updateWithMissingPredecessor(base: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const text = sectionText(doc, 'notes');
  const p = new Y.XmlElement('paragraph');
  text.push([p]);
  const before = Y.encodeStateVector(doc);
  p.insert(0, [new Y.XmlText('wacht op een voorganger die nooit komt')]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** A mutation of a real update that decodes but breaks while Yjs integrates it (found by search). */
function unintegrableUpdate(base: Uint8Array): Uint8Array {
  const source = new Y.Doc();
  Y.applyUpdate(source, base);
  const before = Y.encodeStateVector(source);
  const frag = sectionText(source, 'notes');
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('tekst')]);
  frag.insert(0, [p]);
  const map = new Y.Map();
  source.getMap('cards').set('x', map);
  map.set('text', 'kaart');
  const valid = Y.encodeStateAsUpdate(source, before);
  const next = random(42);
  for (let attempt = 0; attempt < 200_000; attempt++) {
    const candidate = new Uint8Array(valid);
    for (let i = 0; i < 1 + Math.floor(next() * 3); i++) {
      candidate[Math.floor(next() * candidate.length)] = Math.floor(next() * 256);
    }
    try {
      const { structs } = Y.decodeUpdate(candidate);
      // (New roots are refused earlier, for their own reason.)
      if (structs.some((s) => s instanceof Y.Item && typeof s.parent === 'string' && !isBoardRoot(s.parent))) continue;
    } catch {
      continue;
    }
    const probe = new Y.Doc();
    Y.applyUpdate(probe, base);
    try {
      Y.applyUpdate(probe, candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error('no unintegrable mutation found');
}

describe('junk inside well-formed messages', () => {
  it('never reaches the document, its clients or the update log', async () => {
    const boardId = await createBoard(database);
    const healthy = client(running.url, boardId, { token: token(boardId, 'edit', 'h', 600, { name: 'H' }) });
    await synced(healthy);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('blijft zoals het was')]);
    sectionText(healthy.doc, 'notes').push([p]);
    addCard(healthy.doc, { id: 'k1', section: 's', text: 'kaart', colour: 'yellow', authorId: 'h', authorName: 'H' });
    const watcher = client(running.url, boardId, { token: token(boardId) });
    await synced(watcher);
    await eventually(() => contentOf(watcher.doc) === contentOf(healthy.doc));
    const before = contentOf(healthy.doc);
    const base = Y.encodeStateAsUpdate(healthy.doc);
    const rejected = () => running.collab.stats().rejectedUpdates;

    // 1. Random bytes as sync step 2 and as an update: whatever they decode to, nothing changes.
    const next = random(7);
    for (let i = 0; i < 30; i++) {
      const bytes = Uint8Array.from({ length: 5 + Math.floor(next() * 200) }, () => Math.floor(next() * 256));
      const ws = await openSocket(boardId);
      const closed = closeOf(ws);
      ws.send(syncMessage(bytes, i % 2 ? syncProtocol.messageYjsUpdate : syncProtocol.messageYjsSyncStep2));
      // Then an honest query: either the server answered it (junk dropped) or it had closed.
      ws.send(Buffer.from([3]));
      await Promise.race([closed, new Promise<void>((resolve) => ws.once('message', () => resolve()))]);
      ws.close();
    }

    // 2. Bytes that decode but make Yjs throw half-way through integrating them.
    const broken = await openSocket(boardId);
    broken.send(syncMessage(unintegrableUpdate(base), syncProtocol.messageYjsUpdate));
    expect(await closeOf(broken)).toEqual(CLOSE.malformed);
    expect(rejected().unintegrable).toBeGreaterThanOrEqual(1);

    // 3. A new root type the board does not have.
    const evil = new Y.Doc();
    evil.getMap('evil').set('x', 1);
    const rooted = await openSocket(boardId);
    rooted.send(syncMessage(Y.encodeStateAsUpdate(evil), syncProtocol.messageYjsUpdate));
    expect(await closeOf(rooted)).toEqual(CLOSE.malformed);
    expect(rejected()['unexpected-root']).toBeGreaterThanOrEqual(1);

    // 4. Structs whose predecessor never comes: dropped after the grace period, sender closed.
    const waiting = await openSocket(boardId);
    waiting.send(syncMessage(updateWithMissingPredecessor(base), syncProtocol.messageYjsUpdate));
    expect(await closeOf(waiting)).toEqual(CLOSE.malformed);
    expect(rejected().unresolved).toBeGreaterThanOrEqual(1);

    // The live document, everyone on it, and a fresh load from the database: all as before.
    expect(contentOf(healthy.doc)).toBe(before);
    expect(contentOf(watcher.doc)).toBe(before);
    expect(watcher.doc.store.pendingStructs).toBeNull();
    const fresh = client(running.url, boardId, { token: token(boardId) });
    await synced(fresh);
    expect(contentOf(fresh.doc)).toBe(before);
    expect(fresh.doc.store.pendingStructs).toBeNull();
    expect(await loadedFromDatabase(boardId)).toEqual({ content: before, pending: false });

    // And the board goes on.
    addCard(healthy.doc, { id: 'k2', section: 's', text: 'daarna', colour: 'blue', authorId: 'h', authorName: 'H' });
    await eventually(() => contentOf(fresh.doc) === contentOf(healthy.doc));
    for (const c of [healthy, watcher, fresh]) c.destroy();
  });

  it('an edit that arrives before the offline edits it builds on waits for them', async () => {
    const boardId = await createBoard(database);
    const offline = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    sectionText(offline, 'notes').push([p]);
    const first = Y.encodeStateAsUpdate(offline);
    const sv = Y.encodeStateVector(offline);
    p.insert(0, [new Y.XmlText('erna getypt')]);
    const second = Y.encodeStateAsUpdate(offline, sv);
    const ws: WebSocket = await openSocket(boardId);
    ws.send(syncMessage(second, syncProtocol.messageYjsUpdate));
    ws.send(syncMessage(first, syncProtocol.messageYjsSyncStep2));
    const watcher = client(running.url, boardId, { token: token(boardId) });
    await synced(watcher);
    await eventually(() => sectionText(watcher.doc, 'notes').toString().includes('erna getypt'));
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
    watcher.destroy();
  });
});
