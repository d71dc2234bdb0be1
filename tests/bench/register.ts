/**
 * `npm run bench:register`: 100 000 generated advices in an embedded database, the production server
 * on top, and autocannon measuring the register's search and filter loaders over HTTP as the
 * municipality reader (so row level security and the register view are in the path).
 * Prints a table; the last line is `register search p95 ms: <number>`. Never fails on time.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { seedDemo } from '~/demo/index.server';
import { generateAdvices } from './generate';
import { measurePage, signInCookie, startAppServer, type PageResult } from './http-load';

const COUNT = Number(process.env.BENCH_ADVICES ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3196);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
// One connection: the latency is the server's time, not time queued behind other requests.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1);
const DATA_DIR = path.resolve(`.data-bench-${COUNT}`);

async function prepareDatabase() {
  if (existsSync(path.join(DATA_DIR, 'ready'))) return console.log(`reusing ${DATA_DIR}`);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: path.join(DATA_DIR, 'pglite') });
  await migrate(database);
  await seedDemo(database);
  const started = Date.now();
  await database.db.transaction().execute((tx) => generateAdvices(tx, COUNT));
  await sql`analyze`.execute(database.db);
  console.log(`generated ${COUNT} advices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await database.close();
  writeFileSync(path.join(DATA_DIR, 'ready'), '');
}

await prepareDatabase();
const server = await startAppServer(PORT, { DATA_DIR, SEED_DEMO: '0' });
try {
  const cookie = await signInCookie(server.base, 'gemeente@demo.expertpool.nl');
  const cases: [string, string][] = [
    ['search', 'q=wachtlijst+taalcafé'],
    ['synonym search (huisvesting: woning, wonen …)', 'q=huisvesting'],
    // As many matches as the synonym search: what ranking them all costs without the synonyms.
    ['one broad word (woning)', 'q=woning'],
    ['nothing found, with a suggestion', 'q=huisvestign'],
    ['filter (indicator + part)', 'indicator=language&part=leerroute'],
    ['filtered search (search + domain + status)', 'q=helpdesk&domain=facilitators&status=published'],
    ['register, newest first', ''],
  ];
  const results: PageResult[] = [];
  for (const [name, query] of cases) {
    const url = `${server.base}/advice?${query}${query ? '&' : ''}_data=routes%2Fadvice._index`;
    results.push(
      await measurePage(name, url, cookie, {
        seconds: DURATION,
        warmUpSeconds: 0,
        connections: CONNECTIONS,
        serverPid: server.pid,
      }),
    );
  }
  console.log(
    `\n${COUNT} advices, ${DURATION} s per case, ${CONNECTIONS} connection(s), as the municipality reader (RLS)\n`,
  );
  console.log('| case | p50 ms | p95 ms | req/s | errors | server CPU ms/req |\n| --- | --- | --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.p50} | ${r.p95} | ${r.rps.toFixed(1)} | ${r.errors} | ${r.cpuPerRequest.toFixed(1)} |`,
    );
  const filteredSearch = results.find((r) => r.name.startsWith('filtered search'))!;
  console.log(`register search p95 ms: ${filteredSearch.p95}`);
} finally {
  await server.stop();
}
