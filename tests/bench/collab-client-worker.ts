import { connect, keepTyping, recordLatencies, type BenchClient, type ServerKind } from './collab-clients';

/**
 * One process of benchmark clients (`forkClients` in collab-clients.ts): the load of a collab benchmark is
 * spread over several of these, so that no single event loop of clients is what saturates. The parent
 * gives each process whole boards (all clients of a board, whichever server they are on), so the
 * edit-to-remote latency is taken between a sender and receivers on this process's clock.
 *
 * Messages from the parent: `connect` (these clients, answered once all are synced), `type` (every client
 * types at a rate for a time; answered with the latencies seen, this process's CPU and heap), `disconnect`
 * (every client destroyed, documents included; answered with the heap after a collection). For a restart
 * (G9): `mark` (every client writes its own key into the 'g9' root; with `settle`, answered once every
 * client holds every key of its board, or after `waitMs`), `watch` (from now on, each client's next opened
 * socket and next sync are timed) and `resynced` (answered once every watched client is synced again and
 * holds every key ever written on its board, or at `until`, with the wall-clock times and the keys still
 * missing).
 */
export type WorkerRequest =
  | { op: 'connect'; kind: ServerKind; clients: { port: number; board: string }[] }
  | { op: 'type'; editsPerSecond: number; ms: number }
  | { op: 'disconnect' }
  | { op: 'mark'; tag: string; settle: boolean; waitMs: number }
  | { op: 'watch' }
  | { op: 'resynced'; until: number };

export interface TypedReport {
  op: 'typed';
  latencies: number[];
  cpuMs: number;
  heapMb: number;
}

export interface MarkedReport {
  op: 'marked';
  /** The keys written, by board. */
  keys: Record<string, string[]>;
  /** Clients that did not hold every key of this mark on their board when answering. */
  unsettled: number;
}

export interface ResyncedReport {
  op: 'resynced';
  /** Wall-clock ms of each client's sync since `watch`, null if none by `until`. */
  syncedAt: (number | null)[];
  /** Wall-clock ms at which each client's socket opened again since `watch` (null: not by `until`). */
  openedAt: (number | null)[];
  /** Keys written on a client's board that its document lacked at the answer, summed over the clients. */
  missing: number;
  /** This process's CPU ms from `watch` to the answer. */
  cpuMs: number;
}

process.setMaxListeners(0); // each stock provider adds an exit listener
let clients: BenchClient[] = [];
let boardOf: string[] = [];
let latencies: number[] = [];
/** Every key written on each board (`mark`), all clients of a board being in this process. */
let keys = new Map<string, string[]>();
let syncedAt: (number | null)[] = [];
let openedAt: (number | null)[] = [];
let watchCpu = process.cpuUsage();
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;
const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Keys of `of` (by board) that client i's document lacks. */
const lacking = (i: number, of: Map<string, string[]>) => {
  const held = clients[i]!.doc.getMap('g9');
  return (of.get(boardOf[i]!) ?? []).filter((key) => !held.has(key)).length;
};
const lackingAll = (of: Map<string, string[]>) => clients.reduce((sum, _, i) => sum + lacking(i, of), 0);

process.on('message', async (request: WorkerRequest) => {
  if (request.op === 'connect') {
    clients = request.clients.map(({ port, board }) => connect(request.kind, port, board));
    boardOf = request.clients.map(({ board }) => board);
    keys = new Map();
    await Promise.all(clients.map((c) => c.synced));
    latencies = recordLatencies(clients);
    process.send!({ op: 'connected' });
  } else if (request.op === 'type') {
    latencies.length = 0;
    const before = process.cpuUsage();
    await keepTyping(clients, request.editsPerSecond, request.ms);
    const cpu = process.cpuUsage(before);
    const report: TypedReport = {
      op: 'typed',
      // Rounded to 0.01 ms: the message stays small at tens of thousands of updates a second.
      latencies: latencies.map((l) => Math.round(l * 100) / 100),
      cpuMs: (cpu.user + cpu.system) / 1000,
      heapMb: heapMb(),
    };
    process.send!(report);
  } else if (request.op === 'disconnect') {
    clients.forEach((c) => c.destroy());
    clients = [];
    latencies = [];
    // Closing sockets settle on the next turns; then a collection, so the heap shows what stays.
    await new Promise((r) => setTimeout(r, 500));
    globalThis.gc?.();
    process.send!({ op: 'disconnected', heapMb: heapMb() });
  } else if (request.op === 'mark') {
    const written = new Map<string, string[]>();
    clients.forEach((c, i) => {
      const key = `${request.tag}/${process.pid}/${i}`;
      c.doc.getMap('g9').set(key, true);
      written.set(boardOf[i]!, [...(written.get(boardOf[i]!) ?? []), key]);
      keys.set(boardOf[i]!, [...(keys.get(boardOf[i]!) ?? []), key]);
    });
    const end = performance.now() + request.waitMs;
    while (request.settle && lackingAll(written) > 0 && performance.now() < end) await sleep(50);
    const report: MarkedReport = {
      op: 'marked',
      keys: Object.fromEntries(written),
      unsettled: clients.filter((_, i) => lacking(i, written) > 0).length,
    };
    process.send!(report);
  } else if (request.op === 'watch') {
    watchCpu = process.cpuUsage();
    syncedAt = clients.map(() => null);
    openedAt = clients.map(() => null);
    clients.forEach((c, i) => {
      void c.nextSync().then(() => (syncedAt[i] = wallClock()));
      void c.nextOpen().then(() => (openedAt[i] = wallClock()));
    });
    process.send!({ op: 'watching' });
  } else if (request.op === 'resynced') {
    while ((syncedAt.includes(null) || lackingAll(keys) > 0) && wallClock() < request.until) await sleep(50);
    const cpu = process.cpuUsage(watchCpu);
    const report: ResyncedReport = {
      op: 'resynced',
      syncedAt,
      openedAt,
      missing: lackingAll(keys),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    process.send!(report);
  }
});
process.send!({ op: 'ready' });
