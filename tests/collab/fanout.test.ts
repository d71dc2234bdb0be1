import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, sectionText } from '~/boards/doc';
import { openDatabase, type Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { freshDatabase } from '../db/database';
import { redisReachable, TEST_REDIS_URL } from '../redis';
import {
  addPerson,
  client,
  createBoard,
  eventually,
  freePort,
  spawnCollabProcess,
  startCollab,
  synced,
  TEST_SECRET,
  token,
  type Client,
  type Running,
} from './harness';

/**
 * Two collab-server instances on one database, joined by Redis fan-out. With TEST_DATABASE_URL the
 * second instance has its own connection pool (and, for the kill test, its own process); on PGlite
 * both instances share the one in-memory database in this process.
 */
const REDIS_URL = TEST_REDIS_URL;
const PREFIX = `test:collab:${randomUUID()}:`;

const redisUp = await redisReachable();
if (!redisUp) console.warn(`SKIPPED: Redis is not reachable at ${REDIS_URL}; the fan-out tests need it.`);

let database: Awaited<ReturnType<typeof freshDatabase>>;
let second: Database;
const running: Running[] = [];

async function instance(db: Database, extra: { prefix?: string; flushDelayMs?: number } = {}) {
  const started = await startCollab(
    db,
    { flushDelayMs: extra.flushDelayMs ?? 25 },
    { fanout: { url: REDIS_URL, prefix: extra.prefix ?? PREFIX } },
  );
  running.push(started);
  await started.collab.fanoutReady();
  return started;
}

const paragraph = (doc: Y.Doc, section: string, text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  sectionText(doc, section).push([p]);
};

const rowsOf = (boardId: string) =>
  runAsSystem(database, async (tx) => {
    const row = await tx
      .selectFrom('board_updates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('board_id', '=', boardId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });

/** The board as a server loads it from the database alone (an instance without fan-out). */
async function fromDatabase(boardId: string): Promise<Y.Doc> {
  const alone = await startCollab(database);
  const c = client(alone.url, boardId, { token: token(boardId) });
  await synced(c);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
  c.destroy();
  await alone.stop();
  return doc;
}

// Skipped only without a Redis server (npm test and CI have one): the fan-out under test is Redis pub/sub.
describe.skipIf(!redisUp)('Redis fan-out between two collab-server instances', () => {
  beforeAll(async () => {
    database = await freshDatabase();
    second = database.url ? await openDatabase({ url: database.url }) : database;
  });
  afterAll(async () => {
    for (const r of running) await r.stop().catch(() => undefined);
    if (second !== database) await second.close();
    await database.close();
  });

  it('clients on different instances converge on concurrent rich-text edits and see each other', async () => {
    const [a1, b1] = [await instance(database), await instance(second)];
    const boardId = await createBoard(database);
    const amira = randomUUID();
    const bram = randomUUID();
    const a = client(a1.url, boardId, { token: token(boardId, 'edit', amira, 600, { name: 'Amira' }) });
    const b = client(b1.url, boardId, { token: token(boardId, 'edit', bram, 600, { name: 'Bram' }) });
    await Promise.all([synced(a), synced(b)]);

    paragraph(a.doc, 'notes', 'gedeeld');
    await eventually(() => sectionText(b.doc, 'notes').length === 1);
    const shared = (doc: Y.Doc) => (sectionText(doc, 'notes').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // Both type into the same paragraph and add paragraphs at the same time.
    for (let i = 0; i < 20; i++) {
      shared(a.doc).insert(0, `a${i} `);
      shared(b.doc).insert(shared(b.doc).length, ` b${i}`);
      paragraph(a.doc, 'notes', `van a ${i}`);
      paragraph(b.doc, 'notes', `van b ${i}`);
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => sectionText(a.doc, 'notes').toString() === sectionText(b.doc, 'notes').toString());
    const text = sectionText(a.doc, 'notes').toString();
    for (let i = 0; i < 20; i++) {
      for (const part of [`a${i} `, ` b${i}`, `van a ${i}<`, `van b ${i}<`]) expect(text).toContain(part);
    }
    expect(sectionText(a.doc, 'notes').length).toBe(41);

    // Presence crosses instances too, under the token's name, and leaves when the client does.
    a.provider.awareness.setLocalStateField('user', { id: amira, name: 'Amira', color: '#0b5cad' });
    b.provider.awareness.setLocalStateField('user', { id: bram, name: 'Bram', color: '#a4161a' });
    const userOf = (c: Client, clientId: number) =>
      (c.provider.awareness.getStates().get(clientId) as { user?: { id: string; name: string } } | undefined)?.user;
    await eventually(() => userOf(b, a.doc.clientID)?.name === 'Amira' && userOf(a, b.doc.clientID)?.name === 'Bram');
    expect(userOf(b, a.doc.clientID)?.id).toBe(amira);

    // Both instances wrote their own clients' edits; the database alone has everything.
    const expected = sectionText(a.doc, 'notes').toString();
    await Promise.all([a1.collab.flush(), b1.collab.flush()]);
    a.destroy();
    await eventually(() => !b.provider.awareness.getStates().has(a.doc.clientID));
    await eventually(() => a1.collab.stats().documents === 0);
    const loaded = await fromDatabase(boardId);
    expect(sectionText(loaded, 'notes').toString()).toBe(expected);
    b.destroy();
  });

  it('an instance opening a board catches up with edits another instance has not written yet', async () => {
    // A writes only after a minute: its edits are in its memory, not in the database.
    const a1 = await instance(database, { flushDelayMs: 60_000 });
    const b1 = await instance(second);
    const boardId = await createBoard(database);
    const a = client(a1.url, boardId, { token: token(boardId, 'edit', 'a', 600, { name: 'A' }) });
    await synced(a);
    addCard(a.doc, {
      id: 'alleen-in-a',
      section: 's',
      text: 'nog niet opgeslagen',
      colour: 'pink',
      authorId: 'a',
      authorName: 'A',
    });
    paragraph(a.doc, 'notes', 'ook nog niet');
    expect(await rowsOf(boardId)).toBe(0);

    const b = client(b1.url, boardId, { token: token(boardId) });
    await synced(b);
    await eventually(() => readCards(b.doc).some((card) => card.id === 'alleen-in-a'));
    await eventually(() => sectionText(b.doc, 'notes').toString() === sectionText(a.doc, 'notes').toString());
    a.destroy();
    b.destroy();
  });

  it('compaction by one instance keeps the rows another instance wrote that it never received', async () => {
    // Separate channels: B misses everything A publishes (as during a Redis outage).
    const a1 = await instance(database, { prefix: `${PREFIX}a:` });
    const b1 = await instance(second, { prefix: `${PREFIX}b:` });
    const boardId = await createBoard(database);
    const b = client(b1.url, boardId, { token: token(boardId, 'edit', 'b', 600, { name: 'B' }) });
    await synced(b);
    const a = client(a1.url, boardId, { token: token(boardId, 'edit', 'a', 600, { name: 'A' }) });
    await synced(a);
    addCard(a.doc, { id: 'van-a', section: 's', text: 'A', colour: 'blue', authorId: 'a', authorName: 'A' });
    addCard(b.doc, { id: 'van-b', section: 's', text: 'B', colour: 'green', authorId: 'b', authorName: 'B' });
    // A has written its card to the log.
    await eventually(async () => (await rowsOf(boardId)) >= 2);
    expect(readCards(b.doc).map((c) => c.id)).toEqual(['van-b']);
    // B's last client leaves: B compacts the board with a state that lacks A's card.
    b.destroy();
    await eventually(() => b1.collab.stats().documents === 0);
    await eventually(async () => (await rowsOf(boardId)) === 0);
    const loaded = await fromDatabase(boardId);
    expect(
      readCards(loaded)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['van-a', 'van-b']);
    a.destroy();
  });

  it('healthz reports the fan-out connection and its channels', async () => {
    const a1 = await instance(database);
    const boardId = await createBoard(database);
    const a = client(a1.url, boardId, { token: token(boardId) });
    await synced(a);
    const body = (await (await fetch(`http://127.0.0.1:${a1.port}/collab/healthz`)).json()) as {
      fanout: { connected: boolean; channels: number };
    };
    expect(body.fanout.connected).toBe(true);
    expect(body.fanout.channels).toBe(1);
    a.destroy();
  });
});

// Skipped only without a Redis server (npm test and CI have one): the fan-out under test is Redis pub/sub.
describe.skipIf(!redisUp)('a collab-server instance killed and started again', () => {
  let child: ChildProcess | null = null;
  let databaseForKill: Awaited<ReturnType<typeof freshDatabase>>;
  const others: Running[] = [];

  beforeAll(async () => {
    databaseForKill = await freshDatabase();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    for (const r of others) await r.stop().catch(() => undefined);
    await databaseForKill.close();
  });

  /**
   * Instance B: with a Postgres server a separate process (killed with SIGKILL); on PGlite, which one
   * process owns, an in-process instance that is stopped.
   */
  async function startB(): Promise<{ url: string; kill: () => Promise<void> }> {
    if (databaseForKill.url) {
      const port = await freePort();
      child = await spawnServer(port, databaseForKill.url);
      const proc = child;
      return {
        url: `ws://127.0.0.1:${port}/collab`,
        kill: async () => {
          proc.kill('SIGKILL');
          await new Promise((resolve) => proc.once('exit', resolve));
        },
      };
    }
    const b1 = await startCollab(databaseForKill, {}, { fanout: { url: REDIS_URL, prefix: PREFIX } });
    await b1.collab.fanoutReady();
    return { url: b1.url, kill: () => b1.stop() };
  }

  it('catches up with what happened meanwhile, and takes back what its client kept', async () => {
    // A writes only after a minute: what happened while B was down is in A's memory alone.
    const a1 = await startCollab(
      databaseForKill,
      { flushDelayMs: 60_000 },
      { fanout: { url: REDIS_URL, prefix: PREFIX } },
    );
    others.push(a1);
    await a1.collab.fanoutReady();
    const boardId = await createBoard(databaseForKill);
    // On a Postgres server B is `npm run collab`, which asks the database about each token's holder.
    const [bram, carla] = [await addPerson(databaseForKill, boardId), await addPerson(databaseForKill, boardId)];
    let b1 = await startB();
    const a = client(a1.url, boardId, { token: token(boardId) });
    const b = client(b1.url, boardId, { token: token(boardId, 'edit', bram.id, 600, { name: 'B' }) });
    await Promise.all([synced(a), synced(b)]);
    paragraph(a.doc, 'notes', 'voor de crash');
    await eventually(() => sectionText(b.doc, 'notes').length === 1);

    await b1.kill();
    await eventually(() => !b.provider.wsconnected);
    // While B is down: A's client goes on; B's client goes on offline.
    paragraph(a.doc, 'notes', 'tijdens de crash (a)');
    addCard(b.doc, {
      id: 'offline-b',
      section: 's',
      text: 'offline',
      colour: 'yellow',
      authorId: bram.id,
      authorName: 'B',
    });

    b1 = await startB();
    b.provider.serverUrl = b1.url;
    await eventually(() => b.provider.synced, 20_000);
    await eventually(() => readCards(a.doc).some((card) => card.id === 'offline-b'), 10_000);
    await eventually(() => sectionText(b.doc, 'notes').toString() === sectionText(a.doc, 'notes').toString());
    expect(sectionText(b.doc, 'notes').toString()).toContain('tijdens de crash (a)');

    // A fresh client on the restarted instance gets all of it.
    const c = client(b1.url, boardId, { token: token(boardId, 'edit', carla.id) });
    await synced(c);
    await eventually(() => readCards(c.doc).some((card) => card.id === 'offline-b'));
    await eventually(() => sectionText(c.doc, 'notes').length === 2);
    a.destroy();
    b.destroy();
    c.destroy();
    await b1.kill();
  }, 120_000);
});

function spawnServer(port: number, databaseUrl: string): Promise<ChildProcess> {
  return spawnCollabProcess(port, {
    SESSION_SECRET: TEST_SECRET,
    DATABASE_URL: databaseUrl,
    SEED_DEMO: '0',
    REDIS_URL,
    COLLAB_REDIS_PREFIX: PREFIX,
  });
}
