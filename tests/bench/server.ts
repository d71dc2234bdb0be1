import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { deriveTokenKey } from '~/boards/protocol.server';
import { mountCollab } from '../../collab-server/http';
import { BoardPersistence } from '../../collab-server/persistence';
import { createCollabServer } from '../../collab-server/server';
import { openDatabase, type Database } from '~/db/connection.server';
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
 * - `ywss` (@y/websocket-server) and `hocuspocus` (@hocuspocus/server), both without persistence.
 *
 * For several instances of ours on one database (bench:collab-scale): BENCH_SHARED_DATABASE_URL (migrated,
 * kept after), BENCH_BOARDS (the boards' ids, comma separated, already in it) and BENCH_REDIS_URL with
 * BENCH_REDIS_PREFIX (Redis fan-out between the instances).
 */
const [kind = 'ours-pglite', portArg = '0', boardsArg = '1'] = process.argv.slice(2);
const port = Number(portArg);
let lag: () => number = () => 0;
const shared = process.env.BENCH_SHARED_DATABASE_URL;
// The peers' boards are names only; ours are rows (made below).
let boards: string[] = Array.from({ length: Number(boardsArg) }, () => crypto.randomUUID());
let shutdown: () => Promise<void> = async () => {};

async function openBenchDatabase(): Promise<Database> {
  if (shared) return openDatabase({ url: shared });
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
  boards = shared ? process.env.BENCH_BOARDS!.split(',') : await migrateWithBoards(database, boards.length);
  const collab = createCollabServer({
    database,
    tokenKey: deriveTokenKey(BENCH_SECRET),
    limits: { maxConnectionsPerBoard: 1000, maxConnectionsPerUser: 1000, messagesPerSecond: 1000, messageBurst: 2000 },
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
  setInterval(() => (maxLag = Math.max(maxLag, collab.stats().persistence.lagMs)), 10).unref();
  lag = () => maxLag;
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
    const cpu = process.cpuUsage(cpuStart);
    process.send!({
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      lagMs: lag(),
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
