import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { affected, describeRls, everyone, type RlsCase } from './fixtures';

// One notification and one preference of member A's, written as the system; filled before the cases run.
const mine = { id: '' };

const cases: RlsCase[] = [
  {
    name: "read member A's notification",
    run: () => (tx) =>
      tx
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', mine.id)
        .execute()
        .then((rows) => rows.length),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: "mark member A's notification read",
    run: () => (tx) =>
      tx.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', mine.id).execute().then(affected),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  {
    name: "move member A's notification to oneself (change its recipient)",
    run: () => (tx) =>
      tx
        .updateTable('notifications')
        .set({ recipient_id: sql<string>`auth.uid()` })
        .where('id', '=', mine.id)
        .execute()
        .then(affected),
    // Only read_at may be changed, by anyone: the column grant refuses the rest.
    expect: everyone('denied'),
  },
  {
    name: 'write a notification for oneself',
    run: (w) => (tx) =>
      tx
        .insertInto('notifications')
        .values({ recipient_id: sql<string>`auth.uid()`, kind: 'session_invited', pool_id: w.pools.alkmaar })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: "delete member A's notification",
    run: () => (tx) => tx.deleteFrom('notifications').where('id', '=', mine.id).execute().then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'choose how one gets invitations (own preference)',
    run: () => (tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: sql<string>`auth.uid()`, kind: 'session_invited', delivery: 'weekly' })
        .execute()
        .then(() => 1),
    expect: { ...everyone(1), anon: 'denied' },
  },
  {
    name: "choose member A's preference for them",
    run: (w) => (tx) =>
      tx
        .insertInto('notification_preferences')
        .values({ user_id: w.ids.memberA, kind: 'session_invited', delivery: 'off' })
        .execute()
        .then(() => 1),
    expect: { ...everyone('denied'), memberA: 1 },
  },
  {
    name: "read member A's preferences",
    run: () => (tx) =>
      tx
        .selectFrom('notification_preferences')
        .select('kind')
        .execute()
        .then((rows) => rows.length),
    expect: { ...everyone(0), anon: 'denied', memberA: 1 },
  },
  // Digests and the told-once keys are the system's bookkeeping: no role reads or writes them.
  {
    name: "read member A's digests",
    run: () => (tx) =>
      tx
        .selectFrom('notification_digests')
        .select('id')
        .execute()
        .then((rows) => rows.length),
    expect: everyone('denied'),
  },
  {
    name: 'write a digest for oneself',
    run: () => (tx) =>
      tx
        .insertInto('notification_digests')
        .values({ recipient_id: sql<string>`auth.uid()`, period: 'daily', local_date: '2026-12-08' })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
  {
    name: "put member A's notification back for a digest (clear digest_id)",
    run: () => (tx) =>
      tx.updateTable('notifications').set({ digest_id: null }).where('id', '=', mine.id).execute().then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'read what the daily events told already',
    run: () => (tx) =>
      tx
        .selectFrom('notified_once')
        .select('key')
        .execute()
        .then((rows) => rows.length),
    expect: everyone('denied'),
  },
  {
    name: 'mark an event as told (so nobody hears of it)',
    run: () => (tx) =>
      tx
        .insertInto('notified_once')
        .values({ key: 'invitation_stuck:00000000-0000-0000-0000-000000000000' })
        .execute()
        .then(() => 1),
    expect: everyone('denied'),
  },
];

describeRls('row level security: notifications and their preferences', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    await runAsSystem(world.database, async (tx) => {
      const row = await tx
        .insertInto('notifications')
        .values({ recipient_id: world.ids.memberA, kind: 'advice_published', pool_id: world.pools.alkmaar })
        .returning('id')
        .executeTakeFirstOrThrow();
      mine.id = row.id;
      const digest = await tx
        .insertInto('notification_digests')
        .values({ recipient_id: world.ids.memberA, period: 'daily', local_date: '2026-12-07' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.updateTable('notifications').set({ digest_id: digest.id }).where('id', '=', mine.id).execute();
      await tx
        .insertInto('notification_preferences')
        .values({ user_id: world.ids.memberA, kind: 'advice_published', delivery: 'weekly' })
        .execute();
    });
  });
});
