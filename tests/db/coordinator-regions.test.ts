import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAddressees } from '~/advice/queries.server';
import { migrate } from '~/db/migrate.server';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { freshDatabase, migrateBefore } from './database';
import { worldOf, type Actor, type World } from './fixtures';

// Issue 16, item 3, as it was done: the demo coordinator (assigned to Regio Alkmaar and Regio Twente)
// moved their own pool to another region and created a pool in a region they do not serve; a coordinator
// of another region deleted Alkmaar's goals, which took 22 of Alkmaar's 43 monitoring figures with them.
// Each case commits for real (no rollback), so what a refusal leaves behind is what the database keeps.

let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  // Nour coordinates the Rotterdam pool; here she also holds the organisation-wide coordinator role,
  // as a coordinator of another region would (no admin ever gave her Regio Alkmaar).
  await runAsSystem(world.database, (tx) =>
    tx.insertInto('user_roles').values({ user_id: world.ids.outsideCoordinator, role: 'coordinator' }).execute(),
  );
});
afterAll(() => close());

/** Runs the work as the actor and commits; the SQLSTATE when the database refused it, else 'done'. */
const as = (actor: Actor, work: (tx: Tx) => Promise<unknown>) =>
  runAs(world.database, world.claims(actor), work).then(
    () => 'done',
    (error: { code?: string }) => error.code ?? String(error),
  );

const system = <T>(work: (tx: Tx) => Promise<T>) => runAsSystem(world.database, work);
const regionId = (slug: string) =>
  system((tx) => tx.selectFrom('regions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).then(
    (r) => r.id,
  );
const regionOfPool = (pool: string) =>
  system((tx) => tx.selectFrom('pools').select('region_id').where('id', '=', pool).executeTakeFirstOrThrow()).then(
    (r) => r.region_id,
  );
const alkmaarFigures = () =>
  system((tx) =>
    sql<{ n: number }>`
      select count(*)::int as n from public.core_indicator_values v
      where private.core_indicator_municipality(v.core_indicator_id) = (select id from public.municipalities where name = 'Alkmaar')`.execute(
      tx,
    ),
  ).then((r) => r.rows[0]!.n);
const alkmaarGoals = () =>
  system((tx) =>
    tx
      .selectFrom('municipal_goals as g')
      .innerJoin('municipalities as m', 'm.id', 'g.municipality_id')
      .select('g.id')
      .where('m.name', '=', 'Alkmaar')
      .execute(),
  ).then((rows) => rows.map((r) => r.id));

describe('coordinators stay in the regions an admin assigned to them', () => {
  it('a coordinator cannot move their own pool to a region they are not assigned to', async () => {
    const twente = await regionOfPool(world.pools.twente);
    const rotterdam = await regionId('rotterdam');
    const outcome = await as('coordinator', (tx) =>
      tx.updateTable('pools').set({ region_id: rotterdam }).where('id', '=', world.pools.twente).execute(),
    );
    expect(outcome).toBe('42501');
    expect(await regionOfPool(world.pools.twente)).toBe(twente);
    // …nor make it national, which is everywhere.
    const national = await as('coordinator', (tx) =>
      tx.updateTable('pools').set({ region_id: null }).where('id', '=', world.pools.twente).execute(),
    );
    expect(national).toBe('42501');
    expect(await regionOfPool(world.pools.twente)).toBe(twente);
  });

  it("after the refused move the coordinator reads none of that region's newcomers' contact details", async () => {
    const contacts = await runAs(world.database, world.claims('coordinator'), (tx) =>
      tx
        .selectFrom('signal_contacts as c')
        .innerJoin('signals as s', 's.id', 'c.signal_id')
        .innerJoin('regions as r', 'r.id', 's.region_id')
        .select('c.signal_id')
        .where('r.slug', '=', 'rotterdam')
        .execute(),
    );
    expect(contacts).toEqual([]);
  });

  it('a coordinator cannot create a pool in a region they are not assigned to', async () => {
    const rotterdam = await regionId('rotterdam');
    const outcome = await as('coordinator', (tx) =>
      tx.insertInto('pools').values({ name: 'Expertpool Rijnmond', region_id: rotterdam }).execute(),
    );
    expect(outcome).toBe('42501');
    const made = await system((tx) =>
      tx.selectFrom('pools').select('id').where('name', '=', 'Expertpool Rijnmond').execute(),
    );
    expect(made).toEqual([]);
  });

  it('a coordinator cannot have their pool serve a municipality outside their regions', async () => {
    const outcome = await as('coordinator', (tx) =>
      tx
        .insertInto('pool_municipalities')
        .values({
          pool_id: world.pools.twente,
          municipality_id: sql<string>`(select id from public.municipalities where name = 'Rotterdam')`,
        })
        .execute(),
    );
    expect(outcome).toBe('42501');
  });

  it("a coordinator of another region cannot delete Alkmaar's goals, and Alkmaar keeps its figures", async () => {
    const goals = await alkmaarGoals();
    const figures = await alkmaarFigures();
    expect(figures).toBe(43);
    const deleted = await runAs(world.database, world.claims('outsideCoordinator'), (tx) =>
      tx.deleteFrom('municipal_goals').where('id', 'in', goals).execute(),
    );
    expect(Number(deleted[0]!.numDeletedRows)).toBe(0);
    expect(await alkmaarGoals()).toEqual(goals);
    expect(await alkmaarFigures()).toBe(43);
  });

  it('deleting a goal that has monitoring figures is refused, even for its region and admins, and the figures stay', async () => {
    const goals = await alkmaarGoals();
    for (const actor of ['coordinator', 'admin'] as const) {
      for (const goal of goals) {
        const outcome = await as(actor, (tx) => tx.deleteFrom('municipal_goals').where('id', '=', goal).execute());
        // restrict_violation (PGlite, Postgres 18) or foreign_key_violation (Postgres 15)
        expect(['23001', '23503'], `${actor} deleting a goal`).toContain(outcome);
      }
    }
    expect(await alkmaarGoals()).toEqual(goals);
    expect(await alkmaarFigures()).toBe(43);
  });
});

describe('the advice form', () => {
  it("offers a pool's member only what the pool may address: its municipalities, its region, chain partners", async () => {
    const offered = await runAs(world.database, world.claims('memberA'), (tx) =>
      listAddressees(tx, [world.pools.alkmaar]),
    );
    expect(offered.regions.map((r) => [r.name, r.addressable])).toEqual([['Regio Alkmaar', true]]);
    expect(offered.municipalities.map((m) => m.name)).toEqual([
      'Alkmaar',
      'Bergen (NH)',
      'Castricum',
      'Dijk en Waard',
      'Heiloo',
      'Uitgeest',
    ]);
    expect(offered.organisations.map((o) => o.name)).toEqual(['COA', 'DUO', 'Divosa', 'Ministerie van SZW', 'VNG']);
    // An advice keeps what it is addressed to already, so saving it does not silently drop an addressee.
    const enschede = await system((tx) =>
      tx.selectFrom('municipalities').select('id').where('name', '=', 'Enschede').executeTakeFirstOrThrow(),
    );
    const kept = await runAs(world.database, world.claims('memberA'), (tx) =>
      listAddressees(tx, [world.pools.alkmaar], [enschede.id]),
    );
    expect(kept.regions.map((r) => [r.name, r.addressable])).toEqual([
      ['Regio Alkmaar', true],
      ['Regio Twente', false],
    ]);
    expect(kept.municipalities.map((m) => m.name)).toContain('Enschede');
  });
});

describe('the migration that brings in region assignments', () => {
  it('gives coordinators the regions of the regional pools they run today, and nobody anything else', async () => {
    const database = await freshDatabase({ migrate: false });
    try {
      await migrateBefore(database, '20261204110000');
      const people = await runAsSystem(database, async (tx) => {
        const person = (email: string) =>
          tx
            .insertInto('auth.users')
            .values({ email })
            .returning('id')
            .executeTakeFirstOrThrow()
            .then((r) => r.id);
        const region = (slug: string) =>
          tx
            .insertInto('regions')
            .values({ slug, name: slug })
            .returning('id')
            .executeTakeFirstOrThrow()
            .then((r) => r.id);
        const pool = (name: string, region_id: string | null) =>
          tx
            .insertInto('pools')
            .values({ name, region_id })
            .returning('id')
            .executeTakeFirstOrThrow()
            .then((r) => r.id);
        const [coordinator, poolCoordinator, member, idle] = [
          await person('c@example.org'),
          await person('p@example.org'),
          await person('m@example.org'),
          await person('i@example.org'),
        ];
        const [north, east, south] = [await region('north'), await region('east'), await region('south')];
        const [northPool, nationalPool, eastPool, southPool] = [
          await pool('North', north),
          await pool('National', null),
          await pool('East', east),
          await pool('South', south),
        ];
        await tx
          .insertInto('user_roles')
          .values([
            { user_id: coordinator, role: 'coordinator' },
            { user_id: idle, role: 'coordinator' },
          ])
          .execute();
        await tx
          .insertInto('pool_memberships')
          .values([
            { pool_id: northPool, user_id: coordinator, role: 'coordinator' },
            { pool_id: nationalPool, user_id: coordinator, role: 'coordinator' },
            { pool_id: southPool, user_id: coordinator, role: 'member' },
            // Coordinates a pool without the organisation-wide role (e.g. after a handover).
            { pool_id: eastPool, user_id: poolCoordinator, role: 'coordinator' },
            { pool_id: eastPool, user_id: member, role: 'member' },
          ])
          .execute();
        return { coordinator, north };
      });
      await migrate(database);
      const rows = await runAsSystem(database, (tx) =>
        tx.selectFrom('coordinator_regions').select(['user_id', 'region_id', 'assigned_by']).execute(),
      );
      expect(rows).toEqual([{ user_id: people.coordinator, region_id: people.north, assigned_by: null }]);
    } finally {
      await database.close();
    }
  });
});
