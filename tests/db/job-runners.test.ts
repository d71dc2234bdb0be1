import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { spawnEntry, type Started } from '../processes';
import { eventually, freePort } from '../collab/harness';
import { freshDatabase } from './database';

/**
 * Two app processes (server/index.ts, as `npm run serve` starts it) on one Postgres database, each
 * with its own job runner: every due job runs exactly once, and both runners take part.
 *
 * Needs TEST_DATABASE_URL: PGlite belongs to the one process that opened it, so two processes can
 * only share a Postgres server.
 *
 * Test instruments in this test's own database (never in a migration): a trigger on the update that
 * marks one of our jobs done records which process ran it (each process's connections carry its own
 * `application_name`), so a job run twice shows up as two rows. The same trigger holds each runner's
 * first job until the other runner is at a job as well: the runners poll at start and then every
 * 30 s, and one process starting a second before the other would otherwise do all the work alone,
 * which says nothing about two runners sharing it. Should the other never come (a runner that cannot
 * take a job while another holds one), the test opens the barrier after a while and the count of
 * jobs per process tells.
 */
const JOBS = 200;
const RUNNERS = ['runner-a', 'runner-b'];
const serverUrl = process.env.TEST_DATABASE_URL;

// Skipped only without TEST_DATABASE_URL (npm test and CI set it): two processes cannot share a PGlite.
describe.skipIf(!serverUrl)('two app processes with a job runner each, on one Postgres database', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const apps: Started[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    await runAsSystem(database, async (tx) => {
      await sql`create table public.test_job_runs (
        job_id uuid not null,
        runner text not null,
        at timestamptz not null default clock_timestamp()
      )`.execute(tx);
      await sql`create table public.test_barrier (open boolean not null)`.execute(tx);
      await sql`insert into public.test_barrier values (false)`.execute(tx);
      // Runs in the runner's transaction, before the row is marked done: a rolled back run leaves no row.
      await sql`create function public.test_record_job_run() returns trigger
        language plpgsql security definer set search_path = ''
        as $$
        declare
          me text := pg_catalog.current_setting('application_name');
        begin
          insert into public.test_job_runs (job_id, runner) values (new.id, me);
          while not (select open from public.test_barrier)
            and not exists (select 1 from public.test_job_runs where runner <> me)
            and not exists (
              select 1 from pg_catalog.pg_stat_activity a
              where a.datname = pg_catalog.current_database()
                and a.application_name like 'runner-%' and a.application_name <> me
                and a.wait_event = 'PgSleep')
          loop
            perform pg_catalog.pg_sleep(0.02);
          end loop;
          -- Each job holds its row a little: the runners meet on locked rows, as under real load.
          perform pg_catalog.pg_sleep(0.005);
          return new;
        end $$`.execute(tx);
      await sql`create trigger test_record_job_run before update on public.scheduled_jobs
        for each row when (new.status = 'done' and new.dedupe_key like 'runners-test:%')
        execute function public.test_record_job_run()`.execute(tx);
      // Reminders of sessions that do not exist: the handler finds nothing to send and the job is done.
      await sql`insert into public.scheduled_jobs (kind, dedupe_key, payload, run_at)
        select 'session_reminder', 'runners-test:' || i,
               jsonb_build_object('session_id', gen_random_uuid()), now() - interval '1 minute'
        from generate_series(1, ${JOBS}) i`.execute(tx);
    });
    // Started together, as two app servers behind one proxy; each runner polls once at start.
    apps.push(
      ...(await Promise.all(
        RUNNERS.map(async (runner) => {
          const url = new URL(database.url!);
          url.searchParams.set('application_name', runner);
          const env = {
            NODE_ENV: 'production',
            DATABASE_URL: url.toString(),
            HOST: '127.0.0.1',
            PORT: String(await freePort()),
            SEED_DEMO: '0',
            REDIS_URL: '',
          };
          return spawnEntry('server/index.ts', env, 'Expertpool is running at', 150_000);
        }),
      )),
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.kill()));
    await database?.close();
  });

  it('runs each due job exactly once, and both processes run some of them', async () => {
    const bothRan = async () =>
      (
        await runAsSystem(database, (tx) =>
          sql<{ n: number }>`select count(distinct runner)::int as n from public.test_job_runs`.execute(tx),
        )
      ).rows[0]!.n === 2;
    await eventually(bothRan, 10_000).catch(() => undefined);
    await runAsSystem(database, (tx) => sql`update public.test_barrier set open = true`.execute(tx));

    const counts = () =>
      runAsSystem(database, async (tx) => {
        const { rows } = await sql<{ status: string; n: number }>`
          select status, count(*)::int as n from public.scheduled_jobs
          where dedupe_key like 'runners-test:%' group by status`.execute(tx);
        return Object.fromEntries(rows.map((row) => [row.status, row.n]));
      });
    const until = Date.now() + 45_000;
    while ((await counts()).done !== JOBS) {
      expect(Date.now(), `${JSON.stringify(await counts())}\n${apps.map((a) => a.output()).join('\n')}`).toBeLessThan(
        until,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const { rows: jobs } = await runAsSystem(database, (tx) =>
      sql<{ attempts: number; last_error: string | null; runs: number }>`
        select j.attempts, j.last_error, (select count(*)::int from public.test_job_runs r where r.job_id = j.id) as runs
        from public.scheduled_jobs j where j.dedupe_key like 'runners-test:%'`.execute(tx),
    );
    expect(jobs).toHaveLength(JOBS);
    expect(jobs.filter((job) => job.runs !== 1)).toEqual([]);
    expect(jobs.filter((job) => job.attempts !== 1 || job.last_error !== null)).toEqual([]);

    const { rows: perRunner } = await runAsSystem(database, (tx) =>
      sql<{ runner: string; n: number }>`
        select runner, count(*)::int as n from public.test_job_runs group by runner order by runner`.execute(tx),
    );
    expect(perRunner.map((row) => row.runner)).toEqual(RUNNERS);
    for (const row of perRunner) expect(row.n).toBeGreaterThan(0);
    console.log(`jobs run per process: ${perRunner.map((row) => `${row.runner} ${row.n}`).join(', ')}`);
  }, 60_000);
});
