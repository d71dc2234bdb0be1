import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { deriveTokenKey, issueBoardToken } from '../../collab-server/auth';

/**
 * `npm run bench:collab`: N headless clients on M boards typing at a set rate, against our collab-server,
 * @y/websocket-server and @hocuspocus/server (each in its own process, same load). Latency is from the
 * edit to the moment another client of the board sees it (all clients share this process's clock).
 */
process.setMaxListeners(0); // each stock provider adds an exit listener
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const KINDS = ['ours', 'ywss', 'hocuspocus'] as const;
type Kind = (typeof KINDS)[number];
const SCENARIOS = [
  { name: '50 clients, 1 board', clients: 50, boards: 1, editsPerSecond: 1 },
  { name: '500 clients, 100 boards', clients: 500, boards: 100, editsPerSecond: 0.5 },
];
const key = deriveTokenKey('bench-secret-0123456789abcdef0123');

async function freePort() {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

function ask<T>(child: ChildProcess, filter: (m: any) => boolean, send?: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: any) => {
      if (filter(m)) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    if (send) child.send(send);
  });
}

interface Client {
  doc: Y.Doc;
  destroy: () => void;
  synced: Promise<void>;
}

function connect(kind: Kind, port: number, board: string): Client {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    let resolve!: () => void;
    const synced = new Promise<void>((r) => (resolve = r));
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${port}`,
      name: board,
      document: doc,
      WebSocketPolyfill: WebSocket,
      onSynced: () => resolve(),
    } as never);
    return { doc, synced, destroy: () => provider.destroy() };
  }
  const url = kind === 'ours' ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`;
  const token = issueBoardToken(key, { userId: crypto.randomUUID(), boardId: board, permission: 'edit' }, 3600).token;
  const provider = new WebsocketProvider(url, board, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: kind === 'ours' ? { token } : {},
    disableBc: true,
  });
  const synced = new Promise<void>((r) => provider.once('sync', () => r()));
  return { doc, synced, destroy: () => provider.destroy() };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(kind: Kind, scenario: (typeof SCENARIOS)[number]) {
  const port = await freePort();
  const child = fork('tests/bench/server.ts', [kind, String(port), String(scenario.boards)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { boards } = await ask<{ boards: string[] }>(child, (m) => m?.ready);
  const clients = Array.from({ length: scenario.clients }, (_, i) => connect(kind, port, boards[i % boards.length]!));
  await Promise.all(clients.map((c) => c.synced));
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
  const before = await ask<{ cpuMs: number }>(child, (m) => 'cpuMs' in (m ?? {}), 'stats');
  const interval = 1000 / scenario.editsPerSecond;
  const timers = clients.map((c) =>
    setTimeout(function type() {
      c.doc.transact(() => {
        c.doc.getText('t').insert(0, 'a');
        c.doc.getMap<number>('lat').set(String(c.doc.clientID), performance.now());
      });
      timers[clients.indexOf(c)] = setTimeout(type, interval);
    }, Math.random() * interval),
  );
  await new Promise((r) => setTimeout(r, DURATION_MS));
  timers.forEach((t) => clearTimeout(t));
  await new Promise((r) => setTimeout(r, 500));
  const after = await ask<{ cpuMs: number; rssMb: number; lagMs: number }>(child, (m) => 'cpuMs' in (m ?? {}), 'stats');
  clients.forEach((c) => c.destroy());
  child.kill('SIGKILL');
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    msgsPerSecond: latencies.length / (DURATION_MS / 1000),
    cpu: (after.cpuMs - before.cpuMs) / DURATION_MS,
    rssMb: after.rssMb,
    lagMs: after.lagMs,
  };
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
let ratio = NaN;
for (const scenario of SCENARIOS) {
  console.log(`\n${scenario.name}, ${scenario.editsPerSecond} edit/s per client, ${DURATION_MS / 1000} s`);
  console.log('server       p50 ms  p95 ms  p99 ms  recv msg/s  server CPU  RSS MB  persist lag ms');
  const results = {} as Record<Kind, Awaited<ReturnType<typeof run>>>;
  for (const kind of KINDS) {
    const r = (results[kind] = await run(kind, scenario));
    console.log(
      `${kind.padEnd(12)} ${f(r.p50).padStart(6)}  ${f(r.p95).padStart(6)}  ${f(r.p99).padStart(6)}  ${f(r.msgsPerSecond, 0).padStart(10)}  ${`${f(r.cpu * 100, 0)}%`.padStart(10)}  ${f(r.rssMb, 0).padStart(6)}  ${kind === 'ours' ? f(r.lagMs, 0) : '-'}`,
    );
  }
  if (scenario.boards === 1) ratio = results.ours.p95 / Math.min(results.ywss.p95, results.hocuspocus.p95);
}
console.log(`collab p95 ratio to fastest peer: ${f(ratio, 2)}`);
process.exit(0);
