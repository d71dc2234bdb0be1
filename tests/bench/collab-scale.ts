import { cpus } from 'node:os';
import { openDatabase } from '~/db/connection.server';
import { freePort } from '../collab/harness';
import { adminQuery, createDatabase } from '../db/admin-query';
import { TEST_REDIS_URL } from '../redis';
import { serviceCpu, systemCpu } from './proc-cpu';
import { forkClients, forkServer, migrateWithBoards, percentile, type ServerStats } from './collab-clients';
import { fixed, loadAverage, median } from './summary';

/**
 * `npm run bench:collab-scale`: what a second collab-server process adds (issue 18, "collab scale-out
 * ratio"). One of our servers alone, against two sharing one Postgres database and Redis fan-out, with
 * the clients of every board spread over both (as a round-robin proxy spreads them: the worst case, since
 * each instance then applies every edit of the board), or with BENCH_SPREAD=boards each board's clients
 * all on one instance (as a proxy that routes by the board in the URL would place them).
 *
 * BENCH_BOARDS boards with BENCH_PER_BOARD clients each (alternately on each instance) stay connected
 * while the typing rate rises step by step (BENCH_RATES edits a second per client, BENCH_SECONDS each); a
 * set-up's capacity is the most updates delivered per second at a step whose edit-to-remote p95 stays
 * within BENCH_P95_MS, refined by one step halfway between the last rate within the bound and the first
 * past it. The two set-ups take turns (one first in odd rounds, two first in even ones) for BENCH_ROUNDS
 * rounds; the ratio is taken per round and reported as the median with its range.
 *
 * The clients run in BENCH_CLIENT_PROCESSES processes (collab-client-worker.ts), on the same cores as the
 * servers, Postgres and Redis; every step prints each one's share of a core, so a reader sees what
 * saturated: a capacity found where the clients or the machine gave out says nothing about the servers.
 */
const BOARDS = Number(process.env.BENCH_BOARDS ?? 100);
const PER_BOARD = Number(process.env.BENCH_PER_BOARD ?? 8);
const RATES = (process.env.BENCH_RATES ?? '0.25,0.5,1,1.5,2,3,4').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const P95_MS = Number(process.env.BENCH_P95_MS ?? 50);
const PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
/** `clients`: a board's clients alternate between the instances; `boards`: all on one (a proxy routing by board). */
const SPREAD = (process.env.BENCH_SPREAD ?? 'clients') as 'clients' | 'boards';
if (SPREAD !== 'clients' && SPREAD !== 'boards') throw new Error(`BENCH_SPREAD: clients or boards, not ${SPREAD}`);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.REDIS_URL ?? TEST_REDIS_URL;

interface Step {
  rate: number;
  delivered: number;
  p50: number;
  p95: number;
  /** Server CPU (all instances) per 1,000 delivered updates. */
  cpuPerThousand: number;
  /** Shares of a core over the step: each server, each client process, Postgres and Redis (whole services). */
  servers: number[];
  clients: number[];
  postgres: number;
  redis: number;
  /** The machine's busy share of all its cores (everything on it, other people's work too). */
  machine: number;
  /** The largest client process heap at the step's end, MB. */
  clientHeapMb: number;
}

const name = `collab_scale_${process.pid}`;
const admin = (text: string) => adminQuery(SERVER, text);
await admin(`drop database if exists ${name} with (force)`);
const url = await createDatabase(SERVER, name);
const setupDb = await openDatabase({ url });
const boards = await migrateWithBoards(setupDb, BOARDS);
await setupDb.close();
const clients = await forkClients(PROCESSES);

/** One set-up (`instances` servers) at every rate, then one halfway where the p95 first went past the bound. */
async function run(instances: 1 | 2, round: number): Promise<Step[]> {
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const fanout: Record<string, string> =
    instances > 1 ? { BENCH_REDIS_URL: REDIS, BENCH_REDIS_PREFIX: `bench-scale-${process.pid}-${round}:` } : {};
  const servers = await Promise.all(
    ports.map((port) =>
      forkServer(['ours-postgres', String(port), '0'], {
        BENCH_SHARED_DATABASE_URL: url,
        BENCH_BOARD_IDS: boards.join(','),
        ...fanout,
      }),
    ),
  );
  const steps: Step[] = [];
  try {
    await clients.connect('ours', boards, (b) =>
      Array.from({ length: PER_BOARD }, (_, j) => ports[(SPREAD === 'clients' ? j : b) % instances]!),
    );
    const step = async (rate: number) => {
      const before = await Promise.all(servers.map((s) => s.stats()));
      const systemBefore = systemCpu();
      const started = performance.now();
      const reports = await clients.type(rate, SECONDS * 1000);
      const elapsed = performance.now() - started;
      const systemAfter = systemCpu();
      const after = await Promise.all(servers.map((s) => s.stats()));
      const cpu = after.map((a: ServerStats, i) => a.cpuMs - before[i]!.cpuMs);
      const sorted = reports.flatMap((r) => r.latencies).sort((x, y) => x - y);
      const share = (ms: number) => ms / elapsed;
      const result: Step = {
        rate,
        delivered: sorted.length / (elapsed / 1000),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        cpuPerThousand: (cpu.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)) * 1000,
        servers: cpu.map(share),
        clients: reports.map((r) => share(r.cpuMs)),
        postgres: share(serviceCpu(systemBefore, systemAfter, 'postgres')),
        redis: share(serviceCpu(systemBefore, systemAfter, 'redis')),
        machine:
          (systemAfter.machineBusy - systemBefore.machineBusy) / (systemAfter.machineAll - systemBefore.machineAll),
        clientHeapMb: Math.max(...reports.map((r) => r.heapMb)),
      };
      steps.push(result);
      print(round, instances, result);
      return result;
    };
    let within = 0;
    for (const rate of RATES) {
      const result = await step(rate);
      if (result.p95 > P95_MS) {
        if (within > 0) await step((within + rate) / 2);
        break;
      }
      within = rate;
    }
  } finally {
    const heaps = await clients.disconnect();
    console.log(`        client heaps after disconnecting (MB): ${heaps.map((h) => fixed(h, 0)).join(', ')}`);
    await Promise.all(servers.map((s) => s.stop()));
  }
  return steps;
}

const pct = (share: number) => fixed(share * 100, 0);
function print(round: number, instances: number, s: Step) {
  console.log(
    [
      String(round).padStart(5),
      String(instances).padStart(4),
      fixed(s.rate, 2).padStart(6),
      fixed(s.delivered, 0).padStart(9),
      fixed(s.p50, 1).padStart(6),
      fixed(s.p95, 1).padStart(7),
      fixed(s.cpuPerThousand, 0).padStart(10),
      s.servers.map(pct).join('+').padStart(9),
      `${pct(s.clients.reduce((a, b) => a + b, 0))} (${s.clients.map(pct).join('+')})`.padStart(19),
      pct(s.postgres).padStart(4),
      pct(s.redis).padStart(5),
      pct(s.machine).padStart(7),
      fixed(s.clientHeapMb, 0).padStart(7),
    ].join('  '),
  );
}

/** The most delivered updates a second at a step within the p95 bound (0: none was). */
const capacity = (steps: Step[]) => Math.max(0, ...steps.filter((s) => s.p95 <= P95_MS).map((s) => s.delivered));

console.log(`load average (1/5/15 min) at start: ${loadAverage()}; ${cpus().length} cores`);
console.log(
  `${BOARDS} boards × ${PER_BOARD} clients (${SPREAD === 'clients' ? 'alternately on each instance' : 'each board on one instance'}), ${SECONDS} s per step, p95 bound ${P95_MS} ms, clients in ${PROCESSES} processes`,
);
console.log("shares are % of one core over the step; machine: % of all cores busy (anyone's work)");
console.log(
  'round  set  edit/s  upd/s     p50 ms  p95 ms   CPU ms/1k  servers %  clients % (each)     pg  redis  machine  heap MB',
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
  clients.stop();
  await admin(`drop database if exists ${name} with (force)`);
}
console.log(`\nload average at end: ${loadAverage()}`);
console.log(
  `capacity within p95 ${P95_MS} ms, one instance (upd/s per round): ${capacities[1].map((c) => fixed(c, 0)).join(', ')}`,
);
console.log(
  `capacity within p95 ${P95_MS} ms, two instances (upd/s per round): ${capacities[2].map((c) => fixed(c, 0)).join(', ')}`,
);
console.log(`ratio per round: ${ratios.map((r) => fixed(r, 2)).join(', ')}`);
console.log(
  `collab scale-out ratio: ${fixed(median(ratios), 2)} (range ${fixed(Math.min(...ratios), 2)}–${fixed(Math.max(...ratios), 2)})`,
);
process.exit(0);
