import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, attempt, describeRls, everyone, type RlsCase, type World } from './fixtures';

// Who may make someone a coordinator, and how far a pool's coordinatorship reaches (issue 16, the class
// of item 3; migration 20261204160000). The Rotterdam pool's coordinator here (outsideCoordinator) was
// made coordinator inside the pool and holds neither the coordinator role nor a region: the case of a
// member a pool coordinator promoted. The demo coordinator coordinates the Alkmaar and Twente pools and
// is assigned to both regions. Writes return rows changed (0: the policy hid the row) or 'denied'.

let F: {
  rotterdam: string;
  rotterdamRegion: string;
  rotterdamMember: string;
  rotterdamCoCoordinator: string;
  rotterdamQuestion: string;
  placelessQuestion: string;
  memberInvitation: string;
  nationalMember: string;
  nationalCoordinator: string;
};

const inserted = () => 1;
/** Updates and deletes: anon has no privilege ('denied'), the rest see 0 rows unless named. */
const changes = (who: Partial<Record<keyof ReturnType<typeof everyone>, unknown>>) => ({
  ...everyone<unknown>(0),
  anon: 'denied',
  ...who,
});

const setRole =
  (pool: (w: World) => string, person: (w: World) => string, role: 'member' | 'coordinator') =>
  (w: World) =>
  (tx: Tx) =>
    tx
      .updateTable('pool_memberships')
      .set({ role })
      .where('pool_id', '=', pool(w))
      .where('user_id', '=', person(w))
      .execute()
      .then(affected);
const removeFromPool = (pool: (w: World) => string, person: (w: World) => string) => (w: World) => (tx: Tx) =>
  tx
    .deleteFrom('pool_memberships')
    .where('pool_id', '=', pool(w))
    .where('user_id', '=', person(w))
    .execute()
    .then(affected);
const invite = (pool: (w: World) => string, role: 'member' | 'coordinator') => (w: World) => (tx: Tx) =>
  tx
    .insertInto('invitations')
    .values({
      email: 'nieuw@example.org',
      pool_id: pool(w),
      role,
      token_hash: `test-${role}-${pool(w)}`,
      created_by: sql<string>`auth.uid()`,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute()
    .then(inserted);
const contactsOf = (signal: () => string) => () => (tx: Tx) =>
  tx
    .selectFrom('signal_contacts')
    .select('email')
    .where('signal_id', '=', signal())
    .execute()
    .then((r) => r.length);

const rotterdamPool = (w: World) => w.pools.rotterdam;
const alkmaarPool = (w: World) => w.pools.alkmaar;

const cases: RlsCase[] = [
  // Putting people in a pool ----------------------------------------------------------------------------
  {
    name: "put the municipality's reader in the Rotterdam pool by id",
    run: (w) => (tx) =>
      tx
        .insertInto('pool_memberships')
        .values({ pool_id: w.pools.rotterdam, user_id: w.ids.reader })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: "put the municipality's reader in the Alkmaar pool as coordinator by id",
    run: (w) => (tx) =>
      tx
        .insertInto('pool_memberships')
        .values({ pool_id: w.pools.alkmaar, user_id: w.ids.reader, role: 'coordinator' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: "hand member A's Alkmaar membership to the reader (rewriting whose it is)",
    run: (w) => (tx) =>
      tx
        .updateTable('pool_memberships')
        .set({ user_id: w.ids.reader })
        .where('pool_id', '=', w.pools.alkmaar)
        .where('user_id', '=', w.ids.memberA)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },

  // Appointing and removing coordinators ---------------------------------------------------------------------
  {
    name: 'make member A coordinator of the Alkmaar pool',
    run: setRole(alkmaarPool, (w) => w.ids.memberA, 'coordinator'),
    expect: changes({ coordinator: 1, admin: 1 }),
  },
  {
    name: 'make a Rotterdam member coordinator of the Rotterdam pool',
    run: setRole(rotterdamPool, () => F.rotterdamMember, 'coordinator'),
    expect: changes({ outsideCoordinator: 'denied', admin: 1 }),
  },
  {
    name: "make the Rotterdam pool's other coordinator a member again",
    run: setRole(rotterdamPool, () => F.rotterdamCoCoordinator, 'member'),
    expect: changes({ outsideCoordinator: 'denied', admin: 1 }),
  },
  {
    name: 'step down as coordinator of the Rotterdam pool',
    run: setRole(rotterdamPool, (w) => w.ids.outsideCoordinator, 'member'),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "remove the Rotterdam pool's other coordinator from the pool",
    run: removeFromPool(rotterdamPool, () => F.rotterdamCoCoordinator),
    expect: changes({ admin: 1 }),
  },
  {
    name: 'remove a Rotterdam member from the pool',
    run: removeFromPool(rotterdamPool, () => F.rotterdamMember),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },

  // Invitations ---------------------------------------------------------------------------------------------
  {
    name: 'invite someone to the Rotterdam pool as member',
    run: invite(rotterdamPool, 'member'),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },
  {
    name: 'invite someone to the Rotterdam pool as coordinator',
    run: invite(rotterdamPool, 'coordinator'),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'invite someone to the Alkmaar pool as coordinator',
    run: invite(alkmaarPool, 'coordinator'),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'turn an open member invitation to the Rotterdam pool into a coordinator invitation',
    run: () => (tx) =>
      tx
        .updateTable('invitations')
        .set({ role: 'coordinator' })
        .where('id', '=', F.memberInvitation)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'send an open member invitation to the Rotterdam pool to another address',
    run: () => (tx) =>
      tx
        .updateTable('invitations')
        .set({ email: 'ander@example.org' })
        .where('id', '=', F.memberInvitation)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },
  {
    name: 'revoke an open member invitation to the Rotterdam pool',
    run: () => (tx) =>
      tx
        .updateTable('invitations')
        .set({ revoked_at: new Date() })
        .where('id', '=', F.memberInvitation)
        .execute()
        .then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },

  // Region reach: the pool is not enough, the region assignment decides ----------------------------------------
  {
    name: 'read the contact details of a question from Rotterdam',
    run: contactsOf(() => F.rotterdamQuestion),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: "whether one reads Rotterdam's monitoring (reads_municipality_monitoring)",
    run: () => (tx) =>
      sql<{ ok: boolean }>`select private.reads_municipality_monitoring(${F.rotterdam}::uuid) as ok`
        .execute(tx)
        .then((r) => r.rows[0]!.ok),
    expect: { ...everyone(false), admin: true },
  },

  // Signals without a region: the national pools' ----------------------------------------------------------------
  {
    name: 'see signals that have no region',
    run: () => (tx) =>
      tx
        .selectFrom('signals')
        .select('id')
        .where('region_id', 'is', null)
        .execute()
        .then((rows) => rows.length > 0),
    expect: { ...everyone(false), anon: 'denied', admin: true },
  },
  {
    name: 'read the contact details of a question without a municipality',
    run: contactsOf(() => F.placelessQuestion),
    expect: { ...everyone(0), anon: 'denied', admin: 1 },
  },
  {
    name: 'log a signal without a municipality',
    run: () => (tx) =>
      tx
        .insertInto('signals')
        .values({ reference: 'EP-GRANT03', channel: 'helpdesk', body: 'Vraag', created_by: sql<string>`auth.uid()` })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), admin: 1 },
  },
];

/** Runs `work` as any person of the demo data (not one of the actors), rolling back. */
const asPerson = <T>(world: World, id: string, work: (tx: Tx) => Promise<T>) =>
  attempt(
    { ...world, claims: () => ({ sub: id, email: `${id}@example.org`, role: 'authenticated' }) },
    'memberA',
    work,
  );

describeRls('who may grant roles, and how far they reach', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    F = await runAsSystem(world.database, async (tx) => {
      const rotterdam = await tx
        .selectFrom('municipalities')
        .select(['id', 'region_id'])
        .where('name', '=', 'Rotterdam')
        .executeTakeFirstOrThrow();
      const members = await tx
        .selectFrom('pool_memberships')
        .select('user_id')
        .where('pool_id', '=', world.pools.rotterdam)
        .where('role', '=', 'member')
        .orderBy('joined_at')
        .execute();
      const [rotterdamMember, rotterdamCoCoordinator] = [members[0]!.user_id, members[1]!.user_id];
      await tx
        .updateTable('pool_memberships')
        .set({ role: 'coordinator' })
        .where('pool_id', '=', world.pools.rotterdam)
        .where('user_id', '=', rotterdamCoCoordinator)
        .execute();
      const question = async (reference: string, municipality: string | null) => {
        await sql`select private.submit_public_signal(${reference}, 'Waar vind ik taalles?', 'nl',
          ${municipality}::uuid, null, 'vraag@example.org', null)`.execute(tx);
        const { id } = await tx
          .selectFrom('signals')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        return id;
      };
      const { id: memberInvitation } = await tx
        .insertInto('invitations')
        .values({
          email: 'open@example.org',
          pool_id: world.pools.rotterdam,
          token_hash: 'test-open-member-invitation',
          created_by: world.ids.outsideCoordinator,
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The national pool: one of its members becomes its coordinator, as an admin would appoint them.
      const national = await tx
        .selectFrom('pool_memberships')
        .innerJoin('pools', 'pools.id', 'pool_memberships.pool_id')
        .select('pool_memberships.user_id')
        .where('pools.region_id', 'is', null)
        .orderBy('pool_memberships.joined_at')
        .execute();
      const [nationalMember, nationalCoordinator] = [national[0]!.user_id, national[1]!.user_id];
      await tx
        .updateTable('pool_memberships')
        .set({ role: 'coordinator' })
        .where('user_id', '=', nationalCoordinator)
        .execute();
      return {
        rotterdam: rotterdam.id,
        rotterdamRegion: rotterdam.region_id,
        rotterdamMember,
        rotterdamCoCoordinator,
        rotterdamQuestion: await question('EP-GRANT01', rotterdam.id),
        placelessQuestion: await question('EP-GRANT02', null),
        memberInvitation,
        nationalMember,
        nationalCoordinator,
      };
    });
  });

  it("a national pool's people read signals without a region; only its coordinators read their contact details", async () => {
    const world = getWorld();
    const seesPlaceless = (tx: Tx) =>
      tx
        .selectFrom('signals')
        .select('id')
        .where('region_id', 'is', null)
        .execute()
        .then((rows) => rows.length > 0);
    expect(await asPerson(world, F.nationalMember, seesPlaceless)).toBe(true);
    expect(await asPerson(world, F.nationalMember, contactsOf(() => F.placelessQuestion)())).toBe(0);
    expect(await asPerson(world, F.nationalCoordinator, contactsOf(() => F.placelessQuestion)())).toBe(1);
    // Their counts per month agree with what they read (the function applies the same condition).
    expect(
      await asPerson(world, F.nationalMember, (tx) =>
        sql<{
          n: number;
        }>`select coalesce(sum(n), 0)::int as n from private.signal_counts_per_indicator_month(null, null, '2000-01-01')`
          .execute(tx)
          .then((r) => r.rows[0]!.n > 0),
      ),
    ).toBe(true);
  });

  it('once an admin gives the Rotterdam pool coordinator the role and Regio Rotterdam, they appoint there and read its contact details', async () => {
    const world = getWorld();
    const assign = (add: boolean) =>
      runAsSystem(world.database, async (tx) => {
        if (add) {
          await tx
            .insertInto('user_roles')
            .values({ user_id: world.ids.outsideCoordinator, role: 'coordinator' })
            .execute();
          await tx
            .insertInto('coordinator_regions')
            .values({ user_id: world.ids.outsideCoordinator, region_id: F.rotterdamRegion })
            .execute();
        } else {
          await tx.deleteFrom('user_roles').where('user_id', '=', world.ids.outsideCoordinator).execute();
        }
      });
    await assign(true);
    try {
      expect(await attempt(world, 'outsideCoordinator', contactsOf(() => F.rotterdamQuestion)())).toBe(1);
      expect(
        await attempt(
          world,
          'outsideCoordinator',
          setRole(rotterdamPool, () => F.rotterdamMember, 'coordinator')(world),
        ),
      ).toBe(1);
      expect(await attempt(world, 'outsideCoordinator', invite(rotterdamPool, 'coordinator')(world))).toBe(1);
      expect(
        await attempt(world, 'outsideCoordinator', (tx) =>
          sql<{ ok: boolean }>`select private.reads_municipality_monitoring(${F.rotterdam}::uuid) as ok`
            .execute(tx)
            .then((r) => r.rows[0]!.ok),
        ),
      ).toBe(true);
    } finally {
      await assign(false);
    }
  });

  it('the demo coordinator still reads the contact details in the regions they are assigned to', async () => {
    const world = getWorld();
    const regions = await attempt(world, 'coordinator', (tx) =>
      tx
        .selectFrom('signal_contacts')
        .innerJoin('signals', 'signals.id', 'signal_contacts.signal_id')
        .innerJoin('regions', 'regions.id', 'signals.region_id')
        .select('regions.slug')
        .distinct()
        .execute()
        .then((rows) => rows.map((r) => r.slug).sort()),
    );
    expect(regions).toEqual(['alkmaar', 'twente']);
  });
});
