import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, countRows, describeRls, type RlsCase, everyone } from './fixtures';

// Filled from the demo data before the cases run (as the system, outside any actor's transaction).
const alkmaar = { upcoming: '', all: [] as string[] };

const countIn = (table: 'sessions' | 'session_calendar' | 'session_tallies') => (tx: Tx) =>
  tx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(table === 'session_tallies' ? 'session_id' : 'id', 'in', alkmaar.all)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

/** What an actor's answer_session call ends in: their answer, or the refusal the database raised. */
const answerAs = (tx: Tx) =>
  sql<{ r: string }>`select private.answer_session(${alkmaar.upcoming}::uuid, 'yes', '') as r`
    .execute(tx)
    .then((res) => res.rows[0]!.r)
    .catch((error: Error) => {
      const refusal = /session_not_found|not_invited|rsvp_closed|session_cancelled/.exec(error.message);
      if (refusal) return refusal[0];
      throw error;
    });

const cases: RlsCase[] = [
  {
    name: "read the Alkmaar pool's sessions",
    run: () => countIn('sessions'),
    expect: { ...everyone(0), anon: 'denied', memberA: 4, coordinator: 4, admin: 4 },
  },
  {
    name: 'read the Alkmaar sessions as title and date (session_calendar)',
    run: () => countIn('session_calendar'),
    expect: { ...everyone(0), anon: 'denied', memberA: 4, coordinator: 4, reader: 4, admin: 4 },
  },
  {
    name: 'read who is invited to the Alkmaar sessions (names and answers)',
    run: () => (tx) =>
      tx
        .selectFrom('session_invitees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('session_id', 'in', alkmaar.all)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    // Member A sees only their own four invitations; the reader sees no one.
    // 4 Alkmaar sessions × 20 invited members; a member sees only their own invitations.
    expect: { ...everyone(0), anon: 'denied', memberA: 4, coordinator: 80, admin: 80 },
  },
  {
    name: 'read how full the Alkmaar sessions are (numbers only)',
    run: () => countIn('session_tallies'),
    expect: { ...everyone(0), anon: 'denied', memberA: 4, coordinator: 4, admin: 4 },
  },
  {
    name: 'schedule a session for the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('sessions')
        .values({
          pool_id: w.pools.alkmaar,
          title: 'Extra',
          starts_at: '2030-01-01T18:00Z',
          ends_at: '2030-01-01T20:00Z',
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'change the title of an upcoming Alkmaar session',
    run: () => (tx) =>
      tx.updateTable('sessions').set({ title: 'Nieuw' }).where('id', '=', alkmaar.upcoming).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: "record member A's attendance directly",
    run: (w) => (tx) =>
      tx
        .updateTable('session_invitees')
        .set({ attended: true, response: 'yes' })
        .where('session_id', '=', alkmaar.upcoming)
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then(affected),
    // Member A answers only through answer_session(), never by writing the row.
    expect: { ...everyone(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'answer yes to an upcoming Alkmaar session',
    run: () => answerAs,
    expect: {
      anon: 'denied',
      memberA: 'yes',
      memberB: 'session_not_found',
      coordinator: 'not_invited',
      outsideCoordinator: 'session_not_found',
      reader: 'session_not_found',
      admin: 'session_not_found',
    },
  },
  {
    name: 'invite member B (not in the pool) to an Alkmaar session',
    run: (w) => (tx) =>
      tx
        .insertInto('session_invitees')
        .values({ session_id: alkmaar.upcoming, user_id: w.ids.memberB })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'cancel an Alkmaar session with a reason (session_changes)',
    run: () => (tx) =>
      tx
        .insertInto('session_changes')
        .values({
          session_id: alkmaar.upcoming,
          kind: 'cancelled',
          reason: 'Ziek',
          previous_starts_at: new Date(),
          created_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'create a calendar feed for member A',
    run: (w) => (tx) =>
      tx
        .insertInto('calendar_feeds')
        .values({ user_id: w.ids.memberA, token_hash: 'x'.repeat(64) })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1 },
  },
  {
    name: 'send a reminder now for an upcoming Alkmaar session',
    run: () => (tx) => sql`select private.request_session_reminder(${alkmaar.upcoming}::uuid)`.execute(tx).then(() => 1),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'read the scheduled jobs',
    run: () => countRows('scheduled_jobs'),
    expect: everyone('denied'),
  },
];

describeRls('row level security on sessions, answers, feeds and jobs', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    const sessions = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('sessions')
        .select(['id', 'starts_at'])
        .where('pool_id', '=', world.pools.alkmaar)
        .orderBy('starts_at')
        .execute(),
    );
    alkmaar.all = sessions.map((s) => s.id);
    alkmaar.upcoming = sessions.find((s) => s.starts_at > new Date())!.id;
  });
});
