import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { loadBoardState } from '~/boards/queries.server';
import { openDatabase, type Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { freePort } from '../collab/harness';
import { adminQuery, createDatabase } from '../db/admin-query';
import {
  connect,
  forkClients,
  forkServer,
  keepTyping,
  migrateWithBoards,
  percentile,
  type BenchClient,
} from './collab-clients';
import { fixed, loadAverage, median } from './summary';

/**
 * The capacity goals of issue 22 that are not a latency race (`BENCH_GOALS=g3,g4,g5,g6,g7,g9 npm run
 * bench:collab`): each prints its figure, the peers' where the goal applies to them, and the goal. For
 * G4–G7 the clients run in the benchmark's own process on the same two cores as the servers: where that
 * process is the bottleneck, a figure measures the clients, which each section says. G3's and G9's clients
 * run in BENCH_CLIENT_PROCESSES (default 4) processes of their own (`forkClients`), whose CPU they print.
 *
 * G9's knobs: BENCH_G9_CLIENTS (default 1000) over BENCH_G9_BOARDS (default 100) boards;
 * BENCH_DATABASE_URL as for G2 (ours-postgres gets a fresh database there, dropped after).
 */
type Kind = 'ours-postgres' | 'ours-pglite' | 'ywss' | 'hocuspocus';
const OURS: Kind[] = ['ours-postgres', 'ours-pglite'];
const ALL: Kind[] = [...OURS, 'ywss', 'hocuspocus'];
const clientKind = (kind: Kind) => (kind.startsWith('ours') ? 'ours' : (kind as 'ywss' | 'hocuspocus'));

async function start(kind: Kind, boards: number, env: Record<string, string> = {}, port?: number) {
  port ??= await freePort();
  const server = await forkServer([kind, String(port), String(boards)], { BENCH_HEAP: '1', ...env });
  return {
    ...server,
    port,
    connect: (board: string) => connect(clientKind(kind), port, board),
  };
}

const sortedP = (xs: number[], p: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = async (clients: BenchClient[]) => {
  clients.forEach((c) => c.destroy());
  await sleep(500);
};

/** G6: a board of about 1 MB, not loaded, read from the database until its first client is synced. */
async function coldLoad() {
  const samples = Number(process.env.BENCH_COLD_BOARDS ?? 20);
  const bytes = Number(process.env.BENCH_BOARD_BYTES ?? 1_000_000);
  console.log(
    `\nG6 cold load: ${samples} boards of ${fixed(bytes / 1e6, 2)} MB stored, one client each, one after another`,
  );
  for (const kind of OURS) {
    const server = await start(kind, samples, { BENCH_STORED_BYTES: String(bytes) });
    const times: number[] = [];
    for (const board of server.boards) {
      const started = performance.now();
      const client = server.connect(board);
      await client.synced;
      times.push(performance.now() - started);
      client.destroy();
    }
    await server.stop();
    console.log(
      `  ${kind}: p50 ${fixed(sortedP(times, 50))} ms, p95 ${fixed(sortedP(times, 95))} ms, max ${fixed(Math.max(...times))} ms`,
    );
  }
  console.log('  goal: p95 ≤ 300 ms from Postgres (ours-postgres); the peers persist nothing, so have no cold load');
}

/** G7: edits of 50 clients on 10 boards, from being sent to their batch's commit (server.ts measures). */
async function durability() {
  const seconds = Number(process.env.BENCH_DURABLE_SECONDS ?? 20);
  console.log(`\nG7 durability: 50 clients on 10 boards, 1 edit/s each for ${seconds} s; sent → committed`);
  for (const kind of OURS) {
    const server = await start(kind, 10, { BENCH_DURABILITY: '1' });
    const clients = Array.from({ length: 50 }, (_, i) => server.connect(server.boards[i % 10]!));
    await Promise.all(clients.map((c) => c.synced));
    await server.stats();
    let sent = 0;
    const typing = clients.map((c) =>
      setInterval(() => {
        sent += 1;
        c.doc.transact(() => {
          c.doc.getText('t').insert(0, 'a');
          c.doc.getMap('sent').set(String(c.doc.clientID), { sentAt: performance.timeOrigin + performance.now() });
        });
      }, 1000),
    );
    await sleep(seconds * 1000);
    typing.forEach((t) => clearInterval(t));
    await sleep(3000); // the last batches commit
    const { durableMs } = await server.stats();
    await settle(clients);
    await server.stop();
    console.log(
      `  ${kind}: ${durableMs.length} edits committed of ${sent} sent, p50 ${fixed(sortedP(durableMs, 50))} ms, p95 ${fixed(sortedP(durableMs, 95))} ms, max ${fixed(Math.max(...durableMs))} ms`,
    );
  }
  console.log('  goal: p95 ≤ 600 ms, max ≤ 2.5 s (Postgres); the peers persist nothing');
}

/**
 * G4: heap (after a full GC) per idle connection, clients spread over 100 boards, connected 250 at a
 * time. The boards' documents are empty, so the figure is the connection's own cost (socket, presence,
 * guards), the board's counted once per board.
 */
async function idleConnections() {
  const levels = (process.env.BENCH_IDLE_CLIENTS ?? '1000,5000').split(',').map(Number);
  console.log(`\nG4 idle connections: heap per connection after a full GC (100 boards; levels ${levels.join(', ')})`);
  for (const kind of ALL) {
    const server = await start(kind, 100);
    const base = await server.stats();
    const clients: BenchClient[] = [];
    const figures: string[] = [];
    for (const level of levels) {
      while (clients.length < level) {
        const batch = Array.from({ length: Math.min(250, level - clients.length) }, (_, i) =>
          server.connect(server.boards[(clients.length + i) % 100]!),
        );
        clients.push(...batch);
        await Promise.all(batch.map((c) => c.synced));
      }
      await sleep(1000);
      const now = await server.stats();
      figures.push(
        `${level}: ${fixed(((now.heapMb - base.heapMb) * 1024) / level)} KB heap (+${fixed(((now.externalMb - base.externalMb) * 1024) / level)} KB buffers), RSS ${fixed(now.rssMb, 0)} MB`,
      );
    }
    await settle(clients);
    await server.stop();
    console.log(`  ${kind}: ${figures.join('; ')}`);
  }
  console.log('  goal: ≤ 50 KB of heap each at 10,000 idle connections in one process');
}

/**
 * G5: join/edit/leave cycles on all four servers at once (memory, not time, is measured: they need not take
 * turns): 10 cycles at a time, each 5 clients joining one of 50 boards, typing 5 edits each, leaving. First
 * BENCH_SOAK_WARMUP_SECONDS (default 60) of cycles, then the soak of BENCH_SOAK_SECONDS; heap after a full GC
 * after a first cycle ("cold"), at the soak's start (after the warm-up), at every tenth of the soak and after
 * its last cycle; for ours, how long until no board is loaded any more.
 *
 * The goal is judged from the start of the soak, after the warm-up: from a cold start, every server here
 * ended 10–17% higher after 30 minutes, and heap snapshots showed that growth to be V8's optimised code and
 * its tables, compiled while the first minutes ran hot paths, not anything a cycle left behind
 * (docs/benchmarks/2026-12-06-collab-quiet.md). The cold figure is printed beside, so a reader can judge
 * from there too. The series tells a leak (growing at the same pace to the end) from a heap that settles;
 * the growth from the fifth to the ninth tenth (boards loaded at both, unlike the end's figure) is printed
 * beside.
 */
async function soak() {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 180);
  const warmUp = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 60);
  console.log(
    `\nG5 soak: ${warmUp} s of warm-up, then ${seconds} s of join/edit/leave cycles (10 at a time, 5 clients each, 50 boards)`,
  );
  const servers = await Promise.all(ALL.map((kind) => start(kind, 50)));
  let cycles = 0;
  const cycle = async (server: (typeof servers)[number]) => {
    const board = server.boards[Math.floor(Math.random() * server.boards.length)]!;
    const clients = Array.from({ length: 5 }, () => server.connect(board));
    await Promise.all(clients.map((c) => c.synced));
    await keepTyping(clients, 5, 1000);
    clients.forEach((c) => c.destroy());
    cycles += 1;
  };
  const cycleUntil = (end: number) =>
    Promise.all(
      servers.flatMap((server) =>
        Array.from({ length: 10 }, async () => {
          while (performance.now() < end) await cycle(server);
        }),
      ),
    );
  const heaps = async () => (await Promise.all(servers.map((s) => s.stats()))).map((stats) => stats.heapMb);
  /** For each of ours, ms from now until it holds no board (NaN: not within 60 s); null for the peers. */
  const allUnloaded = () =>
    // Watched at once: one after another, the second's time would include the first's wait.
    Promise.all(
      servers.map(async (server) => {
        const lastLeft = performance.now();
        let documents = (await server.stats()).documents;
        while (documents !== null && documents > 0 && performance.now() - lastLeft < 60_000) {
          await sleep(250);
          documents = (await server.stats()).documents;
        }
        return documents === null ? null : documents === 0 ? performance.now() - lastLeft : NaN;
      }),
    );
  await Promise.all(servers.map(cycle));
  await allUnloaded();
  const cold = await heaps();
  await cycleUntil(performance.now() + warmUp * 1000);
  // The start as the end is measured: no board of ours loaded (the peers' boards, once empty, stay or go as they do).
  await allUnloaded();
  const series: number[][] = (await heaps()).map((heap) => [heap]);
  const started = performance.now();
  const end = started + seconds * 1000;
  const sampling = (async () => {
    for (let tenth = 1; tenth < 10; tenth++) {
      await sleep(started + (tenth * seconds * 1000) / 10 - performance.now());
      (await heaps()).forEach((heap, i) => series[i]!.push(heap));
    }
  })();
  await cycleUntil(end);
  await sampling;
  const unloaded = await allUnloaded();
  const after = await Promise.all(servers.map((s) => s.stats()));
  after.forEach((stats, i) => series[i]!.push(stats.heapMb));
  const percent = (from: number, to: number) => `${to >= from ? '+' : ''}${fixed((to / from - 1) * 100)}%`;
  for (const [i, kind] of ALL.entries()) {
    const gone = unloaded[i] ?? null;
    const from = series[i]![0]!;
    const last = after[i]!.heapMb;
    console.log(
      `  ${kind}: heap ${fixed(from)} → ${fixed(last)} MB (${percent(from, last)}; from cold ${fixed(cold[i]!)} MB ${percent(cold[i]!, last)}), RSS ${fixed(after[i]!.rssMb, 0)} MB${gone === null ? '' : `, all boards unloaded ${Number.isNaN(gone) ? 'NOT within 60 s' : `within ${fixed(gone / 1000, 1)} s of the last client leaving`}`}`,
    );
  }
  console.log(`  heap MB at every tenth of the soak (at its start, …, after the last cycle):`);
  for (const [i, kind] of ALL.entries()) {
    const tenths = series[i]!;
    console.log(
      `    ${kind}: ${tenths.map((h) => fixed(h)).join(' ')}; from the fifth to the ninth tenth ${percent(tenths[5]!, tenths[9]!)}`,
    );
  }
  console.log(`  (${cycles} cycles over the four servers, warm-up included)`);
  console.log(
    "  goal: heap at the end within 10% of the soak's start (after the warm-up); a board unloaded within 30 s of its last client",
  );
  await Promise.all(servers.map((s) => s.stop()));
}

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * Where a server of G9 keeps its data across the kill: ours a database made here (so that the restart
 * finds it and the benchmark can read it while the server is down), the peers only their boards' names.
 */
async function restartStore(
  kind: Kind,
  boardCount: number,
): Promise<{
  boards: string[];
  env: Record<string, string>;
  open: (() => Promise<Database>) | null;
  remove: () => Promise<unknown>;
}> {
  const prepare = async (open: () => Promise<Database>) => {
    const database = await open();
    const boards = await migrateWithBoards(database, boardCount);
    await database.close();
    return boards;
  };
  if (kind === 'ours-postgres') {
    const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `collab_g9_${process.pid}`;
    await adminQuery(server, `drop database if exists ${name} with (force)`);
    const url = await createDatabase(server, name);
    const open = () => openDatabase({ url });
    const boards = await prepare(open);
    return {
      boards,
      env: { BENCH_SHARED_DATABASE_URL: url, BENCH_BOARD_IDS: boards.join(',') },
      open,
      remove: () => adminQuery(server, `drop database if exists ${name} with (force)`),
    };
  }
  if (kind === 'ours-pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'collab-g9-'));
    const open = () => openDatabase({ dataDir: dir });
    const boards = await prepare(open);
    return {
      boards,
      env: { BENCH_PGLITE_DIR: dir, BENCH_BOARD_IDS: boards.join(',') },
      open,
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const boards = Array.from({ length: boardCount }, () => crypto.randomUUID());
  return { boards, env: { BENCH_BOARD_IDS: boards.join(',') }, open: null, remove: async () => {} };
}

/** Keys of `keys` (by board) that the stored documents lack, read as the app reads a board. */
async function missingFromStore(database: Database, keys: Record<string, string[]>) {
  let missing = 0;
  for (const [board, written] of Object.entries(keys)) {
    const state = await runAsSystem(database, (tx) => loadBoardState(tx, board));
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state);
    missing += written.filter((key) => !doc.getMap('g9').has(key)).length;
    doc.destroy();
  }
  return missing;
}

/**
 * G9: clients on boards, each writes a key of its own; once every client of its board holds it and, for
 * ours, no update is left uncommitted (acknowledged), the server is killed with SIGKILL. While it is down
 * every client writes a second key (an offline edit), and ours' stored state is read from the database:
 * every acknowledged key must be in it. Then the server starts again on the same data and port, and the
 * stock providers reconnect by themselves with their own backoff (y-websocket: at most 2.5 s between
 * tries; Hocuspocus: up to 30 s). Each client's resync is timed from the server listening again; after
 * that, every client's document must hold every key of its board, acknowledged and offline.
 */
async function restart() {
  const total = Number(process.env.BENCH_G9_CLIENTS ?? 1000);
  const boardCount = Number(process.env.BENCH_G9_BOARDS ?? 100);
  const processes = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
  const perBoard = (b: number) => Math.floor(total / boardCount) + (b < total % boardCount ? 1 : 0);
  const limitMs = 30_000;
  console.log(
    `\nG9 restart: ${total} clients on ${boardCount} boards (clients in ${processes} processes), kill -9, restart on the same data and port`,
  );
  const clients = await forkClients(processes);
  try {
    for (const kind of ALL) {
      const store = await restartStore(kind, boardCount);
      const port = await freePort();
      let server = await start(kind, boardCount, store.env, port);
      try {
        await clients.connect(clientKind(kind), server.boards, (b) => Array.from({ length: perBoard(b) }, () => port));
        const acked = await clients.mark('acked', true, limitMs);
        const keys: Record<string, string[]> = {};
        for (const report of acked) Object.assign(keys, report.keys);
        const unsettled = acked.reduce((sum, r) => sum + r.unsettled, 0);
        // Ours acknowledges an edit once its batch is committed: nothing pending after every edit was applied.
        let pending = (await server.stats()).pendingUpdates;
        for (const end = performance.now() + limitMs; pending && performance.now() < end;) {
          await sleep(100);
          pending = (await server.stats()).pendingUpdates;
        }
        const killedAt = wallClock();
        await server.kill();
        await clients.mark('offline', false);
        let stored = 'stored: none (no persistence: the server’s copy is lost by design, rebuilt from the clients’)';
        if (store.open) {
          const database = await store.open();
          const missing = await missingFromStore(database, keys);
          await database.close();
          stored = `acknowledged edits missing from the stored state after the kill: ${missing} of ${total}`;
        }
        await clients.watch();
        const watchedAt = wallClock();
        server = await start(kind, boardCount, store.env, port);
        const listeningAt = wallClock();
        const reports = await clients.resynced(listeningAt + limitMs);
        const window = wallClock() - watchedAt;
        const syncs = reports.flatMap((r) => r.syncedAt);
        const opens = reports.flatMap((r) => r.openedAt);
        const times = syncs.filter((t): t is number => t !== null).map((t) => t - listeningAt);
        const opened = opens.filter((t): t is number => t !== null).map((t) => t - listeningAt);
        // The provider's backoff decides when a client tries again; from its socket opening on, the time is the sync's.
        const served = syncs.flatMap((t, i) => (t !== null && opens[i] != null ? [t - opens[i]!] : []));
        const summary = (xs: number[]) =>
          `p50 ${fixed(sortedP(xs, 50))} ms, p95 ${fixed(sortedP(xs, 95))} ms, max ${fixed(Math.max(...xs))} ms`;
        const shares = reports.map((r) => r.cpuMs / window);
        console.log(
          [
            `  ${kind}: resynced ${summary(times)} after listening again (down ${fixed((listeningAt - killedAt) / 1000)} s: kill → listening${store.open ? ', stored state read meanwhile' : ''})`,
            `    socket open again ${summary(opened)} after listening (the provider's backoff, then the upgrade); open → synced ${summary(served)}`,
            `    not resynced within ${limitMs / 1000} s: ${syncs.length - times.length} of ${syncs.length}`,
            `    ${stored}`,
            `    edits missing from the clients' documents after resync: ${reports.reduce((sum, r) => sum + r.missing, 0)} of ${server.boards.reduce((sum, _, b) => sum + 2 * perBoard(b) ** 2, 0)} (each client: every acknowledged and offline edit of its board)`,
            ...(unsettled || pending
              ? [
                  `    NOT all acknowledged before the kill: ${unsettled} clients lacked some of their board's edits, ${pending} updates uncommitted`,
                ]
              : []),
            `    client processes' CPU from restart to resync: ${shares.map((s) => fixed(s * 100, 0)).join('+')} % of a core${shares.some((s) => s > 0.8) ? ' (a process near a full core: the figure may be the clients’)' : ''}; load ${loadAverage()}`,
          ].join('\n'),
        );
        await clients.disconnect();
      } finally {
        await server.stop();
        await store.remove();
      }
    }
  } finally {
    clients.stop();
  }
  console.log('  goal: all resynced ≤ 30 s, 0 lost');
}

/**
 * G3: how many active (typing) clients over BENCH_G3_BOARDS boards (default 200) before the p95 of
 * edit-to-remote latency passes 50 ms. At each step of BENCH_G3_CLIENTS (default 400,600,800,1000,1200:
 * a board needs two clients for a remote), in each of BENCH_G3_ROUNDS rounds (default 3) every server in
 * turn (the order rotated by one per round and step; all four up at once, idle ones cost next to nothing)
 * gets that many clients, which type BENCH_G3_RATE edits a second each (default 1) for BENCH_G3_SECONDS
 * (default 6) and leave. A step's figure is the median of its rounds' p95s, so one burst of load from elsewhere spoils one round, not the step; a server's first step past
 * the bound ends its stepping.
 */
async function activeClients() {
  const boardCount = Number(process.env.BENCH_G3_BOARDS ?? 200);
  const steps = (process.env.BENCH_G3_CLIENTS ?? '400,600,800,1000,1200').split(',').map(Number);
  const rounds = Number(process.env.BENCH_G3_ROUNDS ?? 3);
  const rate = Number(process.env.BENCH_G3_RATE ?? 1);
  const seconds = Number(process.env.BENCH_G3_SECONDS ?? 6);
  const processes = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
  const boundMs = 50;
  console.log(
    `\nG3 active clients: ${boardCount} boards, ${rate} edit/s per client, ${rounds} rounds of ${seconds} s per step, servers taking turns, clients in ${processes} processes`,
  );
  console.log('  clients  round  server          p50 ms  p95 ms   upd/s  clients % of a core (each)  load');
  const servers = await Promise.all(ALL.map((kind) => start(kind, boardCount)));
  const clients = await forkClients(processes);
  const largest = new Map<Kind, number>();
  const past = new Set<Kind>();
  try {
    for (const [s, count] of steps.entries()) {
      const active = ALL.filter((k) => !past.has(k));
      if (active.length === 0) break;
      const perBoard = (b: number) => Math.floor(count / boardCount) + (b < count % boardCount ? 1 : 0);
      const p95s = new Map<Kind, number[]>(active.map((k) => [k, []]));
      for (let round = 1; round <= rounds; round++) {
        for (const kind of active.map((_, i) => active[(i + s + round) % active.length]!)) {
          const server = servers[ALL.indexOf(kind)]!;
          await clients.connect(clientKind(kind), server.boards, (b) =>
            Array.from({ length: perBoard(b) }, () => server.port),
          );
          const started = performance.now();
          const reports = await clients.type(rate, seconds * 1000);
          const elapsed = performance.now() - started;
          await clients.disconnect();
          const latencies = reports.flatMap((r) => r.latencies);
          p95s.get(kind)!.push(sortedP(latencies, 95));
          const shares = reports.map((r) => (r.cpuMs / elapsed) * 100);
          const cpu = `${fixed(
            shares.reduce((a, b) => a + b, 0),
            0,
          )} (${shares.map((x) => fixed(x, 0)).join('+')})`;
          console.log(
            `  ${String(count).padStart(7)}  ${String(round).padStart(5)}  ${kind.padEnd(14)}  ${fixed(sortedP(latencies, 50)).padStart(6)}  ${fixed(p95s.get(kind)!.at(-1)!).padStart(6)}  ${fixed(latencies.length / (elapsed / 1000), 0).padStart(6)}  ${cpu.padStart(26)}  ${loadAverage()}`,
          );
        }
      }
      const medians = active.map((kind) => [kind, median(p95s.get(kind)!)] as const);
      console.log(`  ${count}: median p95 ${medians.map(([kind, p95]) => `${kind} ${fixed(p95)} ms`).join(', ')}`);
      for (const [kind, p95] of medians) {
        if (p95 <= boundMs) largest.set(kind, count);
        else past.add(kind);
      }
    }
  } finally {
    clients.stop();
    await Promise.all(servers.map((server) => server.stop()));
  }
  for (const kind of ALL) {
    const count = largest.get(kind);
    console.log(
      `  ${kind}: ${count ? `${count} active clients` : 'no step'} with median p95 ≤ ${boundMs} ms${past.has(kind) ? '' : ` (never passed it: ${steps.at(-1)} was the last step)`}`,
    );
  }
  console.log(
    `  goal: the most active clients over ${boardCount} boards before p95 passes ${boundMs} ms (ours against the peers)`,
  );
}

const GOALS: Record<string, () => Promise<void>> = {
  g3: activeClients,
  g4: idleConnections,
  g5: soak,
  g6: coldLoad,
  g7: durability,
  g9: restart,
};

/** Runs the goals named in `names` (g3, g4, g5, g6, g7, g9), printing the load average around them. */
export async function runGoals(names: string[]) {
  for (const name of names) if (!GOALS[name]) throw new Error(`unknown BENCH_GOALS entry ${name}`);
  console.log(`load average (1/5/15 min) at start: ${loadAverage()}`);
  for (const name of names) await GOALS[name]!();
  console.log(`\nload average at end: ${loadAverage()}`);
}
