import { loadavg } from 'node:os';
import { freePort } from '../collab/harness';
import {
  connect,
  forkServer,
  keepTyping,
  percentile as pct,
  recordLatencies,
  type BenchClient,
} from './collab-clients';

/**
 * `npm run bench:collab`: N headless clients on M boards typing at a set rate, against our collab-server
 * in its production configuration (standalone, Postgres server through DATABASE_URL) and its embedded
 * configuration (PGlite, no DATABASE_URL), @y/websocket-server and @hocuspocus/server (each in its own
 * process, same load). Latency is from the edit to the moment another client of the board sees it (all
 * clients share this process's clock).
 *
 * BENCH_SECONDS (default 10); BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres: a
 * fresh database is created on that server and dropped after); BENCH_KINDS (comma list; also the
 * experiments `ours-pglite-inprocess` and `ours-nopersist`, never part of the default run);
 * BENCH_SCENARIOS (comma list of indices); BENCH_CPU_PROF (a directory: each server writes a CPU profile
 * of the measured window there).
 */
process.setMaxListeners(0); // each stock provider adds an exit listener
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const ALL_KINDS = [
  'ours-postgres',
  'ours-pglite',
  'ywss',
  'hocuspocus',
  'ours-pglite-inprocess',
  'ours-nopersist',
] as const;
type Kind = (typeof ALL_KINDS)[number];
const LABELS: Record<Kind, string> = {
  'ours-postgres': 'ours, production (standalone, Postgres via DATABASE_URL)',
  'ours-pglite': 'ours, embedded (PGlite in a worker thread)',
  ywss: '@y/websocket-server (no persistence)',
  hocuspocus: '@hocuspocus/server (no persistence)',
  'ours-pglite-inprocess': 'ours, EXPERIMENT: PGlite on the server loop',
  'ours-nopersist': 'ours, EXPERIMENT: persistence disabled',
};
const KINDS = (process.env.BENCH_KINDS?.split(',') ?? ['ours-postgres', 'ours-pglite', 'ywss', 'hocuspocus']) as Kind[];
for (const kind of KINDS) if (!ALL_KINDS.includes(kind)) throw new Error(`unknown BENCH_KINDS entry ${kind}`);
const ALL_SCENARIOS = [
  { name: '50 clients, 1 board', clients: 50, boards: 1, editsPerSecond: 1 },
  { name: '500 clients, 100 boards', clients: 500, boards: 100, editsPerSecond: 0.5 },
];
const SCENARIOS = process.env.BENCH_SCENARIOS
  ? process.env.BENCH_SCENARIOS.split(',').map((i) => ALL_SCENARIOS[Number(i)]!)
  : ALL_SCENARIOS;
const isOurs = (kind: Kind) => kind.startsWith('ours');

/** One server with its clients connected and synced; typing happens only in `slice`s. */
async function setUp(kind: Kind, scenario: (typeof SCENARIOS)[number]) {
  const port = await freePort();
  const server = await forkServer([kind, String(port), String(scenario.boards)]);
  const clients: BenchClient[] = Array.from({ length: scenario.clients }, (_, i) =>
    connect(isOurs(kind) ? 'ours' : (kind as 'ywss' | 'hocuspocus'), port, server.boards[i % server.boards.length]!),
  );
  await Promise.all(clients.map((c) => c.synced));
  const latencies = recordLatencies(clients);
  let typedMs = 0;
  let cpuMs = 0;
  let last = { cpuMs: 0, rssMb: 0, lagMs: 0 };
  return {
    /** Every client types at the scenario's rate for `ms`, then the server settles. */
    async slice(ms: number) {
      const before = await server.stats();
      await keepTyping(clients, scenario.editsPerSecond, ms);
      last = await server.stats();
      typedMs += ms;
      cpuMs += last.cpuMs - before.cpuMs;
    },
    async finish() {
      clients.forEach((c) => c.destroy());
      await server.stop();
      const sorted = latencies.sort((x, y) => x - y);
      return {
        p50: pct(sorted, 50),
        p95: pct(sorted, 95),
        p99: pct(sorted, 99),
        msgsPerSecond: latencies.length / (typedMs / 1000),
        cpu: cpuMs / typedMs,
        rssMb: last.rssMb,
        lagMs: last.lagMs,
      };
    },
  };
}

/**
 * All servers of a scenario are up at once (idle ones cost next to nothing) and take turns: slices of
 * BENCH_SLICE_SECONDS (default 2) in rotating order until each had BENCH_SECONDS of typing, so a burst of
 * load from elsewhere on the machine falls on every server alike instead of on whichever ran then.
 */
async function runScenario(scenario: (typeof SCENARIOS)[number]) {
  const sliceMs = Math.min(DURATION_MS, Number(process.env.BENCH_SLICE_SECONDS ?? 2) * 1000);
  const setups = [] as [Kind, Awaited<ReturnType<typeof setUp>>][];
  for (const kind of KINDS) setups.push([kind, await setUp(kind, scenario)]);
  for (let done = 0, round = 0; done < DURATION_MS; done += sliceMs, round++) {
    const ms = Math.min(sliceMs, DURATION_MS - done);
    for (let i = 0; i < setups.length; i++) await setups[(i + round) % setups.length]![1].slice(ms);
  }
  const results = {} as Record<Kind, Awaited<ReturnType<Awaited<ReturnType<typeof setUp>>['finish']>>>;
  for (const [kind, setup] of setups) results[kind] = await setup.finish();
  return results;
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const ratios: string[] = [];
let ratio = NaN;
const width = Math.max(...KINDS.map((k) => LABELS[k].length));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average (1/5/15 min) at start: ${load()}`);
for (const scenario of SCENARIOS) {
  console.log(
    `\n${scenario.name}, ${scenario.editsPerSecond} edit/s per client, ${DURATION_MS / 1000} s each (interleaved)`,
  );
  console.log(`${'server'.padEnd(width)}  p50 ms  p95 ms  p99 ms  recv msg/s  server CPU  RSS MB  persist lag ms`);
  const results = await runScenario(scenario);
  for (const kind of KINDS) {
    const r = results[kind];
    console.log(
      `${LABELS[kind].padEnd(width)}  ${f(r.p50).padStart(6)}  ${f(r.p95).padStart(6)}  ${f(r.p99).padStart(6)}  ${f(r.msgsPerSecond, 0).padStart(10)}  ${`${f(r.cpu * 100, 0)}%`.padStart(10)}  ${f(r.rssMb, 0).padStart(6)}  ${isOurs(kind) ? f(r.lagMs, 0) : '-'}`,
    );
  }
  const fastestPeer = Math.min(
    ...(['ywss', 'hocuspocus'] as const).filter((k) => results[k]).map((k) => results[k].p95),
  );
  for (const kind of KINDS.filter(isOurs)) {
    ratios.push(`${scenario.name}: ${kind} p95 ratio to fastest peer ${f(results[kind].p95 / fastestPeer, 2)}`);
  }
  if (scenario.boards === 1) ratio = (results['ours-postgres']?.p95 ?? NaN) / fastestPeer;
}
console.log(`\nload average at end: ${load()}`);
for (const line of ratios) console.log(line);
// The deployed-for-scale configuration (production: standalone on Postgres), 50 clients on one board.
console.log(`collab p95 ratio to fastest peer: ${f(ratio, 2)}`);
process.exit(0);
