import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { queueMail } from '~/mail/mailer.server';
import { affected, countRows, describeRls, everyone, type RlsCase, type World } from './fixtures';

// Accounts and what guards them: the outbox (reset and invitation links), sign-in sessions (a person
// sees and ends only their own, admins included), the limiters' counts (nobody).
const cases: RlsCase[] = [
  {
    name: 'read the outbox (it holds reset links)',
    run: () => countRows('outbox'),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'put a mail in the outbox',
    run: () => (tx) =>
      tx
        .insertInto('outbox')
        .values({ to_address: 'x@example.org', subject: 'x', body_text: 'x' })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'empty the outbox',
    run: () => (tx) =>
      tx
        .deleteFrom('outbox')
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: 'read sign-in sessions (member A has a live and an ended one, member B one)',
    run: () => countRows('auth_sessions'),
    expect: { ...everyone(0), anon: 'denied', memberA: 2, memberB: 1 },
  },
  {
    name: "read member A's session secret hashes",
    run: (w) => (tx) =>
      tx.selectFrom('auth_sessions').select('secret_hash').where('user_id', '=', w.ids.memberA).execute(),
    expect: everyone('denied'),
  },
  {
    name: "end member A's live session",
    run: (w) => (tx) =>
      tx
        .updateTable('auth_sessions')
        .set({ revoked_at: new Date(), revoked_because: 'signed_out_elsewhere' })
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: "bring member A's ended session back",
    run: (w) => (tx) =>
      tx
        .updateTable('auth_sessions')
        .set({ revoked_at: null, revoked_because: null })
        .where('user_id', '=', w.ids.memberA)
        .where('revoked_at', 'is not', null)
        .execute()
        .then(affected),
    expect: { ...everyone(0), anon: 'denied' },
  },
  {
    name: 'start a session for member A',
    run: (w) => (tx) =>
      tx
        .insertInto('auth_sessions')
        .values({ user_id: w.ids.memberA, secret_hash: 'f'.repeat(64), expires_at: new Date(Date.now() + 3600_000) })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: "delete member A's sessions",
    run: (w) => (tx) => tx.deleteFrom('auth_sessions').where('user_id', '=', w.ids.memberA).execute().then(affected),
    expect: everyone('denied'),
  },
  {
    name: "read the limiters' counts (rate_limits)",
    run: () => countRows('rate_limits'),
    expect: everyone('denied'),
  },
  {
    name: 'reset a limiter count',
    run: () => (tx) => sql`delete from public.rate_limits`.execute(tx).then(() => 1),
    expect: everyone('denied'),
  },
];

describeRls('row level security on accounts', cases, (getWorld: () => World) => {
  beforeAll(() => {
    const { database, ids } = getWorld();
    return runAsSystem(database, async (tx) => {
      await queueMail(tx, {
        to: 'admin@demo.expertpool.nl',
        subject: 'Reset',
        text: 'http://localhost/reset-password/x',
      });
      const inAnHour = new Date(Date.now() + 3600_000);
      await tx
        .insertInto('auth_sessions')
        .values([
          { user_id: ids.memberA, secret_hash: 'a'.repeat(64), expires_at: inAnHour },
          {
            user_id: ids.memberA,
            secret_hash: 'b'.repeat(64),
            expires_at: inAnHour,
            revoked_at: new Date(),
            revoked_because: 'signed_out',
          },
          { user_id: ids.memberB, secret_hash: 'c'.repeat(64), expires_at: inAnHour },
        ])
        .execute();
    });
  });
});
