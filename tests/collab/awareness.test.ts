import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { freshDatabase } from '../db/database';
import {
  client,
  createBoard,
  eventually,
  rawSocket,
  startCollab,
  synced,
  token,
  type Client,
  type Running,
} from './harness';

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

type User = { id?: string; name?: string; color?: string };
const userOf = (c: Client, clientId: number) =>
  (c.provider.awareness.getStates().get(clientId) as { user?: User } | undefined)?.user;

/** One awareness message as the stock provider frames it: [1, update]. */
function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

async function open(ws: WebSocket) {
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
}

describe('presence (awareness) speaks only for the token’s owner', () => {
  it('a client announcing another name or id is shown under its token’s identity', async () => {
    const boardId = await createBoard(database);
    const mallory = randomUUID();
    const liar = client(running.url, boardId, {
      token: token(boardId, 'edit', mallory, 600, { name: 'Mallory', colour: '#0b5cad' }),
    });
    const observer = client(running.url, boardId, { token: token(boardId) });
    await Promise.all([synced(liar), synced(observer)]);
    const before = running.collab.stats().awareness.rewritten;
    liar.provider.awareness.setLocalStateField('user', { id: randomUUID(), name: 'De voorzitter', color: '#ff0000' });
    await eventually(() => userOf(observer, liar.doc.clientID) !== undefined);
    expect(userOf(observer, liar.doc.clientID)).toEqual({ id: mallory, name: 'Mallory', color: '#0b5cad' });
    expect(running.collab.stats().awareness.rewritten).toBeGreaterThan(before);
    liar.destroy();
    observer.destroy();
  });

  it('a raw client cannot change or remove the presence of another connection’s clientID', async () => {
    const boardId = await createBoard(database);
    const vera = randomUUID();
    const victim = client(running.url, boardId, { token: token(boardId, 'edit', vera, 600, { name: 'Vera' }) });
    const observer = client(running.url, boardId, { token: token(boardId) });
    await Promise.all([synced(victim), synced(observer)]);
    victim.provider.awareness.setLocalStateField('user', { id: vera, name: 'Vera', color: '#1e6b34' });
    await eventually(() => userOf(observer, victim.doc.clientID)?.name === 'Vera');

    const mallory = randomUUID();
    const raw = rawSocket(running.url, boardId, { token: token(boardId, 'edit', mallory, 600, { name: 'Mallory' }) });
    await open(raw);
    const forgedBefore = running.collab.stats().awareness.forged;
    // Take over Vera's clientID with a newer clock, then remove her: both dropped.
    raw.send(
      awarenessMessage([
        { clientId: victim.doc.clientID, clock: 1000, state: { user: { id: mallory, name: 'Vera (echt!)' } } },
      ]),
    );
    raw.send(awarenessMessage([{ clientId: victim.doc.clientID, clock: 1001, state: null }]));
    // Its own clientID is fine (under its own name); arriving after the forged ones, it shows they were handled.
    const own = 987654321;
    raw.send(awarenessMessage([{ clientId: own, clock: 1, state: { user: { id: vera, name: 'Vera' } } }]));
    await eventually(() => userOf(observer, own) !== undefined);
    expect(userOf(observer, own)).toMatchObject({ id: mallory, name: 'Mallory' });
    expect(userOf(observer, victim.doc.clientID)).toEqual({ id: vera, name: 'Vera', color: '#1e6b34' });
    expect(running.collab.stats().awareness.forged).toBe(forgedBefore + 2);
    // Dropped, not closed: a confused client keeps its connection.
    expect(raw.readyState).toBe(raw.OPEN);

    // When the raw client leaves, its own presence goes, Vera's stays.
    raw.close();
    await eventually(() => userOf(observer, own) === undefined);
    expect(userOf(observer, victim.doc.clientID)?.name).toBe('Vera');
    victim.destroy();
    observer.destroy();
  });

  it('someone who leaves and comes back with the same clientID is shown again (echoes claim nothing)', async () => {
    const boardId = await createBoard(database);
    const rosa = randomUUID();
    const rosaClient = client(running.url, boardId, { token: token(boardId, 'edit', rosa, 600, { name: 'Rosa' }) });
    const observers = [0, 1].map(() => client(running.url, boardId, { token: token(boardId) }));
    await Promise.all([synced(rosaClient), ...observers.map(synced)]);
    rosaClient.provider.awareness.setLocalStateField('user', { id: rosa, name: 'Rosa' });
    await eventually(() => observers.every((o) => userOf(o, rosaClient.doc.clientID)?.name === 'Rosa'));
    const forgedBefore = running.collab.stats().awareness.forged;
    rosaClient.provider.disconnect();
    await eventually(() => observers.every((o) => userOf(o, rosaClient.doc.clientID) === undefined));
    rosaClient.provider.connect();
    await synced(rosaClient);
    // Her first state after reconnecting has the clock the server already saw (the stock protocol
    // ignores it until the next change or the 15 s renewal); her next change shows her again.
    rosaClient.provider.awareness.setLocalStateField('cursor', { at: 1 });
    await eventually(() => observers.every((o) => userOf(o, rosaClient.doc.clientID)?.name === 'Rosa'));
    expect(running.collab.stats().awareness.forged).toBe(forgedBefore);
    rosaClient.destroy();
    for (const o of observers) o.destroy();
  });

  it('a second tab of the same person may take over its clientID (a reconnect)', async () => {
    const boardId = await createBoard(database);
    const sam = randomUUID();
    const first = rawSocket(running.url, boardId, { token: token(boardId, 'edit', sam, 600, { name: 'Sam' }) });
    const second = rawSocket(running.url, boardId, { token: token(boardId, 'edit', sam, 600, { name: 'Sam' }) });
    const observer = client(running.url, boardId, { token: token(boardId) });
    await Promise.all([open(first), open(second), synced(observer)]);
    const id = 123456;
    first.send(awarenessMessage([{ clientId: id, clock: 1, state: { user: { id: sam, name: 'Sam' }, cursor: 1 } }]));
    await eventually(() => userOf(observer, id) !== undefined);
    second.send(awarenessMessage([{ clientId: id, clock: 2, state: { user: { id: sam, name: 'Sam' }, cursor: 2 } }]));
    await eventually(
      () => (observer.provider.awareness.getStates().get(id) as { cursor?: number } | undefined)?.cursor === 2,
    );
    // The first connection closing no longer removes what the second one owns.
    first.close();
    await new Promise((resolve) => first.once('close', resolve));
    second.send(awarenessMessage([{ clientId: id, clock: 3, state: { user: { id: sam, name: 'Sam' }, cursor: 3 } }]));
    await eventually(
      () => (observer.provider.awareness.getStates().get(id) as { cursor?: number } | undefined)?.cursor === 3,
    );
    second.close();
    observer.destroy();
  });
});
