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
  await database.db.transaction().execute(async (tx) => {
    // Bulk data: versions are the pool's history of edits, not needed for reading the register.
    await sql`alter table public.advices disable trigger advices_record_version`.execute(tx);
    await sql`
      with pools as (select array_agg(id order by name) as ids from public.pools),
           places as (select array_agg(id order by name) as ids from public.municipalities),
           words as (select array['wachtlijst','helpdesk','taalcafé','werkgever','budgetcoach','huisarts',
             'digid','buddy','tolk','brief','stage','diploma','vrijwilligerswerk','kinderopvang','sportclub',
             'bibliotheek','klantmanager','toeslagen','woning','schulden'] as w)
      insert into public.advices (pool_id, title, insight, opportunities, golden_tips, indicator_codes,
        process_part, addressee_ids, status, visibility, published_at, created_at)
      select pools.ids[1 + n % cardinality(pools.ids)],
             'Advies ' || n || ' over ' || words.w[1 + n % 20] || ' en ' || words.w[1 + (n / 20) % 20],
             '<p>Nieuwkomers vertellen over ' || words.w[1 + (n / 7) % 20] || ': het duurt lang en de ' ||
               words.w[1 + (n / 3) % 20] || ' is moeilijk te vinden. Ervaring nummer ' || n || '.</p>',
             array['Maak de ' || words.w[1 + (n / 11) % 20] || ' beter bereikbaar voor inburgeraars.'],
             array['Vraag het een ervaringsdeskundige.'],
             array[(array['work','housing','education','health','leisure','bonds','bridges','links','language',
               'culture','digital','safety','stability','rights'])[1 + n % 14]],
             (array['brede_intake','pip','map','knm','pvt','leerroute','financial_unburdening','communication','other'])[1 + n % 9],
             array[places.ids[1 + (n * 7) % cardinality(places.ids)]],
             (array['published','responded','implemented','published','draft'])[1 + n % 5],
             case when n % 3 = 0 then 'public' else 'addressed' end,
             case when n % 5 = 4 then null else now() - ((n % 700) || ' days')::interval end,
             now() - ((n % 700) || ' days')::interval
      from generate_series(1, ${COUNT}) n, pools, places, words`.execute(tx);
    await sql`alter table public.advices enable trigger advices_record_version`.execute(tx);
  });
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
