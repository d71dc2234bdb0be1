import { loadavg } from 'node:os';
import { openDatabase } from '~/db/connection.server';
import { freePort } from '../collab/harness';
import { adminQuery, createDatabase } from '../db/admin-query';
import { TEST_REDIS_URL } from '../redis';
import {
  connect,
  forkServer,
  keepTyping,
  migrateWithBoards,
  percentile,
  recordLatencies,
  type ServerStats,
} from './collab-clients';

/**
 * `npm run bench:collab-scale`: what a second collab-server process adds (issue 18, "collab scale-out
 * ratio"). One of our servers alone, against two sharing one Postgres database and Redis fan-out, with
 * the clients of every board spread over both (as a round-robin proxy spreads them: the worst case, since
 * each instance then applies every edit of the board). The load rises step by step (BENCH_LEVELS clients
 * on BENCH_BOARDS boards, each typing BENCH_EDITS edits a second for BENCH_SECONDS); a set-up's capacity is
 * the most edits delivered per second at a step whose edit-to-remote p95 stays within BENCH_P95_MS. The
 * two set-ups take turns (one first in odd rounds, two first in even ones) for BENCH_ROUNDS rounds, and
 * the ratio is taken per round and reported as the median with its range.
 *
 * The clients (the load) run in this process, on the same two cores as the servers, Postgres and Redis:
 * its CPU is printed too, because when it saturates it is the clients, not the servers, that are measured.
 */
process.setMaxListeners(0);
const LEVELS = (process.env.BENCH_LEVELS ?? '200,400,600,800,1200').split(',').map(Number);
const BOARDS = Number(process.env.BENCH_BOARDS ?? 100);
const EDITS = Number(process.env.BENCH_EDITS ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const P95_MS = Number(process.env.BENCH_P95_MS ?? 50);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.REDIS_URL ?? TEST_REDIS_URL;

interface Step {
  clients: number;
  delivered: number;
  p50: number;
  p95: number;
  /** Server CPU (all processes) per 1,000 delivered updates, and the busiest process's share of a core. */
  cpuPerThousand: number;
  busiest: number;
  /** This process's (the clients') share of a core. */
  clientCpu: number;
}

const name = `collab_scale_${process.pid}`;
const admin = (text: string) => adminQuery(SERVER, text);
await admin(`drop database if exists ${name} with (force)`);
const url = await createDatabase(SERVER, name);
const setupDb = await openDatabase({ url });
const boards = await migrateWithBoards(setupDb, BOARDS);
await setupDb.close();

/** One set-up (`instances` servers) through every step of the load; stops early once p95 is far past the bound. */
async function run(instances: 1 | 2, round: number): Promise<Step[]> {
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const fanout: Record<string, string> =
    instances > 1 ? { BENCH_REDIS_URL: REDIS, BENCH_REDIS_PREFIX: `bench-scale-${process.pid}-${round}:` } : {};
  const servers = await Promise.all(
    ports.map((port) =>
      forkServer(['ours-postgres', String(port), '0'], {
        BENCH_SHARED_DATABASE_URL: url,
        BENCH_BOARDS: boards.join(','),
        ...fanout,
      }),
    ),
  );
  const steps: Step[] = [];
  try {
    for (const count of LEVELS) {
      // Client i is on board i mod BOARDS and, across boards' clients, alternately on each instance.
      const clients = Array.from({ length: count }, (_, i) =>
        connect('ours', ports[Math.floor(i / BOARDS) % instances]!, boards[i % BOARDS]!),
      );
      await Promise.all(clients.map((c) => c.synced));
      const latencies = recordLatencies(clients);
      const before = await Promise.all(servers.map((s) => s.stats()));
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      await keepTyping(clients, EDITS, SECONDS * 1000);
      const elapsed = performance.now() - started;
      const clientCpu = process.cpuUsage(clientBefore);
      const after = await Promise.all(servers.map((s) => s.stats()));
      clients.forEach((c) => c.destroy());
      const cpu = after.map((a: ServerStats, i) => a.cpuMs - before[i]!.cpuMs);
      const sorted = latencies.sort((x, y) => x - y);
      const step: Step = {
        clients: count,
        delivered: latencies.length / (elapsed / 1000),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        cpuPerThousand: (cpu.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)) * 1000,
        busiest: Math.max(...cpu) / elapsed,
        clientCpu: (clientCpu.user + clientCpu.system) / 1000 / elapsed,
      };
      steps.push(step);
      print(round, instances, step);
      // Boards unload once their last client is gone; a moment for that before the next step.
      await new Promise((r) => setTimeout(r, 1000));
      if (step.p95 > 4 * P95_MS) break;
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return steps;
}

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const pct = (share: number) => `${f(share * 100)}%`;
function print(round: number, instances: number, s: Step) {
  console.log(
    [
      String(round).padStart(5),
      String(instances).padStart(9),
      String(s.clients).padStart(7),
      f(s.delivered).padStart(15),
      f(s.p50, 1).padStart(6),
      f(s.p95, 1).padStart(6),
      f(s.cpuPerThousand).padStart(21),
      pct(s.busiest).padStart(15),
      pct(s.clientCpu).padStart(11),
    ].join('  '),
  );
}

/** The most delivered updates a second at a step within the p95 bound (0: none was). */
const capacity = (steps: Step[]) => Math.max(0, ...steps.filter((s) => s.p95 <= P95_MS).map((s) => s.delivered));

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average (1/5/15 min) at start: ${load()}`);
console.log(
  `${BOARDS} boards, ${EDITS} edit/s per client, ${SECONDS} s per step, p95 bound ${P95_MS} ms, clients spread over the instances`,
);
console.log(
  'round  instances  clients  delivered upd/s  p50 ms  p95 ms  server CPU ms / 1,000  busiest server  client CPU',
);
const ratios: number[] = [];
const capacities: Record<1 | 2, number[]> = { 1: [], 2: [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const order: (1 | 2)[] = round % 2 === 1 ? [1, 2] : [2, 1];
    const found = {} as Record<1 | 2, number>;
    for (const instances of order) found[instances] = capacity(await run(instances, round));
    capacities[1].push(found[1]);
    capacities[2].push(found[2]);
    ratios.push(found[1] > 0 ? found[2] / found[1] : NaN);
  }
} finally {
  await admin(`drop database if exists ${name} with (force)`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`\nload average at end: ${load()}`);
console.log(
  `capacity within p95 ${P95_MS} ms, one instance (upd/s per round): ${capacities[1].map((c) => f(c)).join(', ')}`,
);
console.log(
  `capacity within p95 ${P95_MS} ms, two instances (upd/s per round): ${capacities[2].map((c) => f(c)).join(', ')}`,
);
console.log(`ratio per round: ${ratios.map((r) => f(r, 2)).join(', ')}`);
console.log(
  `collab scale-out ratio: ${f(median(ratios), 2)} (range ${f(Math.min(...ratios), 2)}–${f(Math.max(...ratios), 2)})`,
);
process.exit(0);
