/**
 * `npm run bench:notify` (issue 17): 1,000 members in 10 pools, each pool's coordinator plans a
 * session inviting the whole pool, and the job runner works until every invitation mail is in the
 * outbox; then, with 10,000 unread notifications in the table (most of them one member's), the
 * production server is started on that database and the home page (which counts the bell) and the
 * notifications page are loaded as that member; before that, the 08:00 digest round runs for everyone
 * (that member's digest holds nearly all 10,000). Embedded PGlite, the default configuration.
 * Prints a table; the last line is `notify 1000 invitations delivered s: X`. Never fails on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { seedDemo } from '~/demo/index.server';
import { runDueJobsAsSystem } from '~/jobs/runner.server';
import { createMailer } from '~/mail/mailer.server';
import { queueDigests } from '~/notifications/digest.server';
import { planSessions } from '~/sessions/queries.server';
import { planSessionSchema } from '~/sessions/schema.server';
import { jobHandlers } from '../../server/job-handlers';
import { generateMembers } from './generate';
import { measurePage, signInCookie, startAppServer } from './http-load';

const POOLS = 10;
const MEMBERS = 1_000;
const UNREAD = 10_000;
const PORT = Number(process.env.BENCH_PORT ?? 3194);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const MEMBER = 'lid@demo.expertpool.nl';
const COORDINATOR = 'coordinator@demo.expertpool.nl';

const seconds = (since: number) => (performance.now() - since) / 1000;

/** 1,000 members spread over 10 new pools that the demo coordinator runs. */
async function addMembers(database: Database) {
  await runAsSystem(database, async (tx) => {
    await sql`
      with region as (select id from public.regions order by name limit 1)
      insert into public.pools (name, region_id)
      select 'Bench pool ' || g, region.id from generate_series(1, ${POOLS}) g, region`.execute(tx);
    await generateMembers(tx, MEMBERS, 'Bench pool %');
    await sql`
      insert into public.pool_memberships (pool_id, user_id, role)
      select id, (select id from auth.users where email = ${COORDINATOR}), 'coordinator'
      from public.pools where name like 'Bench pool %'`.execute(tx);
  });
}

/** The coordinator plans one session per pool (all members invited); the runner works until every mail is queued. */
async function inviteEveryone(database: Database) {
  const { coordinator, pools } = await runAsSystem(database, async (tx) => ({
    coordinator: (
      await tx.selectFrom('auth.users').select('id').where('email', '=', COORDINATOR).executeTakeFirstOrThrow()
    ).id,
    pools: (await tx.selectFrom('pools').select('id').where('name', 'like', 'Bench pool %').execute()).map((p) => p.id),
  }));
  const input = planSessionSchema.parse({
    title: 'Terugblik op de Brede Intake',
    date: '2027-03-15',
    startTime: '19:00',
    endTime: '21:00',
    onlineUrl: 'https://meet.example.org/bench',
  });
  const mailer = createMailer(database, undefined, 'bench@example.org');
  const started = performance.now();
  for (const poolId of pools) {
    await runAs(database, { sub: coordinator, email: COORDINATOR, role: 'authenticated' }, (tx) =>
      planSessions(tx, { poolId, createdBy: coordinator, input }),
    );
  }
  const planned = seconds(started);
  let rounds = 0;
  for (;;) {
    rounds += 1;
    if ((await runDueJobsAsSystem(database, mailer, jobHandlers)) === 0) break;
  }
  const mails = await runAsSystem(database, (tx) =>
    sql<{ n: number }>`
      select count(*)::int as n from public.outbox o
      join public.notifications n on o.idempotency_key = 'notification:' || n.id
      where n.kind = 'session_invited' and n.session_id in (select id from public.sessions where title = ${input.title})`.execute(
      tx,
    ),
  );
  return { planned, delivered: seconds(started), mails: mails.rows[0]!.n, rounds };
}

/** Unread notifications up to UNREAD in all, most of them the demo member's (advice put up for review). */
async function fillUnread(database: Database) {
  await runAsSystem(database, async (tx) => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from public.notifications where read_at is null`.execute(tx);
    await sql`
      insert into public.notifications (recipient_id, kind, pool_id, advice_id, created_at)
      select u.id, 'advice_in_review', a.pool_id, a.id, now() - (g || ' minutes')::interval
      from generate_series(1, ${UNREAD - rows[0]!.n}) g
      cross join (select id from auth.users where email = ${MEMBER}) u
      cross join lateral (
        select id, pool_id from public.advices
        where pool_id = (select pool_id from public.pool_memberships m where m.user_id = u.id limit 1)
        order by id offset g % 20 limit 1) a`.execute(tx);
    await sql`analyze`.execute(tx);
  });
}

/** The 08:00 round: every waiting person's daily digest queued and written to the outbox. */
async function digestEveryone(database: Database) {
  const mailer = createMailer(database, undefined, 'bench@example.org');
  const started = performance.now();
  await runAsSystem(database, (tx) => queueDigests(tx, new Date(), { anyHour: true }));
  while ((await runDueJobsAsSystem(database, mailer, jobHandlers)) > 0);
  const { rows } = await runAsSystem(database, (tx) =>
    sql<{ mails: number; items: number }>`
      select (select count(*)::int from public.outbox where idempotency_key like 'digest:%') as mails,
             (select count(*)::int from public.notifications where digest_id is not null) as items`.execute(tx),
  );
  return { ...rows[0]!, seconds: seconds(started) };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'expertpool-bench-notify-'));
try {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  await migrate(database);
  await seedDemo(database);
  await addMembers(database);
  const invitations = await inviteEveryone(database);
  await fillUnread(database);
  const unread = await runAsSystem(database, (tx) =>
    sql<{ all: number; member: number }>`
      select count(*)::int as all,
             count(*) filter (where recipient_id = (select id from auth.users where email = ${MEMBER}))::int as member
      from public.notifications where read_at is null`.execute(tx),
  );
  const digests = await digestEveryone(database);
  await database.close();

  const server = await startAppServer(PORT, { DATA_DIR: dataDir });
  const options = { seconds: DURATION_S, warmUpSeconds: WARM_UP_S, connections: 2, serverPid: server.pid };
  let pages;
  try {
    const cookie = await signInCookie(server.base, MEMBER);
    pages = [
      await measurePage('home (with the bell)', `${server.base}/`, cookie, options),
      await measurePage('notifications page', `${server.base}/notifications`, cookie, options),
    ];
  } finally {
    await server.stop();
  }

  console.log(
    `\nembedded PGlite; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${MEMBERS} members in ${POOLS} pools: ${POOLS} sessions planned in ${invitations.planned.toFixed(2)} s; ` +
      `${invitations.mails} invitation mails in the outbox after ${invitations.delivered.toFixed(2)} s (${invitations.rounds} runner rounds)`,
  );
  console.log(
    `digest round: ${digests.mails} daily digests (${digests.items} notifications) in the outbox after ${digests.seconds.toFixed(2)} s`,
  );
  const { all, member } = unread.rows[0]!;
  console.log(
    `${all} unread notifications, ${member} of them the signed-in member's; 2 connections, ${DURATION_S} s per page`,
  );
  console.log('page                    p50 ms   p95 ms    req/s    ok  errors  server CPU ms/req');
  for (const p of pages) {
    console.log(
      `${p.name.padEnd(22)} ${p.p50.toFixed(0).padStart(7)} ${p.p95.toFixed(0).padStart(8)} ${p.rps.toFixed(1).padStart(8)} ${String(p.ok).padStart(5)} ${String(p.errors).padStart(7)} ${p.cpuPerRequest.toFixed(1).padStart(18)}`,
    );
  }
  console.log(`notify ${invitations.mails} invitations delivered s: ${invitations.delivered.toFixed(2)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
