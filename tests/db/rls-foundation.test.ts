import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { affected, attempt, countRows as count, describeRls, type RlsCase } from './fixtures';

// Who sees how many rows, and whose writes go through (a number: rows changed; 'denied': refused).
// Demo data (foundation + people seeds): 6 pools, 106 memberships; Alkmaar has 21 people (coordinator,
// lid, 19 members), Twente 19 (coordinator, 18 members), Rotterdam 18; 107 profiles; 41 municipalities,
// 10 of them in Twente. Peers: a member sees themselves, the pool's coordinators and the co-members who
// allow it ('profile_visible_to_members': 13 of lid's 19 co-members in Alkmaar, 15 of Reza's 17 in Twente).
const cases: RlsCase[] = [
  {
    name: 'select regions',
    run: () => count('regions'),
    expect: { anon: 5, memberA: 5, memberB: 5, coordinator: 5, outsideCoordinator: 5, reader: 5, admin: 5 },
  },
  {
    name: 'select municipalities',
    run: () => count('municipalities'),
    expect: { anon: 41, memberA: 41, memberB: 41, coordinator: 41, outsideCoordinator: 41, reader: 41, admin: 41 },
  },
  {
    name: 'insert a region',
    run: () => (tx) =>
      tx
        .insertInto('regions')
        .values({ slug: 'utrecht', name: 'Utrecht' })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'select pools',
    run: () => count('pools'),
    expect: { anon: 'denied', memberA: 1, memberB: 1, coordinator: 2, outsideCoordinator: 1, reader: 1, admin: 6 },
  },
  {
    name: "update the Alkmaar pool's assignment",
    run: (w) => (tx) =>
      tx.updateTable('pools').set({ assignment: 'changed' }).where('id', '=', w.pools.alkmaar).execute().then(affected),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 1, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    // Where a coordinator may create one (their regions) and where not: tests/db/rls-regions.test.ts.
    name: 'create a pool in Regio Alkmaar',
    run: () => (tx) =>
      tx
        .insertInto('pools')
        .values({ name: 'Nieuwe pool', region_id: sql<string>`(select id from public.regions where slug = 'alkmaar')` })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'delete the Alkmaar pool',
    run: (w) => (tx) => tx.deleteFrom('pools').where('id', '=', w.pools.alkmaar).execute().then(affected),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 0, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    name: 'select pool memberships',
    run: () => count('pool_memberships'),
    expect: {
      anon: 'denied',
      memberA: 21,
      memberB: 19,
      coordinator: 40,
      outsideCoordinator: 18,
      reader: 0,
      admin: 106,
    },
  },
  {
    // People join through an invitation or a sign-up link; only admins put someone in a pool by id.
    name: 'add the reader to the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('pool_memberships')
        .values({ pool_id: w.pools.alkmaar, user_id: w.ids.reader })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'make oneself coordinator of the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .updateTable('pool_memberships')
        .set({ role: 'coordinator' })
        .where('pool_id', '=', w.pools.alkmaar)
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then(affected),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 1, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    name: 'remove member A from the Alkmaar pool',
    run: (w) => (tx) => tx.deleteFrom('pool_memberships').where('user_id', '=', w.ids.memberA).execute().then(affected),
    expect: { anon: 'denied', memberA: 1, memberB: 0, coordinator: 1, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    name: 'select pool_municipalities',
    run: () => count('pool_municipalities'),
    expect: { anon: 'denied', memberA: 6, memberB: 10, coordinator: 16, outsideCoordinator: 8, reader: 6, admin: 41 },
  },
  {
    name: 'select profiles (personal fields)',
    run: () => count('profiles'),
    expect: { anon: 'denied', memberA: 1, memberB: 1, coordinator: 39, outsideCoordinator: 18, reader: 1, admin: 107 },
  },
  {
    name: "read member A's year of arrival",
    run: (w) => (tx) =>
      tx
        .selectFrom('profiles')
        .select('arrival_year')
        .where('id', '=', w.ids.memberA)
        .execute()
        .then((r) => r.map((p) => p.arrival_year)),
    expect: {
      anon: 'denied',
      memberA: [2017],
      memberB: [],
      coordinator: [2017],
      outsideCoordinator: [],
      reader: [],
      admin: [2017],
    },
  },
  {
    name: "change member A's display name",
    run: (w) => (tx) =>
      tx.updateTable('profiles').set({ display_name: 'X' }).where('id', '=', w.ids.memberA).execute().then(affected),
    expect: { anon: 'denied', memberA: 1, memberB: 0, coordinator: 0, outsideCoordinator: 0, reader: 0, admin: 1 },
  },
  {
    name: 'select pool peers (only those who allow it)',
    run: () => count('pool_peers'),
    expect: {
      anon: 'denied',
      memberA: 15,
      memberB: 17,
      coordinator: 40,
      outsideCoordinator: 18,
      reader: 0,
      admin: 106,
    },
  },
  {
    name: 'select organisation roles',
    run: () => count('user_roles'),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 1, outsideCoordinator: 0, reader: 0, admin: 2 },
  },
  {
    name: 'grant oneself the admin role',
    run: (w) => (tx) =>
      tx
        .insertInto('user_roles')
        .values({ user_id: w.ids.memberA, role: 'admin' })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'select municipality readers',
    run: () => count('municipality_readers'),
    expect: { anon: 'denied', memberA: 0, memberB: 0, coordinator: 0, outsideCoordinator: 0, reader: 1, admin: 1 },
  },
  {
    name: 'make member A a reader for Alkmaar',
    run: (w) => (tx) =>
      tx
        .insertInto('municipality_readers')
        .values({
          user_id: w.ids.memberA,
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Alkmaar')`,
        })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  {
    name: 'invite someone to the Alkmaar pool',
    run: (w) => (tx) =>
      tx
        .insertInto('invitations')
        .values({
          email: 'new@example.org',
          pool_id: w.pools.alkmaar,
          token_hash: 'x',
          created_by: sql<string>`auth.uid()`,
          expires_at: new Date(Date.now() + 1e6),
        })
        .execute()
        .then(() => 1),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 1,
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 1,
    },
  },
  // The outbox: tests/db/rls-auth.test.ts (it needs a mail in it to tell the roles apart).
  {
    name: 'read auth.users',
    run: () => (tx) =>
      tx
        .selectFrom('auth.users')
        .select('id')
        .execute()
        .then((r) => r.length),
    expect: {
      anon: 'denied',
      memberA: 'denied',
      memberB: 'denied',
      coordinator: 'denied',
      outsideCoordinator: 'denied',
      reader: 'denied',
      admin: 'denied',
    },
  },
];

describeRls('row level security on the foundation tables', cases, (world) => {
  it('a reader sees how many people a pool has, not who they are', async () => {
    const size = (pool: string) =>
      attempt(world(), 'reader', (tx) =>
        sql<{ size: number | null }>`select private.pool_size(${pool}::uuid) as size`
          .execute(tx)
          .then((r) => r.rows[0]!.size),
      );
    expect(await size(world().pools.alkmaar)).toBe(21);
    expect(await size(world().pools.twente)).toBeNull();
  });
});
