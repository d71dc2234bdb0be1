import { freePort } from '../collab/harness';
import {
  connect,
  forkServer,
  keepTyping,
  percentile as pct,
  recordLatencies,
  type BenchClient,
} from './collab-clients';
import { runGoals } from './collab-goals';
import { fixed, loadAverage, median } from './summary';

/**
 * `npm run bench:collab`: N headless clients on M boards typing at a set rate, against our collab-server
 * in its production configuration (standalone, Postgres server through DATABASE_URL) and its embedded
 * configuration (PGlite, no DATABASE_URL), @y/websocket-server and @hocuspocus/server (each in its own
 * process, same load), and the floor (`floor` in server.ts: a relay that sends each update on as it came,
 * before doing anything else, and checks and keeps nothing): how close to it any server can come is what
 * the race can show at all. Latency is from the edit to the moment another client of the board sees it
 * (all clients share this process's clock).
 *
 * The second figure is the server's CPU time (process.cpuUsage of its process over the slice) per 1,000
 * updates delivered to clients: steadier than a tail latency on a shared machine.
 *
 * BENCH_ROUNDS (default 5); BENCH_SECONDS (per server and round, default 6); BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres: a
 * fresh database is created on that server and dropped after); BENCH_KINDS (comma list; also the
 * experiments `ours-pglite-inprocess` and `ours-nopersist`, never part of the default run; `~N` after one of ours
 * gives it a flush delay of N ms);
 * BENCH_SCENARIOS (comma list of indices); BENCH_GOALS (comma list, default g2: this race; g3, g4, g5, g6, g7, g9
 * are the other capacity goals, in collab-goals.ts, with their own knobs there); BENCH_CPU_PROF (a directory: each server writes a CPU profile
 * of the measured window there).
 */
process.setMaxListeners(0); // each stock provider adds an exit listener
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SLICE_MS = Number(process.env.BENCH_SECONDS ?? 6) * 1000;
const ALL_KINDS = [
  'ours-postgres',
  'ours-pglite',
  'ywss',
  'hocuspocus',
  'ours-pglite-inprocess',
  'ours-nopersist',
  'floor',
] as const;
type Kind = (typeof ALL_KINDS)[number];
const LABELS: Record<Kind, string> = {
  'ours-postgres': 'ours, production (standalone, Postgres via DATABASE_URL)',
  'ours-pglite': 'ours, embedded (PGlite in a worker thread)',
  ywss: '@y/websocket-server (no persistence)',
  hocuspocus: '@hocuspocus/server (no persistence)',
  'ours-pglite-inprocess': 'ours, EXPERIMENT: PGlite on the server loop',
  'ours-nopersist': 'ours, EXPERIMENT: persistence disabled',
  floor: 'the floor: relays as received, checks and keeps nothing',
};
const KINDS = (process.env.BENCH_KINDS?.split(',') ?? [
  'ours-postgres',
  'ours-pglite',
  'ywss',
  'hocuspocus',
  'floor',
]) as Kind[];
/** `ours-pglite~250`: one of ours with another flush delay (ms), to weigh it against the default in one run. */
const baseKind = (kind: string) => kind.split('~')[0] as Kind;
for (const kind of KINDS) if (!ALL_KINDS.includes(baseKind(kind))) throw new Error(`unknown BENCH_KINDS entry ${kind}`);
const label = (kind: Kind) =>
  kind.includes('~') ? `${LABELS[baseKind(kind)]}, flush every ${kind.split('~')[1]} ms` : LABELS[kind];
const ALL_SCENARIOS = [
  { name: '50 clients, 1 board', clients: 50, boards: 1, editsPerSecond: 1 },
  { name: '500 clients, 100 boards', clients: 500, boards: 100, editsPerSecond: 0.5 },
];
const SCENARIOS = process.env.BENCH_SCENARIOS
  ? process.env.BENCH_SCENARIOS.split(',').map((i) => ALL_SCENARIOS[Number(i)]!)
  : ALL_SCENARIOS;
const isOurs = (kind: Kind) => kind.startsWith('ours');

/** What one server did in one slice: its clients' latencies and the server's CPU for the updates it relayed. */
interface Slice {
  latencies: number[];
  cpuMs: number;
}

/** One server with its clients connected and synced; typing happens only in `slice`s. */
async function setUp(kind: Kind, scenario: (typeof SCENARIOS)[number]) {
  const port = await freePort();
  const server = await forkServer([kind, String(port), String(scenario.boards)]);
  const clients: BenchClient[] = Array.from({ length: scenario.clients }, (_, i) =>
    connect(
      isOurs(kind) ? 'ours' : kind === 'hocuspocus' ? 'hocuspocus' : 'ywss',
      port,
      server.boards[i % server.boards.length]!,
    ),
  );
  await Promise.all(clients.map((c) => c.synced));
  const latencies = recordLatencies(clients);
  let last = { cpuMs: 0, rssMb: 0, lagMs: 0 };
  return {
    /** Every client types at the scenario's rate for `ms`, then the server settles. */
    async slice(ms: number): Promise<Slice> {
      latencies.length = 0;
      const before = await server.stats();
      await keepTyping(clients, scenario.editsPerSecond, ms);
      last = await server.stats();
      return { latencies: latencies.splice(0), cpuMs: last.cpuMs - before.cpuMs };
    },
    last: () => last,
    async finish() {
      clients.forEach((c) => c.destroy());
      await server.stop();
    },
  };
}

/**
 * All servers of a scenario are up at once (idle ones cost next to nothing) and take turns: in each of
 * BENCH_ROUNDS rounds every server types for BENCH_SECONDS, the order rotated by one per round. A ratio is
 * taken within a round (the servers' slices are seconds apart) and the median of the rounds is reported:
 * one burst of load from elsewhere on the machine then spoils one round, not the figure.
 */
async function runScenario(scenario: (typeof SCENARIOS)[number]) {
  const setups = [] as [Kind, Awaited<ReturnType<typeof setUp>>][];
  for (const kind of KINDS) setups.push([kind, await setUp(kind, scenario)]);
  const rounds: Record<Kind, Slice>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const slices = {} as Record<Kind, Slice>;
    for (let i = 0; i < setups.length; i++) {
      const [kind, setup] = setups[(i + round) % setups.length]!;
      slices[kind] = await setup.slice(SLICE_MS);
    }
    rounds.push(slices);
    console.log(
      `  round ${round + 1}: ${KINDS.map((k) => `${k} p95 ${fixed(p95(slices[k].latencies))} ms, ${fixed(cpuPerThousand(slices[k]))} CPU ms/1000`).join('; ')}`,
    );
  }
  const last = Object.fromEntries(setups.map(([kind, setup]) => [kind, setup.last()])) as Record<
    Kind,
    ReturnType<(typeof setups)[number][1]['last']>
  >;
  for (const [, setup] of setups) await setup.finish();
  return { rounds, last };
}

const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const p95 = (xs: number[]) => pct(sorted(xs), 95);
/** Server CPU ms per 1,000 updates delivered to clients. */
const cpuPerThousand = (s: Slice) => (s.cpuMs / s.latencies.length) * 1000;
/** "median (min–max)" of per-round figures. */
const spread = (xs: number[]) => `${fixed(median(xs), 2)} (${fixed(Math.min(...xs), 2)}–${fixed(Math.max(...xs), 2)})`;
const PEERS = (['ywss', 'hocuspocus'] as const).filter((k) => KINDS.includes(k));

// The other capacity goals first (collab-goals.ts), so the G2 line stays the last.
const goals = (process.env.BENCH_GOALS ?? 'g2').split(',');
const others = goals.filter((g) => g !== 'g2');
if (others.length > 0) await runGoals(others);
if (!goals.includes('g2')) process.exit(0);

const summary: string[] = [];
let ratio = NaN;
const width = Math.max(...KINDS.map((k) => label(k).length));
console.log(`load average (1/5/15 min) at start: ${loadAverage()}`);
for (const scenario of SCENARIOS) {
  console.log(
    `\n${scenario.name}, ${scenario.editsPerSecond} edit/s per client, ${ROUNDS} rounds of ${SLICE_MS / 1000} s each (interleaved)`,
  );
  const { rounds, last } = await runScenario(scenario);
  console.log(
    `${'server'.padEnd(width)}  p50 ms  p95 ms  p99 ms  median round p95  recv msg/s  CPU ms/1000 updates  RSS MB  persist lag ms`,
  );
  for (const kind of KINDS) {
    const all = sorted(rounds.flatMap((r) => r[kind].latencies));
    const cpuMs = rounds.reduce((sum, r) => sum + r[kind].cpuMs, 0);
    console.log(
      `${label(kind).padEnd(width)}  ${fixed(pct(all, 50)).padStart(6)}  ${fixed(pct(all, 95)).padStart(6)}  ${fixed(pct(all, 99)).padStart(6)}  ${fixed(median(rounds.map((r) => p95(r[kind].latencies)))).padStart(16)}  ${fixed(all.length / ((ROUNDS * SLICE_MS) / 1000), 0).padStart(10)}  ${fixed((cpuMs / all.length) * 1000).padStart(19)}  ${fixed(last[kind].rssMb, 0).padStart(6)}  ${isOurs(kind) ? fixed(last[kind].lagMs, 0) : '-'}`,
    );
  }
  if (PEERS.length === 0) continue;
  for (const kind of KINDS.filter((k) => isOurs(k) || k === 'floor')) {
    // Ratios to the best peer of the same round, then their median over the rounds.
    const p95Ratios = rounds.map((r) => p95(r[kind].latencies) / Math.min(...PEERS.map((k) => p95(r[k].latencies))));
    const cpuRatios = rounds.map((r) => cpuPerThousand(r[kind]) / Math.min(...PEERS.map((k) => cpuPerThousand(r[k]))));
    summary.push(
      `${scenario.name}: ${kind} to best peer: p95 ${spread(p95Ratios)}, CPU per update ${spread(cpuRatios)}`,
    );
    // G2 is 50 clients on one board; both configurations must be ahead, so the worse one counts (the floor is no configuration).
    if (scenario.boards === 1 && (kind === 'ours-postgres' || kind === 'ours-pglite')) {
      ratio = Number.isNaN(ratio) ? median(p95Ratios) : Math.max(ratio, median(p95Ratios));
    }
  }
}
console.log(`\nload average at end: ${loadAverage()}`);
for (const line of summary) console.log(line);
console.log(
  '(median of the rounds, range in brackets; G2 goal: p95 ratio ≤ 0.8 for both configurations; the floor bounds what any server can reach here)',
);
console.log(`collab p95 ratio to fastest peer: ${fixed(ratio, 2)}`);
process.exit(0);
