import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import path from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import { deriveTokenKey } from '~/boards/protocol.server';
import { mountCollab } from '../../collab-server/http';
import { BoardPersistence } from '../../collab-server/persistence';
import { createCollabServer } from '../../collab-server/server';
import {
  awarenessMessage,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from '../../collab-server/wire';
import { openDatabase, type Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { adminQuery, createDatabase } from '../db/admin-query';
import { BENCH_SECRET, migrateWithBoards } from './collab-clients';

/**
 * One benchmark server in its own process:
 * - `ours-pglite`: our collab-server, embedded configuration (no DATABASE_URL: PGlite, in memory here,
 *   in a worker thread as `startDatabase` opens it);
 * - `ours-pglite-inprocess`: an experiment only: PGlite on the server's own event loop (PGLITE_WORKER=0);
 * - `ours-postgres`: our collab-server, production configuration (standalone, DATABASE_URL = a fresh
 *   database on the Postgres server given by BENCH_DATABASE_URL);
 * - `ours-nopersist`: an experiment only (PGlite, but nothing is ever queued for writing); never reported;
 * - `ywss` (@y/websocket-server) and `hocuspocus` (@hocuspocus/server), both without persistence;
 * - `floor`: no product but a bound, raced in every G2 run: the least a Yjs relay can do (`startFloor`),
 *   to tell how much of a latency any server can change at all.
 *
 * For several instances of ours on one database (bench:collab-scale): BENCH_SHARED_DATABASE_URL (migrated,
 * kept after), BENCH_BOARD_IDS (the boards' ids, comma separated, already in it) and BENCH_REDIS_URL with
 * BENCH_REDIS_PREFIX (Redis fan-out between the instances). For a restart on the same data (G9):
 * `ours-pglite` with BENCH_PGLITE_DIR (an on-disk PGlite, migrated, kept after), BENCH_BOARD_IDS as above; the
 * peers with BENCH_BOARD_IDS take those names again. What a server reads about its boards and data has
 * names of its own, so a benchmark's settings left in the shell (collab-scale's BENCH_BOARDS, a count;
 * bench:site's BENCH_DATA_DIR) never reach it through the inherited environment.
 *
 * For the capacity goals (tests/bench/collab-goals.ts): BENCH_HEAP=1 (every 'stats' answer runs a full GC
 * first, so its heap figures are what is live; the fields are in ServerStats); BENCH_STORED_BYTES (ours: each board starts
 * with a stored document of about that size); BENCH_DURABILITY=1 (ours: how long after being sent each
 * edit's batch was committed, from the 'sent' root the clients write with the wall clock). Ours' 'stats'
 * answers carry the updates not yet committed (`pendingUpdates`, null for the peers).
 */
const [kindArg = 'ours-pglite', portArg = '0', boardsArg = '1'] = process.argv.slice(2);
// `ours-pglite~250`: a flush delay of 250 ms instead of the default (tests/bench/collab.ts).
const [kind, flushDelay] = kindArg.split('~') as [string, string | undefined];
const port = Number(portArg);
let lag: () => number = () => 0;
const shared = process.env.BENCH_SHARED_DATABASE_URL;
const dataDir = process.env.BENCH_PGLITE_DIR;
const given = process.env.BENCH_BOARD_IDS?.split(',');
// The peers' boards are names only; ours are rows (made below unless given).
let boards: string[] = given ?? Array.from({ length: Number(boardsArg) }, () => crypto.randomUUID());
let shutdown: () => Promise<void> = async () => {};
let documents: () => number | null = () => null;
let pendingUpdates: () => number | null = () => null;
/** Wall-clock ms from an edit's sending to its batch's commit, drained by each 'stats' answer. */
let durable: number[] = [];
const wallClock = () => performance.timeOrigin + performance.now();

async function openBenchDatabase(): Promise<Database> {
  if (shared) return openDatabase({ url: shared });
  if (dataDir) return openDatabase({ dataDir, worker: true });
  if (kind !== 'ours-postgres') return openDatabase({ worker: kind !== 'ours-pglite-inprocess' });
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `collab_bench_${process.pid}`;
  const admin = (text: string) => adminQuery(server, text);
  await admin(`drop database if exists ${name} with (force)`);
  const url = await createDatabase(server, name);
  const database = await openDatabase({ url });
  return {
    ...database,
    close: async () => (await database.close(), await admin(`drop database ${name} with (force)`)),
  };
}

if (kind.startsWith('ours')) {
  if (kind === 'ours-nopersist') BoardPersistence.prototype.append = () => {};
  const database = await openBenchDatabase();
  if (!given) boards = await migrateWithBoards(database, boards.length);
  if (process.env.BENCH_STORED_BYTES) await storeBoards(database, boards, Number(process.env.BENCH_STORED_BYTES));
  if (process.env.BENCH_DURABILITY) recordDurability();
  const collab = createCollabServer({
    database,
    tokenKey: deriveTokenKey(BENCH_SECRET),
    limits: {
      ...(flushDelay ? { flushDelayMs: Number(flushDelay) } : {}),
      maxConnectionsPerBoard: 1000,
      maxConnectionsPerUser: 1000,
      messagesPerSecond: 1000,
      messageBurst: 2000,
    },
    log: () => {},
    // The benchmark clients write their own roots ('t', 'lat'), not a board's.
    acceptRoot: () => true,
    // Their tokens name nobody in the database; the check runs on connecting and once a minute, not per edit.
    checkRightsNow: false,
    fanout: process.env.BENCH_REDIS_URL
      ? { url: process.env.BENCH_REDIS_URL, prefix: process.env.BENCH_REDIS_PREFIX }
      : null,
  });
  await collab.fanoutReady();
  const server = createServer();
  mountCollab(server, collab);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let maxLag = 0;
  // Every 100 ms: every 10 ms, the sampling itself (timers, the stats objects, their garbage) was about 7% of
  // our server's busy time in a CPU profile of the 50-client race, a cost the peers did not carry.
  setInterval(() => (maxLag = Math.max(maxLag, collab.stats().persistence.lagMs)), 100).unref();
  lag = () => maxLag;
  documents = () => collab.stats().documents;
  pendingUpdates = () => collab.stats().persistence.pendingUpdates;
  shutdown = async () => {
    await collab.close();
    server.closeAllConnections();
    await database.close();
  };
} else if (kind === 'ywss') {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as unknown as {
    setupWSConnection: (ws: unknown, req: unknown) => void;
  };
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
} else if (kind === 'floor') {
  await startFloor(port);
} else {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port, address: '127.0.0.1', quiet: true });
  await server.listen();
}

// BENCH_CPU_PROF: a CPU profile from the first 'stats' request (typing starts) to the exit.
const profileDir = process.env.BENCH_CPU_PROF;
let profiling: Session | null = null;
let statsRequests = 0;
const post = (session: Session, method: string) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
  );

// BENCH_HEAP_SNAPSHOTS (a directory): a heap snapshot with every 'stats' answer, to tell what a heap that
// grew holds (G5's growth was compiled code, docs/benchmarks/2026-12-06-collab-quiet.md).
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOTS;

// A full GC before each heap figure; --expose-gc cannot be passed through forkServer's fixed execArgv.
let fullGc: (() => void) | null = null;
if (process.env.BENCH_HEAP) {
  setFlagsFromString('--expose-gc');
  fullGc = runInNewContext('gc') as () => void;
}

const cpuStart = process.cpuUsage();
process.on('message', async (message) => {
  if (message === 'stats') {
    statsRequests += 1;
    if (profileDir && statsRequests === 1) {
      profiling = new Session();
      profiling.connect();
      await post(profiling, 'Profiler.enable');
      await post(profiling, 'Profiler.start');
    }
    if (fullGc) fullGc();
    if (snapshotDir) writeHeapSnapshot(path.join(snapshotDir, `${kind}-${statsRequests}.heapsnapshot`));
    const cpu = process.cpuUsage(cpuStart);
    const memory = process.memoryUsage();
    process.send!({
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: memory.rss / 1024 / 1024,
      lagMs: lag(),
      heapMb: memory.heapUsed / 1024 / 1024,
      externalMb: (memory.external + memory.arrayBuffers) / 1024 / 1024,
      documents: documents(),
      pendingUpdates: pendingUpdates(),
      durableMs: durable.splice(0),
    });
  } else if (message === 'exit') {
    if (profiling) {
      const { profile } = (await post(profiling, 'Profiler.stop')) as { profile: unknown };
      writeFileSync(path.join(profileDir!, `${kind}-${boardsArg}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      profiling.disconnect();
    }
    // A clean exit: the bench database is dropped.
    void shutdown()
      .catch(() => {})
      .finally(() => process.exit(0));
  }
});
process.send!({ ready: true, boards });

/**
 * Every board's stored document: about `bytes` of cards (a map each, with a text), as a compacted state
 * written by several clients over many transactions, the shape a long-used board has.
 */
async function storeBoards(database: Database, ids: string[], bytes: number) {
  const doc = new Y.Doc();
  const cards = doc.getArray<Y.Map<unknown>>('cards');
  const words = 'kans inzicht netwerk werk taal wijk school zorg buurt sport '.repeat(20);
  while (Y.encodeStateAsUpdate(doc).length < bytes) {
    doc.clientID = Math.floor(Math.random() * 2 ** 31);
    doc.transact(() => {
      for (let i = 0; i < 100; i++) {
        const card = new Y.Map<unknown>();
        card.set('text', new Y.Text(words.slice(0, 120 + Math.floor(Math.random() * 120))));
        card.set('x', Math.random() * 1000);
        card.set('y', Math.random() * 1000);
        cards.push([card]);
      }
    });
  }
  const state = Y.encodeStateAsUpdate(doc);
  await runAsSystem(database, (tx) =>
    tx
      .insertInto('board_documents')
      .values(ids.map((board_id) => ({ board_id, state })))
      .execute(),
  );
}

/**
 * Wraps the batched write: once a batch is committed, every edit in it that carries a 'sent' time (the
 * clients' wall clock, `{ sentAt }`, see collab-goals.ts) gives its sent-to-durable time. Only the time is added; the
 * write itself is the production one.
 */
function recordDurability() {
  type Batched = {
    pending: Map<string, Uint8Array[]>;
    stats: { writeFailures: number };
    writeBatch(includeActivity: boolean): Promise<void>;
  };
  const proto = BoardPersistence.prototype as unknown as Batched;
  const write = proto.writeBatch;
  proto.writeBatch = async function (this: Batched, includeActivity: boolean) {
    const batch = [...this.pending.values()].flat();
    const failures = this.stats.writeFailures;
    await write.call(this, includeActivity);
    // A failed write puts the updates back: they are not durable yet.
    if (this.stats.writeFailures !== failures) return;
    const now = wallClock();
    for (const update of batch) {
      for (const struct of Y.decodeUpdate(update).structs) {
        // The value, not the key's root: a map entry set again names no parent in the update.
        const value: unknown =
          struct instanceof Y.Item && struct.content instanceof Y.ContentAny && struct.content.arr[0];
        if (value && typeof value === 'object' && 'sentAt' in value) durable.push(now - (value.sentAt as number));
      }
    }
  };
}

/**
 * The latency floor of a server that keeps each board's document: every update goes to the board's other
 * clients as it came, before the server decodes it into its own document; no checks, no persistence, no
 * history. Presence goes through an Awareness as in every server: the stock provider echoes everyone's
 * presence back, and only a server that knows the clocks stops the echo. No real server delivers much
 * sooner than this, so its ratio to the stock server bounds what any change of ours can reach.
 */
async function startFloor(port: number) {
  type FloorRoom = { doc: Y.Doc; awareness: awarenessProtocol.Awareness; sockets: Set<WebSocket> };
  const rooms = new Map<string, FloorRoom>();
  const open = (name: string): FloorRoom => {
    const doc = new Y.Doc();
    const room = { doc, awareness: new awarenessProtocol.Awareness(doc), sockets: new Set<WebSocket>() };
    room.awareness.setLocalState(null);
    room.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const message = awarenessMessage(room.awareness, [...changes.added, ...changes.updated, ...changes.removed]);
      for (const socket of room.sockets) socket.send(message);
    });
    rooms.set(name, room);
    return room;
  };
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    const name = (req.url ?? '/').slice(1);
    const room = rooms.get(name) ?? open(name);
    room.sockets.add(ws);
    ws.on('close', () => room.sockets.delete(ws));
    ws.send(syncStep1Message(room.doc));
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_AWARENESS) {
        return awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
      }
      if (type !== MESSAGE_SYNC) return;
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        return ws.send(syncStep2Message(Y.encodeStateAsUpdate(room.doc, payload)));
      }
      // An update goes on as it came; a sync step 2 (the client's side of the handshake) as an update.
      const message = syncType === syncProtocol.messageYjsUpdate ? data : updateMessage(payload);
      for (const other of room.sockets) if (other !== ws) other.send(message);
      Y.applyUpdate(room.doc, payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}
