import { connect, keepTyping, recordLatencies, type BenchClient, type ServerKind } from './collab-clients';

/**
 * One process of benchmark clients (`forkClients` in collab-clients.ts): the load of a collab benchmark is
 * spread over several of these, so that no single event loop of clients is what saturates. The parent
 * gives each process whole boards (all clients of a board, whichever server they are on), so the
 * edit-to-remote latency is taken between a sender and receivers on this process's clock.
 *
 * Messages from the parent: `connect` (these clients, answered once all are synced), `type` (every client
 * types at a rate for a time; answered with the latencies seen, this process's CPU and heap), `disconnect`
 * (every client destroyed, documents included; answered with the heap after a collection).
 */
export type WorkerRequest =
  | { op: 'connect'; kind: ServerKind; clients: { port: number; board: string }[] }
  | { op: 'type'; editsPerSecond: number; ms: number }
  | { op: 'disconnect' };

export interface TypedReport {
  op: 'typed';
  latencies: number[];
  cpuMs: number;
  heapMb: number;
  rssMb: number;
}

process.setMaxListeners(0); // each stock provider adds an exit listener
let clients: BenchClient[] = [];
let latencies: number[] = [];
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

process.on('message', async (request: WorkerRequest) => {
  if (request.op === 'connect') {
    clients = request.clients.map(({ port, board }) => connect(request.kind, port, board));
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
      rssMb: process.memoryUsage().rss / 1024 / 1024,
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
  }
});
process.send!({ op: 'ready' });
