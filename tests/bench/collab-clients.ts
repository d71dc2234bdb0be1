import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { deriveTokenKey, issueBoardToken } from '~/boards/protocol.server';
import type { Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAsSystem } from '~/db/with-user.server';
import type { MarkedReport, ResyncedReport, TypedReport, WorkerRequest } from './collab-client-worker';

/**
 * What the collab benchmarks share: the server processes (tests/bench/server.ts), headless clients that
 * type, and the edit-to-remote latency they see. The clients write roots of their own ('t', 'lat'), which
 * the bench servers accept; every client of a board records when another client's edit reached it (all
 * clients of a board share one process's clock: this one, or one of `forkClients`' processes).
 */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123';
const key = deriveTokenKey(BENCH_SECRET);

export type ServerKind = 'ours' | 'ywss' | 'hocuspocus';

export interface BenchClient {
  doc: Y.Doc;
  destroy: () => void;
  synced: Promise<void>;
  /** The next time the provider is synced (after a lost connection: once it has reconnected by itself). */
  nextSync: () => Promise<void>;
  /** The next time the provider's socket opens (after a lost connection: its reconnect, before syncing). */
  nextOpen: () => Promise<void>;
}

interface Emitter {
  on(event: string, listener: (arg: any) => void): void;
  off(event: string, listener: (arg: any) => void): void;
}

/** Resolves at the first `event` of `provider` that `matches` from now on. */
const next = (provider: Emitter, event: string, matches: (arg: any) => boolean) =>
  new Promise<void>((resolve) => {
    const on = (arg: unknown) => {
      if (matches(arg)) (provider.off(event, on), resolve());
    };
    provider.on(event, on);
  });

export function connect(kind: ServerKind, port: number, board: string): BenchClient {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${port}`,
      name: board,
      document: doc,
      WebSocketPolyfill: WebSocket,
    } as never);
    // Emitted each time the provider becomes synced, so also after every reconnect.
    const nextSync = () => next(provider, 'synced', () => true);
    return {
      doc,
      synced: nextSync(),
      nextSync,
      nextOpen: () => next(provider, 'open', () => true),
      destroy: () => (provider.destroy(), doc.destroy()),
    };
  }
  const ours = kind === 'ours';
  const url = ours ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
  // A facilitator's token: a member's connection may not write the clients' own roots
  // (collab-server/rights.ts), so the members' check is not in this path.
  const token = issueBoardToken(
    key,
    { userId: crypto.randomUUID(), boardId: board, permission: 'facilitate' },
    3600,
  ).token;
  const provider = new WebsocketProvider(url, board, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: ours ? { token } : {},
    disableBc: true,
  });
  // 'sync' is emitted on every change of the synced state: false when the connection is lost, true once synced again.
  const nextSync = () => next(provider, 'sync', (isSynced: boolean) => isSynced);
  return {
    doc,
    synced: nextSync(),
    nextSync,
    nextOpen: () => next(provider, 'status', (event: { status: string }) => event.status === 'connected'),
    // The provider's awareness keeps a timer (and through it the document) until the document is destroyed.
    destroy: () => (provider.destroy(), doc.destroy()),
  };
}

/** Collects, for every client, how long each other client's edit took to reach it. */
export function recordLatencies(clients: BenchClient[]): number[] {
  const latencies: number[] = [];
  for (const c of clients) {
    const own = String(c.doc.clientID);
    c.doc.getMap<number>('lat').observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const k of event.keysChanged)
        if (k !== own) latencies.push(now - (c.doc.getMap<number>('lat').get(k) ?? now));
    });
  }
  return latencies;
}

/** Every client types one character at `editsPerSecond` (random phase) for `ms`; then 300 ms to settle. */
export async function keepTyping(clients: BenchClient[], editsPerSecond: number, ms: number) {
  const interval = 1000 / editsPerSecond;
  const timers = clients.map((c, i) =>
    setTimeout(function edit() {
      c.doc.transact(() => {
        c.doc.getText('t').insert(0, 'a');
        c.doc.getMap<number>('lat').set(String(c.doc.clientID), performance.now());
      });
      timers[i] = setTimeout(edit, interval);
    }, Math.random() * interval),
  );
  await new Promise((r) => setTimeout(r, ms));
  timers.forEach((t) => clearTimeout(t));
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * Nothing measured is slower than any bound: Infinity, so a step or round that delivered nothing fails
 * every "p95 ≤ X" and sorts last (NaN passed `NaN > bound` and broke the medians' sort).
 */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Infinity;

/** What tests/bench/server.ts answers to 'stats' (after a full GC when started with BENCH_HEAP=1). */
export interface ServerStats {
  cpuMs: number;
  rssMb: number;
  lagMs: number;
  heapMb: number;
  externalMb: number;
  /** Ours: boards loaded; null for the peers. */
  documents: number | null;
  /** Ours: updates not yet committed; null for the peers. */
  pendingUpdates: number | null;
  /** Ours with BENCH_DURABILITY=1: how long after being sent each edit's batch was committed. */
  durableMs: number[];
}

/** A benchmark server (tests/bench/server.ts) in its own process; resolves once it listens. */
export async function forkServer(args: string[], env: Record<string, string> = {}) {
  const child = fork('tests/bench/server.ts', args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const { boards } = await ask<{ boards: string[] }>(child, (m) => m?.ready);
  return {
    boards,
    stats: () => ask<ServerStats>(child, (m) => 'cpuMs' in (m ?? {}), 'stats'),
    /** SIGKILL at once: nothing flushed, nothing closed (G9's crash). */
    async kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    /** A clean exit (profile written, bench database dropped), or SIGKILL after 10 s. */
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('exit');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * `processes` client processes (tests/bench/collab-client-worker.ts). `connect` gives each process whole
 * boards, round robin, so a board's sender and receivers share a clock.
 */
export async function forkClients(processes: number) {
  const children = await Promise.all(
    Array.from({ length: processes }, async () => {
      const child = fork('tests/bench/collab-client-worker.ts', [], {
        execArgv: ['--import', 'tsx', '--expose-gc'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      await ask(child, (m) => m?.op === 'ready');
      return child;
    }),
  );
  const all = <T>(op: string, request: (i: number) => WorkerRequest) =>
    Promise.all(children.map((child, i) => ask<T>(child, (m) => m?.op === op, request(i))));
  return {
    /** Every client of `boards[b]` on process b mod `processes`; `ports(b)`: the port of each of its clients. */
    async connect(kind: ServerKind, boards: string[], ports: (b: number) => number[]) {
      const share = children.map(() => [] as { port: number; board: string }[]);
      boards.forEach((board, b) => share[b % processes]!.push(...ports(b).map((port) => ({ port, board }))));
      await all('connected', (i) => ({ op: 'connect', kind, clients: share[i]! }));
    },
    /** Every process's clients type for `ms`; each process's latencies, CPU and heap. */
    type: (editsPerSecond: number, ms: number) => all<TypedReport>('typed', () => ({ op: 'type', editsPerSecond, ms })),
    /** Every client gone; the heap (MB) each process keeps after a collection. */
    disconnect: async () =>
      (await all<{ heapMb: number }>('disconnected', () => ({ op: 'disconnect' }))).map((r) => r.heapMb),
    /** Every client writes a key of its own (see the worker's `mark`); with `settle`, until its board's clients all hold them. */
    mark: (tag: string, settle: boolean, waitMs = 0) =>
      all<MarkedReport>('marked', () => ({ op: 'mark', tag, settle, waitMs })),
    /** From now on each client's next opened socket and next sync are timed. */
    watch: () => all('watching', () => ({ op: 'watch' })),
    /** Once every client is synced again and holds every key of its board, or at `until` (wall clock). */
    resynced: (until: number) => all<ResyncedReport>('resynced', () => ({ op: 'resynced', until })),
    stop: () => children.forEach((child) => child.kill()),
  };
}

function ask<T>(child: ChildProcess, filter: (m: any) => boolean, send?: string | WorkerRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    // A child that dies would otherwise leave the benchmark waiting for ever.
    const died = (code: number | null) => reject(new Error(`bench child exited (${code}) before answering`));
    const on = (m: any) => {
      if (filter(m)) {
        child.off('message', on);
        child.off('exit', died);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.once('exit', died);
    if (send) child.send(send);
  });
}

/** A fresh database for our servers: migrated, with a pool and `count` boards; returns their ids. */
export async function migrateWithBoards(database: Database, count: number): Promise<string[]> {
  await migrate(database);
  return runAsSystem(database, async (tx) => {
    const pool = await tx.insertInto('pools').values({ name: 'Bench pool' }).returning('id').executeTakeFirstOrThrow();
    const rows = await tx
      .insertInto('boards')
      .values(Array.from({ length: count }, () => ({ pool_id: pool.id, title: 'bench' })))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  });
}
