/**
 * `npm run bench:monitoring`: generates 200 000 questionnaire answers and 50 000 signals, and (issue 21)
 * 350 municipalities with 60 core indicators each, 5 years of figures per core indicator, per shared
 * measure and per management indicator (two under each core indicator, one broken down) with their
 * targets. It starts the production server on them and measures over HTTP with autocannon, in two
 * configurations: embedded (PGlite, the default `npm start`) and production (a Postgres server through
 * DATABASE_URL): as the demo coordinator the questionnaire results page and the signal patterns page;
 * as Alkmaar's reader its monitoring page (the scorecard: per goal its progress, per core indicator its
 * latest figure, target, progress and advice count) and the management indicators of one core indicator; as
 * the admin the benchmark measures page. Prints p50/p95 and requests/s per page; the last line is
 * `monitoring p95 ms: <slowest page of either configuration>`.
 * It never fails on time: a benchmark reports, it does not judge.
 *
 * Each page gets one request and then BENCH_WARM_UP_SECONDS (10) of the same load before its measurement,
 * none of it counted: the server is measured warm (see `measure`), and the single request waits for
 * whatever the previous page's measurement left running, so one page's tail is not charged to the next.
 * `BENCH_DATA_DIR` keeps the generated embedded database there and reuses it on later runs (pending
 * migrations, with their backfills, are applied on start). `BENCH_DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/postgres) is where a fresh database is created for the production
 * configuration and dropped after; `BENCH_CONFIGS=embedded` (or `postgres`) measures one only;
 * `BENCH_CPU_PROF=<dir>` writes CPU profiles of the server (its main thread and the PGlite worker) there.
 * `BENCH_PAGES` measures only the pages named (comma-separated, as the table names them: `BENCH_PAGES=
 * "monitoring progress"`); the last line is then the slowest of those.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { seedDemo } from '~/demo/index.server';
import { runAsSystem } from '~/db/with-user.server';
import { adminQuery, createDatabase } from '../db/admin-query';
import { generateAnswersAndSignals, generateMonitoring, generateMunicipalities } from './generate';
import { measurePage, signInCookie, startAppServer } from './http-load';

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const CONFIGS = (process.env.BENCH_CONFIGS ?? 'embedded,postgres').split(',') as ('embedded' | 'postgres')[];
const PG_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ANSWERS = 200_000;
const SIGNALS = 50_000;
const MUNICIPALITIES = 350;
const CORE_INDICATORS = 60;
const YEARS = 5;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const PAGES = process.env.BENCH_PAGES?.split(',').map((name) => name.trim());

/** What the pages' addresses need: the questionnaire, Alkmaar (whose reader is a demo person) and its first generated core indicator. */
interface Subjects {
  questionnaireId: string;
  municipalityId: string;
  coreId: string;
}

async function findSubjects(database: Database): Promise<Subjects> {
  return runAsSystem(database, async (tx) => {
    const { rows } = await sql<Subjects>`
      select (select id from public.questionnaires where pool_id is not null limit 1) as "questionnaireId",
             m.id as "municipalityId", c.id as "coreId"
      from public.municipalities m
      join public.municipal_goals g on g.municipality_id = m.id
      join public.municipal_outputs o on o.goal_id = g.id
      join public.core_indicators c on c.output_id = o.id
      where m.name = 'Alkmaar' and c.description = 'Bench-kernindicator 1'`.execute(tx);
    if (!rows[0]) throw new Error('no generated goal tree for Alkmaar');
    return rows[0];
  });
}

async function generate(database: Database): Promise<Subjects> {
  await migrate(database);
  await seedDemo(database);
  const started = Date.now();
  await runAsSystem(database, async (tx) => {
    await generateAnswersAndSignals(tx, { answers: ANSWERS, signals: SIGNALS });
    await generateMunicipalities(tx, MUNICIPALITIES);
    await generateMonitoring(tx, { cores: CORE_INDICATORS, years: YEARS });
  });
  const counts = await runAsSystem(database, (tx) =>
    sql<{
      answers: number;
      signals: number;
      municipalities: number;
      cores: number;
      figures: number;
      management: number;
    }>`
      select (select count(*)::int from public.questionnaire_answers) as answers,
             (select count(*)::int from public.signals) as signals,
             (select count(*)::int from public.municipalities) as municipalities,
             (select count(*)::int from public.core_indicators) as cores,
             (select count(*)::int from public.core_indicator_values) + (select count(*)::int from public.benchmark_values) as figures,
             (select count(*)::int from public.management_indicator_values) as management`.execute(tx),
  );
  const c = counts.rows[0]!;
  console.log(
    `generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${c.answers} answers, ${c.signals} signals, ` +
      `${c.municipalities} municipalities, ${c.cores} core indicators, ${c.figures} core and shared-measure figures, ` +
      `${c.management} management figures`,
  );
  await runAsSystem(database, (tx) => sql`analyze`.execute(tx));
  const subjects = await findSubjects(database);
  await database.close();
  return subjects;
}

/** The subjects of a database generated earlier (the server applies pending migrations on start). */
async function reuse(dir: string): Promise<Subjects> {
  const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  const started = Date.now();
  const applied = await migrate(database);
  if (applied.length) console.log(`migrated ${applied.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const subjects = await findSubjects(database);
  await database.close();
  console.log(`reusing ${dir}`);
  return subjects;
}

/** Generates (or reuses) the data of one configuration; returns the server's environment and a clean-up. */
async function prepare(config: 'embedded' | 'postgres') {
  if (config === 'embedded') {
    const keptDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;
    const dataDir = keptDir ?? mkdtempSync(path.join(tmpdir(), 'expertpool-bench-'));
    const subjects =
      keptDir && existsSync(path.join(keptDir, 'pglite', 'PG_VERSION'))
        ? await reuse(keptDir)
        : await generate(await openDatabase({ dataDir: path.join(dataDir, 'pglite') }));
    // PGlite's data directory lacks the folder Postgres spills large sorts into.
    mkdirSync(path.join(dataDir, 'pglite', 'base', 'pgsql_tmp'), { recursive: true });
    return {
      subjects,
      env: { DATA_DIR: dataDir },
      cleanUp: async () => {
        if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `monitoring_bench_${process.pid}`;
  const url = await createDatabase(PG_SERVER, name);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'expertpool-bench-'));
  return {
    subjects: await generate(await openDatabase({ url })),
    env: { DATABASE_URL: url, DATA_DIR: dataDir, SESSION_SECRET: 'bench-secret-0123456789abcdef0123456789' },
    cleanUp: async () => {
      await adminQuery(PG_SERVER, `drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the production server on one configuration and measures every page. */
async function run(config: 'embedded' | 'postgres') {
  const prepared = await prepare(config);
  const server = await startAppServer(PORT, prepared.env);
  const options = { seconds: DURATION_S, warmUpSeconds: WARM_UP_S, connections: CONNECTIONS, serverPid: server.pid };
  try {
    const { questionnaireId, municipalityId, coreId } = prepared.subjects;
    const coordinator = await signInCookie(server.base, 'coordinator@demo.expertpool.nl');
    const reader = await signInCookie(server.base, 'gemeente@demo.expertpool.nl');
    const admin = await signInCookie(server.base, 'admin@demo.expertpool.nl');
    const monitoring = `${server.base}/monitoring/${municipalityId}`;
    const pages: [name: string, url: string, cookie: string][] = [
      ['questionnaire results', `${server.base}/questionnaires/${questionnaireId}/results`, coordinator],
      ['signal patterns', `${server.base}/signals/patterns`, coordinator],
      ['monitoring progress', monitoring, reader],
      ['management indicators', `${monitoring}/management/${coreId}`, reader],
      ['benchmark measures', `${server.base}/admin/benchmarks`, admin],
    ];
    // A misspelt name would measure nothing and print a last line of -Infinity.
    for (const name of PAGES ?? [])
      if (!pages.some(([page]) => page === name)) throw new Error(`unknown BENCH_PAGES entry ${name}`);
    const results = [];
    for (const [name, url, cookie] of pages.filter(([name]) => !PAGES || PAGES.includes(name))) {
      results.push(await measurePage(name, url, cookie, options));
    }
    return results;
  } finally {
    await server.stop();
    await prepared.cleanUp();
  }
}

const LABELS = { embedded: 'embedded PGlite', postgres: 'Postgres server (DATABASE_URL)' };
const slowest: number[] = [];
for (const config of CONFIGS) {
  const pages = await run(config);
  console.log(
    `\n${LABELS[config]}: ${CONNECTIONS} connections, ${DURATION_S} s per page after ${WARM_UP_S} s of warm-up; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('page                    p50 ms   p95 ms    req/s   ok  errors  server CPU ms/req');
  for (const p of pages) {
    console.log(
      `${p.name.padEnd(22)} ${p.p50.toFixed(0).padStart(7)} ${p.p95.toFixed(0).padStart(8)} ${p.rps.toFixed(1).padStart(8)} ${String(p.ok).padStart(4)} ${String(p.errors).padStart(7)} ${p.cpuPerRequest.toFixed(1).padStart(18)}`,
    );
  }
  slowest.push(...pages.map((p) => p.p95));
}
console.log(`monitoring p95 ms: ${Math.max(...slowest).toFixed(0)}`);
