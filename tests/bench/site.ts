/**
 * `npm run bench:site` (issue 18): the capacity of one app process at national scale. Generates ten
 * times the demo (1,000 members, 350 municipalities, 10,000 advices, 50,000 signals, 200,000
 * questionnaire answers), starts the production server on it, and lets BENCH_USERS (50) simulated people
 * at once click through the main pages of their role, each page as soon as the last one arrived:
 * members (home, pool, sessions, calendar, board page, register search, an advice, notifications),
 * coordinators (home, signals, patterns, questionnaire results, sessions, register filters), municipality
 * readers (home, register, a search, monitoring, an advice) and admins (home, admin, people). Prints p50/p95
 * per page and overall, for the embedded default and for a Postgres server (DATABASE_URL); then, on the
 * Postgres server, the same load through a round-robin proxy over two app processes against one process.
 * Each run also prints CPU ms per request of the app process(es), of Postgres (every process named
 * `postgres`, whoever's) and of this process (the simulated people and the proxy), and how busy the
 * machine was: what carries to a machine of another size. Last lines: `site p95 ms: X` (the slowest page's p95 in either configuration) and `site scale-out ratio:
 * X` (requests per second of two processes over one, same users). It never fails on time.
 *
 * BENCH_THINK_MS (0): each person reads a page for a while before the next click, on average this long
 * (exponentially distributed, at most four times the mean, first click at a random moment within it).
 * 0 is the closed loop above, which measures one process at saturation; people who read what they open
 * give the latencies a population of that size meets (docs/decisions/020-site-benchmark-with-reading-time.md).
 *
 * BENCH_CONFIGS=embedded|postgres|scale-out (comma-separated, default all three), BENCH_SECONDS (20)
 * measured after BENCH_WARM_UP_SECONDS (10) of the same load, BENCH_SCALE (1 = the sizes above; 0.1 for a
 * quick try), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres) where databases are created
 * and dropped.
 *
 * To compare page costs: BENCH_PAGES (comma-separated parts of page names such as `admin: people`; only
 * those pages are clicked), BENCH_PER_PAGE=1 (each page alone under autocannon with BENCH_CONNECTIONS
 * (10) connections, printing its server CPU ms per request, in BENCH_ROUNDS (3) rounds), BENCH_APP_DIRS
 * (comma-separated app folders, each with its own `build/`, default `.`: one server each on its own copy of
 * the data, measured in turn, alternating, so two versions are compared side by side under the same load
 * of the machine), BENCH_DATA_DIR (embedded: generate the data there once and reuse it) and
 * BENCH_PG_DATABASE (Postgres: the same with a database of that name).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAsSystem } from '~/db/with-user.server';
import { seedDemo } from '~/demo/index.server';
import { roundRobinProxy } from '../collab/proxy';
import { adminQuery, createDatabase } from '../db/admin-query';
import { generateAdvices, generateAnswersAndSignals, generateMembers, generateMunicipalities } from './generate';
import {
  getPage,
  measurePage,
  percentile,
  signInCookie,
  startAppServer,
  type AppServer,
  type PageResult,
} from './http-load';
import { processCpuMs, serviceCpu, systemCpu } from './proc-cpu';
import { median } from './summary';

type Config = 'embedded' | 'postgres' | 'scale-out';
const CONFIGS = (process.env.BENCH_CONFIGS ?? 'embedded,postgres,scale-out').split(',') as Config[];
const PG_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3185);
const SESSION_SECRET = 'bench-secret-0123456789abcdef0123456789';
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const PAGES = process.env.BENCH_PAGES?.split(',').map((p) => p.trim());
const PER_PAGE = process.env.BENCH_PER_PAGE === '1';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const APP_DIRS = (process.env.BENCH_APP_DIRS ?? '.').split(',').map((d) => path.resolve(d));
const DATA_DIR = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : undefined;
const PG_DATABASE = process.env.BENCH_PG_DATABASE;

const SIZES = {
  members: Math.round(1_000 * SCALE),
  municipalities: Math.max(50, Math.round(350 * SCALE)),
  advices: Math.round(10_000 * SCALE),
  signals: Math.round(50_000 * SCALE),
  answers: Math.round(200_000 * SCALE),
};

/** Who clicks through what, and how many of the simulated people have that role. */
interface Role {
  email: string;
  share: number;
  pages: (ids: Ids) => [name: string, path: string][];
}
interface Ids {
  poolId: string;
  boardId: string;
  adviceId: string;
  municipalityId: string;
  questionnaireId: string;
}
const ROLES: Role[] = [
  {
    email: 'lid@demo.expertpool.nl',
    share: 0.6,
    pages: (ids) => [
      ['home', '/'],
      ['pool', `/pools/${ids.poolId}`],
      ['sessions', '/sessions'],
      ['calendar', '/sessions/calendar'],
      ['board page', `/boards/${ids.boardId}`],
      ['register search', '/advice?q=wachtlijst'],
      ['advice', `/advice/${ids.adviceId}`],
      ['notifications', '/notifications'],
    ],
  },
  {
    email: 'coordinator@demo.expertpool.nl',
    share: 0.2,
    pages: (ids) => [
      ['home', '/'],
      ['signals', '/signals'],
      ['signal patterns', '/signals/patterns'],
      ['questionnaire results', `/questionnaires/${ids.questionnaireId}/results`],
      ['sessions', '/sessions'],
      ['register filters', '/advice?indicator=language&part=leerroute'],
    ],
  },
  {
    email: 'gemeente@demo.expertpool.nl',
    share: 0.16,
    pages: (ids) => [
      ['home', '/'],
      ['register', '/advice'],
      ['register search', '/advice?q=helpdesk&status=published'],
      ['monitoring', `/monitoring/${ids.municipalityId}`],
      ['advice', `/advice/${ids.adviceId}`],
    ],
  },
  {
    email: 'admin@demo.expertpool.nl',
    share: 0.04,
    pages: () => [
      ['home', '/'],
      ['admin', '/admin'],
      ['people', '/people'],
    ],
  },
];

const pageName = (role: Role, page: string) => `${role.email.split('@')[0]}: ${page}`;
const chosen = (name: string) => !PAGES || PAGES.some((part) => name.includes(part));
/** A role's pages that BENCH_PAGES chose. */
const pagesOf = (role: Role, ids: Ids) => role.pages(ids).filter(([page]) => chosen(pageName(role, page)));

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The demo, ten times over where it counts; returns the ids the pages need. */
async function generate(database: Database): Promise<Ids> {
  const started = performance.now();
  await migrate(database);
  await seedDemo(database);
  const ids = await runAsSystem(database, async (tx) => {
    await generateMunicipalities(tx, SIZES.municipalities);
    await generateMembers(tx, SIZES.members);
    await generateAdvices(tx, SIZES.advices);
    const questionnaireId = await generateAnswersAndSignals(tx, { answers: SIZES.answers, signals: SIZES.signals });
    const { rows } = await sql<Omit<Ids, 'questionnaireId'>>`
      select m.pool_id as "poolId",
        (select b.id from public.boards b where b.pool_id = m.pool_id order by b.created_at limit 1) as "boardId",
        (select r.municipality_id from public.municipality_readers r join auth.users u on u.id = r.user_id
          where u.email = 'gemeente@demo.expertpool.nl' limit 1) as "municipalityId",
        (select a.id from public.advices a where a.status = 'published' and a.visibility = 'public'
          order by a.published_at desc limit 1) as "adviceId"
      from public.pool_memberships m join auth.users u on u.id = m.user_id
      where u.email = 'lid@demo.expertpool.nl' limit 1`.execute(tx);
    return { ...rows[0]!, questionnaireId };
  });
  await runAsSystem(database, (tx) => sql`analyze`.execute(tx));
  await database.close();
  console.log(`generated ${JSON.stringify(SIZES)} in ${seconds(started)} s`);
  for (const [key, value] of Object.entries(ids)) if (!value) throw new Error(`no ${key} in the generated data`);
  return ids;
}

interface Prepared {
  ids: Ids;
  /** One environment per app folder (BENCH_APP_DIRS), each on its own copy of the data. */
  envs: Record<string, string>[];
  cleanUp: () => Promise<void>;
}

async function prepareEmbedded(): Promise<Prepared> {
  const dataDir = DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'expertpool-bench-site-'));
  const idsFile = path.join(dataDir, 'ids.json');
  if (!existsSync(idsFile)) {
    mkdirSync(dataDir, { recursive: true });
    const ids = await generate(await openDatabase({ dataDir: path.join(dataDir, 'pglite') }));
    // PGlite's data directory lacks the folder Postgres spills large sorts into.
    mkdirSync(path.join(dataDir, 'pglite', 'base', 'pgsql_tmp'), { recursive: true });
    writeFileSync(idsFile, JSON.stringify(ids));
  }
  const ids = JSON.parse(readFileSync(idsFile, 'utf8')) as Ids;
  // A kept data directory is copied for each server, so no run changes it (a newer version's migrations).
  const copies = DATA_DIR ? APP_DIRS.map(() => mkdtempSync(path.join(tmpdir(), 'expertpool-bench-site-run-'))) : [];
  for (const copy of copies) cpSync(path.join(dataDir, 'pglite'), path.join(copy, 'pglite'), { recursive: true });
  if (!DATA_DIR && APP_DIRS.length > 1) throw new Error('several BENCH_APP_DIRS need BENCH_DATA_DIR');
  return {
    ids,
    envs: DATA_DIR ? copies.map((copy) => ({ DATA_DIR: copy })) : [{ DATA_DIR: dataDir }],
    cleanUp: async () => {
      for (const dir of DATA_DIR ? copies : [dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function preparePostgres(): Promise<Prepared> {
  const name = PG_DATABASE ?? `site_bench_${process.pid}`;
  const idsFile = path.join(tmpdir(), `${name}-ids.json`);
  let ids: Ids;
  if (PG_DATABASE && existsSync(idsFile)) ids = JSON.parse(readFileSync(idsFile, 'utf8')) as Ids;
  else {
    ids = await generate(await openDatabase({ url: await createDatabase(PG_SERVER, name) }));
    if (PG_DATABASE) writeFileSync(idsFile, JSON.stringify(ids));
  }
  const copies = PG_DATABASE ? APP_DIRS.map((_, i) => `${name}_run${i}`) : [name];
  if (!PG_DATABASE && APP_DIRS.length > 1) throw new Error('several BENCH_APP_DIRS need BENCH_PG_DATABASE');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'expertpool-bench-site-'));
  const envs: Record<string, string>[] = [];
  for (const copy of copies) {
    if (PG_DATABASE) await adminQuery(PG_SERVER, `drop database if exists ${copy} with (force)`);
    const url = PG_DATABASE
      ? await createDatabase(PG_SERVER, copy, name)
      : Object.assign(new URL(PG_SERVER), { pathname: `/${copy}` }).toString();
    envs.push({ DATABASE_URL: url, DATA_DIR: dataDir, SESSION_SECRET });
  }
  return {
    ids,
    envs,
    cleanUp: async () => {
      for (const copy of copies) await adminQuery(PG_SERVER, `drop database if exists ${copy} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Outcome {
  pages: Map<string, number[]>;
  errors: Map<string, number>;
  requests: number;
}

/** A person's pause before the next click (BENCH_THINK_MS), never past `until`. */
async function think(until: number, first = false) {
  if (THINK_MS <= 0) return;
  const pause = first ? Math.random() * THINK_MS : Math.min(-Math.log(1 - Math.random()) * THINK_MS, 4 * THINK_MS);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(pause, until - performance.now()))));
}

/**
 * USERS people, each going round their role's pages for `durationS`, one request at a time (a closed
 * loop: the next click waits for the last page, as a person's does), with BENCH_THINK_MS between clicks.
 */
async function clickAround(base: string, cookies: Map<string, string>, ids: Ids, durationS: number): Promise<Outcome> {
  const outcome: Outcome = { pages: new Map(), errors: new Map(), requests: 0 };
  const until = performance.now() + durationS * 1000;
  const people = ROLES.filter((role) => pagesOf(role, ids).length > 0).flatMap((role) =>
    Array.from({ length: Math.max(1, Math.round(role.share * USERS)) }, (_, i) => ({ role, offset: i })),
  );
  await Promise.all(
    people.map(async ({ role, offset }) => {
      const pages = pagesOf(role, ids);
      const cookie = cookies.get(role.email)!;
      await think(until, true);
      for (let i = offset; performance.now() < until; i++) {
        const [page, url] = pages[i % pages.length]!;
        const name = pageName(role, page);
        const started = performance.now();
        const status = await getPage(`${base}${url}`, cookie);
        const ms = performance.now() - started;
        outcome.requests += 1;
        if (status === 200) {
          const times = outcome.pages.get(name) ?? [];
          times.push(ms);
          outcome.pages.set(name, times);
        } else outcome.errors.set(name, (outcome.errors.get(name) ?? 0) + 1);
        await think(until);
      }
    }),
  );
  return outcome;
}

/** CPU ms used so far by the processes together (Linux /proc). */
const cpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);

/** CPU ms of this process: the simulated people and, in the scale-out set-up, the proxy. */
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Warm-up, then the measured load; prints the table and returns the slowest page's p95 and the throughput. */
async function measure(label: string, base: string, pids: number[], ids: Ids) {
  const cookies = new Map<string, string>();
  for (const role of ROLES) cookies.set(role.email, await signInCookie(base, role.email));
  if (WARM_UP_S > 0) await clickAround(base, cookies, ids, WARM_UP_S);
  const [cpuBefore, ownBefore, systemBefore] = [cpuMs(pids), ownCpuMs(), systemCpu()];
  const outcome = await clickAround(base, cookies, ids, DURATION_S);
  const systemAfter = systemCpu();
  const perRequest = (ms: number) => (ms / outcome.requests).toFixed(1);
  const cpu = {
    server: perRequest(cpuMs(pids) - cpuBefore),
    people: perRequest(ownCpuMs() - ownBefore),
    postgres: perRequest(serviceCpu(systemBefore, systemAfter, 'postgres')),
    machine: (
      (100 * (systemAfter.machineBusy - systemBefore.machineBusy)) /
      (systemAfter.machineAll - systemBefore.machineAll)
    ).toFixed(0),
  };
  const all = [...outcome.pages.values()].flat().sort((a, b) => a - b);
  console.log(
    `\n${label}: ${USERS} people${THINK_MS ? ` reading ${THINK_MS} ms on average per page` : ''} for ${DURATION_S} s ` +
      `after ${WARM_UP_S} s of warm-up; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  console.log('| page | requests | p50 ms | p95 ms | errors |\n| --- | --- | --- | --- | --- |');
  let slowest = 0;
  const names = [...new Set([...outcome.pages.keys(), ...outcome.errors.keys()])].sort();
  for (const name of names) {
    const times = (outcome.pages.get(name) ?? []).sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    if (times.length) slowest = Math.max(slowest, p95);
    console.log(
      `| ${name} | ${times.length} | ${percentile(times, 50).toFixed(0)} | ${p95.toFixed(0)} | ${outcome.errors.get(name) ?? 0} |`,
    );
  }
  const rps = outcome.requests / DURATION_S;
  console.log(
    `| all pages | ${all.length} | ${percentile(all, 50).toFixed(0)} | ${percentile(all, 95).toFixed(0)} | ${outcome.requests - all.length} |`,
  );
  console.log(
    `${rps.toFixed(1)} requests/s; CPU ms per request: server ${cpu.server}, Postgres ${cpu.postgres}, ` +
      `load generator ${cpu.people}; machine ${cpu.machine}% busy`,
  );
  return { slowest, rps };
}

async function withServers<T>(count: number, env: Record<string, string>, work: (servers: AppServer[]) => Promise<T>) {
  const servers: AppServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startAppServer(PORT + 1 + i, { ...env, SEED_DEMO: '0' }));
    return await work(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** One server per app folder (BENCH_APP_DIRS), each on its own copy of the data. */
async function withAppServers<T>(envs: Record<string, string>[], work: (servers: AppServer[]) => Promise<T>) {
  const servers: AppServer[] = [];
  try {
    for (const [i, dir] of APP_DIRS.entries())
      servers.push(await startAppServer(PORT + 1 + i, { ...envs[i]!, SEED_DEMO: '0' }, dir));
    return await work(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const dirName = (i: number) => path.basename(APP_DIRS[i]!);
/** Each server in turn, the first one first in even rounds and last in odd ones. */
const inTurn = <T>(items: T[], round: number) => (round % 2 ? [...items].reverse() : items);

/**
 * BENCH_PER_PAGE: each chosen page alone under autocannon, on each server in turn, BENCH_ROUNDS times;
 * prints the medians of the rounds: server CPU ms per request, p50, p95.
 */
async function measureEachPage(label: string, servers: AppServer[], ids: Ids) {
  const cookies = await Promise.all(
    servers.map(async (server) => {
      const byRole = new Map<string, string>();
      for (const role of ROLES) byRole.set(role.email, await signInCookie(server.base, role.email));
      return byRole;
    }),
  );
  const pages = ROLES.flatMap((role) =>
    pagesOf(role, ids).map(([page, url]) => ({ role, url, name: pageName(role, page) })),
  );
  const results = new Map<string, PageResult[]>();
  const loads: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of pages) {
      for (const i of inTurn([...servers.keys()], round)) {
        const result = await measurePage(
          page.name,
          `${servers[i]!.base}${page.url}`,
          cookies[i]!.get(page.role.email)!,
          {
            seconds: DURATION_S,
            warmUpSeconds: WARM_UP_S,
            connections: CONNECTIONS,
            serverPid: servers[i]!.pid,
          },
        );
        const key = `${page.name}\t${i}`;
        results.set(key, [...(results.get(key) ?? []), result]);
      }
    }
    loads.push(loadavg()[0]!.toFixed(1));
  }
  console.log(
    `\n${label}: each page alone, ${CONNECTIONS} connections, ${DURATION_S} s after ${WARM_UP_S} s of warm-up, ` +
      `${ROUNDS} rounds (medians); load average after each round ${loads.join(', ')}`,
  );
  console.log(
    '| page | app | CPU ms/request | Postgres CPU ms/request | p50 ms | p95 ms | requests/s | CPU ms/request per round | errors |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const page of pages) {
    for (const i of servers.keys()) {
      const rounds = results.get(`${page.name}\t${i}`)!;
      const cpu = rounds.map((r) => r.cpuPerRequest);
      console.log(
        `| ${page.name} | ${dirName(i)} | ${median(cpu).toFixed(1)} | ` +
          `${median(rounds.map((r) => r.postgresCpuPerRequest)).toFixed(1)} | ${median(rounds.map((r) => r.p50)).toFixed(0)} | ` +
          `${median(rounds.map((r) => r.p95)).toFixed(0)} | ${median(rounds.map((r) => r.rps)).toFixed(1)} | ` +
          `${cpu.map((c) => c.toFixed(1)).join(', ')} | ${rounds.reduce((sum, r) => sum + r.errors, 0)} |`,
      );
    }
  }
}

/** The mixed load on each server in turn, BENCH_ROUNDS times when there are several. */
async function measureMixed(label: string, servers: AppServer[], ids: Ids) {
  let slowestHere = 0;
  const rounds = servers.length > 1 ? ROUNDS : 1;
  for (let round = 0; round < rounds; round++)
    for (const i of inTurn([...servers.keys()], round)) {
      const name = servers.length > 1 ? `${label} (${dirName(i)}, round ${round + 1})` : label;
      const result = await measure(name, servers[i]!.base, [servers[i]!.pid], ids);
      slowestHere = Math.max(slowestHere, result.slowest);
    }
  return slowestHere;
}

const slowest: number[] = [];
let scaleOut: number | null = null;
if (CONFIGS.includes('embedded')) {
  const prepared = await prepareEmbedded();
  try {
    await withAppServers(prepared.envs, async (servers) => {
      if (PER_PAGE) await measureEachPage('embedded PGlite, one process', servers, prepared.ids);
      else slowest.push(await measureMixed('embedded PGlite, one process', servers, prepared.ids));
    });
  } finally {
    await prepared.cleanUp();
  }
}
if (CONFIGS.includes('postgres') || CONFIGS.includes('scale-out')) {
  const prepared = await preparePostgres();
  try {
    if (PER_PAGE || APP_DIRS.length > 1) {
      await withAppServers(prepared.envs, async (servers) => {
        if (PER_PAGE) await measureEachPage('Postgres server, one process', servers, prepared.ids);
        else slowest.push(await measureMixed('Postgres server, one process', servers, prepared.ids));
      });
    } else {
      const env = prepared.envs[0]!;
      const one = await withServers(1, env, ([server]) =>
        measure('Postgres server, one process', server!.base, [server!.pid], prepared.ids),
      );
      if (CONFIGS.includes('postgres')) slowest.push(one.slowest);
      if (CONFIGS.includes('scale-out')) {
        const two = await withServers(2, env, async (servers) => {
          const proxy = await roundRobinProxy(servers.map((s) => Number(new URL(s.base).port)));
          try {
            return await measure(
              'Postgres server, two processes behind a round-robin proxy',
              `http://127.0.0.1:${proxy.port}`,
              servers.map((s) => s.pid),
              prepared.ids,
            );
          } finally {
            await proxy.close();
          }
        });
        scaleOut = two.rps / one.rps;
      }
    }
  } finally {
    await prepared.cleanUp();
  }
}
if (slowest.length) console.log(`site p95 ms: ${Math.max(...slowest).toFixed(0)}`);
if (scaleOut !== null) console.log(`site scale-out ratio: ${scaleOut.toFixed(2)}`);
