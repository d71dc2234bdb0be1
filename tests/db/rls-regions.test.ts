import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import {
  affected,
  attempt,
  countRows,
  describeRls,
  everyone,
  plantGoalTree,
  type CoreActor,
  type RlsCase,
  type World,
} from './fixtures';

// Who may work where (issue 16, item 3). The demo coordinator is assigned to Regio Alkmaar and Regio
// Twente. In this file the coordinator of the Rotterdam pool (outsideCoordinator) also holds the
// coordinator role and is assigned to Regio Rotterdam, so the two are each other's "coordinator of
// another region". Regio Zwolle is nobody's. Writes return rows changed (0: the policy hid the row),
// 'denied' (refused), or the SQLSTATE a trigger or foreign key refused them with.

let F: {
  region: Record<'alkmaar' | 'twente' | 'rotterdam' | 'zwolle', string>;
  town: Record<'Alkmaar' | 'Heiloo' | 'Enschede' | 'Rotterdam' | 'Schiedam', string>;
  alkmaarGoalWithFigures: string;
  alkmaarGoal: string;
  alkmaarOutput: string;
  rotterdamGoal: string;
  rotterdamOutput: string;
  rotterdamCore: string;
  questionnaire: string;
  advice: string;
  draft: string;
  zwollePool: string;
  signal: string;
  vng: string;
};

/** The refusal a statement met, for cases where a trigger or a foreign key says no (not RLS). */
const refusal = (error: { code?: string; message?: string }) => {
  if (/row-level security|permission denied/.test(error.message ?? '')) throw error;
  // restrict_violation (Postgres 18) or foreign_key_violation (Postgres 15): figures still point at it.
  return error.code === '23001' || error.code === '23503' ? 'has figures' : error.code;
};

const inserted = () => 1;
/** Updates and deletes: anon has no privilege ('denied'), the rest see 0 rows unless named. */
const changes = (who: Partial<Record<CoreActor, unknown>>) => ({ ...everyone<unknown>(0), anon: 'denied', ...who });

const newPool = (region: () => string | null) => () => (tx: Tx) =>
  tx.insertInto('pools').values({ name: 'Expertpool Test', region_id: region() }).execute().then(inserted);
const movePool = (pool: keyof World['pools'], region: () => string | null) => (w: World) => (tx: Tx) =>
  tx.updateTable('pools').set({ region_id: region() }).where('id', '=', w.pools[pool]).execute().then(affected);
const serve = (pool: keyof World['pools'], town: () => string) => (w: World) => (tx: Tx) =>
  tx
    .insertInto('pool_municipalities')
    .values({ pool_id: w.pools[pool], municipality_id: town() })
    .execute()
    .then(inserted);
const stopServing = (pool: keyof World['pools'], town: () => string) => (w: World) => (tx: Tx) =>
  tx
    .deleteFrom('pool_municipalities')
    .where('pool_id', '=', w.pools[pool])
    .where('municipality_id', '=', town())
    .execute()
    .then(affected);
const draftAdvice = (addressees: () => string[]) => (w: World) => (tx: Tx) =>
  tx
    .insertInto('advices')
    .values({
      pool_id: w.pools.alkmaar,
      title: 'Test',
      created_by: sql<string>`auth.uid()`,
      addressee_ids: addressees(),
    })
    .execute()
    .then(inserted);
const readdress = (addressees: () => string[]) => () => (tx: Tx) =>
  tx.updateTable('advices').set({ addressee_ids: addressees() }).where('id', '=', F.advice).execute().then(affected);

const cases: RlsCase[] = [
  // The assignment itself ----------------------------------------------------------------------------
  {
    name: 'read who is assigned to which region',
    run: () => countRows('coordinator_regions'),
    expect: { ...everyone(0), anon: 'denied', coordinator: 2, outsideCoordinator: 1, admin: 3 },
  },
  {
    name: 'assign Regio Zwolle to the demo coordinator',
    run: (w) => (tx) =>
      tx
        .insertInto('coordinator_regions')
        .values({ user_id: w.ids.coordinator, region_id: F.region.zwolle })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'assign Regio Zwolle in the name of someone else',
    run: (w) => (tx) =>
      tx
        .insertInto('coordinator_regions')
        .values({ user_id: w.ids.coordinator, region_id: F.region.zwolle, assigned_by: w.ids.memberA })
        .execute()
        .then(inserted),
    expect: everyone('denied'),
  },
  {
    name: 'take Regio Alkmaar from the demo coordinator',
    run: (w) => (tx) =>
      tx
        .deleteFrom('coordinator_regions')
        .where('user_id', '=', w.ids.coordinator)
        .where('region_id', '=', F.region.alkmaar)
        .execute()
        .then(affected),
    expect: changes({ admin: 1 }),
  },

  {
    name: 'change who assigned Regio Alkmaar (assignments are added and taken away, never rewritten)',
    run: (w) => (tx) =>
      tx
        .updateTable('coordinator_regions')
        .set({ assigned_by: w.ids.admin })
        .where('region_id', '=', F.region.alkmaar)
        .execute()
        .then(affected),
    expect: everyone('denied'),
  },

  // Pools: where they are and whom they serve ------------------------------------------------------------
  {
    name: 'create a pool in Regio Alkmaar',
    run: newPool(() => F.region.alkmaar),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'create a pool in Regio Rotterdam',
    run: newPool(() => F.region.rotterdam),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },
  {
    name: 'create a national pool (no region: everywhere)',
    run: newPool(() => null),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'move the Twente pool to Regio Rotterdam',
    run: movePool('twente', () => F.region.rotterdam),
    expect: changes({ coordinator: 'denied', admin: 1 }),
  },
  {
    name: 'move the Twente pool to Regio Alkmaar',
    run: movePool('twente', () => F.region.alkmaar),
    expect: changes({ coordinator: 1, admin: 1 }),
  },
  {
    name: 'make the Twente pool national',
    run: movePool('twente', () => null),
    expect: changes({ coordinator: 'denied', admin: 1 }),
  },
  {
    name: 'move the Rotterdam pool to Regio Zwolle',
    run: movePool('rotterdam', () => F.region.zwolle),
    expect: changes({ outsideCoordinator: 'denied', admin: 1 }),
  },
  {
    name: 'have the Twente pool serve Heiloo (Regio Alkmaar)',
    run: serve('twente', () => F.town.Heiloo),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'have the Twente pool serve Rotterdam',
    run: serve('twente', () => F.town.Rotterdam),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'have the Rotterdam pool serve Heiloo',
    run: serve('rotterdam', () => F.town.Heiloo),
    expect: { ...everyone('denied'), admin: 1 },
  },
  {
    name: 'stop the Alkmaar pool serving Heiloo',
    run: stopServing('alkmaar', () => F.town.Heiloo),
    expect: changes({ coordinator: 1, admin: 1 }),
  },
  {
    name: 'stop the Rotterdam pool serving Schiedam',
    run: stopServing('rotterdam', () => F.town.Schiedam),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },

  // Goal trees --------------------------------------------------------------------------------------------
  {
    name: 'add a goal for Alkmaar',
    run: () => (tx) =>
      tx
        .insertInto('municipal_goals')
        .values({ municipality_id: F.town.Alkmaar, title: 'Gezond leven' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), coordinator: 1, admin: 1 },
  },
  {
    name: 'add a goal for Rotterdam',
    run: () => (tx) =>
      tx
        .insertInto('municipal_goals')
        .values({ municipality_id: F.town.Rotterdam, title: 'Gezond leven' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },
  {
    name: "rename Rotterdam's goal",
    run: () => (tx) =>
      tx
        .updateTable('municipal_goals')
        .set({ title: 'Anders' })
        .where('id', '=', F.rotterdamGoal)
        .execute()
        .then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "delete Rotterdam's goal (no figures)",
    run: () => (tx) => tx.deleteFrom('municipal_goals').where('id', '=', F.rotterdamGoal).execute().then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "delete Alkmaar's goal that has monitoring figures",
    run: () => (tx) =>
      tx.deleteFrom('municipal_goals').where('id', '=', F.alkmaarGoalWithFigures).execute().then(affected, refusal),
    expect: changes({ coordinator: 'has figures', admin: 'has figures' }),
  },
  {
    name: 'move an Alkmaar goal to Heiloo (its figures would follow)',
    run: () => (tx) =>
      tx
        .updateTable('municipal_goals')
        .set({ municipality_id: F.town.Heiloo })
        .where('id', '=', F.alkmaarGoal)
        .execute()
        .then(affected, refusal),
    expect: changes({ coordinator: 'EPG02', admin: 'EPG02' }),
  },
  {
    name: "add an output to Rotterdam's goal",
    run: () => (tx) =>
      tx.insertInto('municipal_outputs').values({ goal_id: F.rotterdamGoal, title: 'Werk' }).execute().then(inserted),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },
  {
    name: "move an output of Alkmaar's goal under Rotterdam's goal",
    run: () => (tx) =>
      tx
        .updateTable('municipal_outputs')
        .set({ goal_id: F.rotterdamGoal })
        .where('id', '=', F.alkmaarOutput)
        .execute()
        .then(affected, refusal),
    expect: changes({ coordinator: 'EPG02', admin: 'EPG02' }),
  },
  {
    name: "delete Rotterdam's output (no figures)",
    run: () => (tx) => tx.deleteFrom('municipal_outputs').where('id', '=', F.rotterdamOutput).execute().then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "add a core indicator to Rotterdam's output",
    run: () => (tx) =>
      tx
        .insertInto('core_indicators')
        .values({ output_id: F.rotterdamOutput, description: 'Aantal taalmaatjes' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },
  {
    name: "change the data source of Rotterdam's core indicator",
    run: () => (tx) =>
      tx
        .updateTable('core_indicators')
        .set({ data_source: 'CBS' })
        .where('id', '=', F.rotterdamCore)
        .execute()
        .then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "delete Rotterdam's core indicator (no figures)",
    run: () => (tx) => tx.deleteFrom('core_indicators').where('id', '=', F.rotterdamCore).execute().then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "unlink Rotterdam's core indicator from Work",
    run: () => (tx) =>
      tx
        .deleteFrom('core_indicator_indicators')
        .where('core_indicator_id', '=', F.rotterdamCore)
        .where('indicator_code', '=', 'work')
        .execute()
        .then(affected),
    expect: changes({ outsideCoordinator: 1, admin: 1 }),
  },
  {
    name: "link Rotterdam's core indicator to Health and social care",
    run: () => (tx) =>
      tx
        .insertInto('core_indicator_indicators')
        .values({ core_indicator_id: F.rotterdamCore, indicator_code: 'health' })
        .execute()
        .then(inserted),
    expect: { ...everyone('denied'), outsideCoordinator: 1, admin: 1 },
  },

  // Questionnaires, advice, signals -------------------------------------------------------------------------
  {
    name: "hand the Alkmaar pool's questionnaire to the Rotterdam pool",
    run: (w) => (tx) =>
      tx
        .updateTable('questionnaires')
        .set({ pool_id: w.pools.rotterdam })
        .where('id', '=', F.questionnaire)
        .execute()
        .then(affected),
    expect: changes({ coordinator: 'denied', admin: 1 }),
  },
  {
    name: "hand the Alkmaar pool's questionnaire to the Twente pool (both the coordinator's)",
    run: (w) => (tx) =>
      tx
        .updateTable('questionnaires')
        .set({ pool_id: w.pools.twente })
        .where('id', '=', F.questionnaire)
        .execute()
        .then(affected),
    expect: changes({ coordinator: 1, admin: 1 }),
  },
  {
    name: 'draft advice of the Alkmaar pool for Heiloo and VNG',
    run: draftAdvice(() => [F.town.Heiloo, F.vng]),
    expect: { ...everyone('denied'), memberA: 1, coordinator: 1 },
  },
  {
    name: 'draft advice of the Alkmaar pool for Enschede (a municipality it does not serve)',
    run: draftAdvice(() => [F.town.Enschede]),
    expect: everyone('denied'),
  },
  {
    name: 'draft advice of the Alkmaar pool for Regio Rotterdam',
    run: draftAdvice(() => [F.region.rotterdam]),
    expect: everyone('denied'),
  },
  {
    name: 'address published Alkmaar advice to Rotterdam as well',
    run: readdress(() => [F.town.Alkmaar, F.town.Rotterdam]),
    expect: changes({ coordinator: 'denied', admin: 1 }),
  },
  {
    name: 'address published Alkmaar advice to Regio Alkmaar and VNG',
    run: readdress(() => [F.region.alkmaar, F.vng]),
    expect: changes({ coordinator: 1, admin: 1 }),
  },
  {
    name: 'move an Alkmaar signal to Regio Twente without changing its municipality',
    run: () => (tx) =>
      tx
        .updateTable('signals')
        .set({ region_id: F.region.twente })
        .where('id', '=', F.signal)
        .returning('region_id')
        .execute()
        .then((rows) => rows.map((r) => (r.region_id === F.region.alkmaar ? 'stays in Regio Alkmaar' : r.region_id))),
    expect: {
      ...everyone([]),
      anon: 'denied',
      memberA: ['stays in Regio Alkmaar'],
      coordinator: ['stays in Regio Alkmaar'],
      admin: ['stays in Regio Alkmaar'],
    },
  },

  // What the pages ask the database ---------------------------------------------------------------------------
  {
    name: 'the regions one may put a new pool in (may_place_pool)',
    run: () => (tx) =>
      sql<{ slug: string }>`select slug from public.regions where private.may_place_pool(null, id) order by slug`
        .execute(tx)
        .then((r) => r.rows.map((row) => row.slug)),
    expect: {
      ...everyone([]),
      anon: 'denied',
      coordinator: ['alkmaar', 'twente'],
      outsideCoordinator: ['rotterdam'],
      admin: ['alkmaar', 'friesland', 'rotterdam', 'twente', 'zwolle'],
    },
  },
  {
    name: 'whether the Zwolle pool is in Regio Zwolle, asked of may_place_pool by people who do not run it',
    run: () => (tx) =>
      sql<{ ok: boolean }>`select private.may_place_pool(${F.zwollePool}::uuid, ${F.region.zwolle}::uuid) as ok`
        .execute(tx)
        .then((r) => r.rows[0]!.ok),
    // Its lookup runs as the system: it answers for the pool's own coordinators, or anyone could learn
    // where a pool they may not read is.
    expect: { ...everyone(false), anon: 'denied', admin: true },
  },
  {
    name: "an Alkmaar draft's addressees, through advice_addressees_before",
    run: () => (tx) =>
      sql<{ ids: string[] }>`select private.advice_addressees_before(${F.draft}::uuid) as ids`
        .execute(tx)
        .then((r) => r.rows[0]!.ids.length > 0),
    expect: { ...everyone(false), anon: 'denied', memberA: true, coordinator: true, admin: true },
  },
  {
    name: "who may shape Alkmaar's goal tree (works_in_municipality)",
    run: () => (tx) =>
      sql<{ ok: boolean }>`select private.works_in_municipality(${F.town.Alkmaar}::uuid) as ok`
        .execute(tx)
        .then((r) => r.rows[0]!.ok),
    expect: { ...everyone(false), anon: 'denied', coordinator: true, admin: true },
  },
  {
    name: "what the Alkmaar pool's advice may be addressed to (pool_addressees), counted",
    run: (w) => (tx) =>
      sql<{ n: number }>`select cardinality(private.pool_addressees(${w.pools.alkmaar}::uuid)) as n`
        .execute(tx)
        .then((r) => r.rows[0]!.n),
    // Its 6 municipalities, its region, Gemeente Alkmaar and the 7 organisations of no municipality
    // (5 chain partners, OpenEmbassy, TaalMaatje); not Gemeente Rotterdam.
    expect: { ...everyone(0), anon: 'denied', memberA: 15, coordinator: 15, admin: 15 },
  },
];

describeRls('row level security on where coordinators work: regions, pools, goal trees', cases, (getWorld) => {
  beforeAll(async () => {
    const world = getWorld();
    F = await runAsSystem(world.database, async (tx) => {
      const regions = await tx.selectFrom('regions').select(['id', 'slug']).execute();
      const region = Object.fromEntries(regions.map((r) => [r.slug, r.id])) as (typeof F)['region'];
      const towns = await tx.selectFrom('municipalities').select(['id', 'name']).execute();
      const town = Object.fromEntries(towns.map((m) => [m.name, m.id])) as (typeof F)['town'];
      await tx
        .insertInto('user_roles')
        .values({ user_id: world.ids.outsideCoordinator, role: 'coordinator' })
        .execute();
      await tx
        .insertInto('coordinator_regions')
        .values({ user_id: world.ids.outsideCoordinator, region_id: region.rotterdam, assigned_by: world.ids.admin })
        .execute();
      const withFigures = await tx
        .selectFrom('municipal_goals as g')
        .innerJoin('municipal_outputs as o', 'o.goal_id', 'g.id')
        .innerJoin('core_indicators as c', 'c.output_id', 'o.id')
        .innerJoin('core_indicator_values as v', 'v.core_indicator_id', 'c.id')
        .select('g.id')
        .where('g.municipality_id', '=', town.Alkmaar)
        .executeTakeFirstOrThrow();
      const alkmaar = await plantGoalTree(tx, town.Alkmaar);
      const rotterdam = await plantGoalTree(tx, town.Rotterdam);
      await tx
        .insertInto('core_indicator_indicators')
        .values({ core_indicator_id: rotterdam.core, indicator_code: 'work' })
        .execute();
      const questionnaire = await tx
        .selectFrom('questionnaires')
        .select('id')
        .where('pool_id', '=', world.pools.alkmaar)
        .executeTakeFirstOrThrow();
      const advice = await tx
        .selectFrom('advices')
        .select('id')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const draft = await tx
        .selectFrom('advices')
        .select('id')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('status', '=', 'draft')
        .where(sql<boolean>`cardinality(addressee_ids) > 0`)
        .executeTakeFirstOrThrow();
      const zwollePool = await tx
        .selectFrom('pools')
        .select('id')
        .where('region_id', '=', region.zwolle)
        .executeTakeFirstOrThrow();
      const signal = await tx
        .selectFrom('signals')
        .select('id')
        .where('municipality_id', '=', town.Alkmaar)
        .executeTakeFirstOrThrow();
      const vng = await tx.selectFrom('organisations').select('id').where('name', '=', 'VNG').executeTakeFirstOrThrow();
      return {
        region,
        town,
        alkmaarGoalWithFigures: withFigures.id,
        alkmaarGoal: alkmaar.goal,
        alkmaarOutput: alkmaar.output,
        rotterdamGoal: rotterdam.goal,
        rotterdamOutput: rotterdam.output,
        rotterdamCore: rotterdam.core,
        questionnaire: questionnaire.id,
        advice: advice.id,
        draft: draft.id,
        zwollePool: zwollePool.id,
        signal: signal.id,
        vng: vng.id,
      };
    });
  });

  // These commit, so they come after the cases (which roll back).
  it('an admin cannot give a region to someone without the coordinator role', async () => {
    const world = getWorld();
    const outcome = await runAs(world.database, world.claims('admin'), (tx) =>
      tx.insertInto('coordinator_regions').values({ user_id: world.ids.memberA, region_id: F.region.zwolle }).execute(),
    ).then(
      () => 'assigned',
      (error: { code?: string }) => error.code,
    );
    expect(outcome).toBe('23503');
  });

  it("a pool's coordinator whom no admin gave its region still edits the pool, but cannot move it", async () => {
    const world = getWorld();
    await runAsSystem(world.database, (tx) =>
      tx.deleteFrom('coordinator_regions').where('user_id', '=', world.ids.outsideCoordinator).execute(),
    );
    const rename = await attempt(world, 'outsideCoordinator', (tx) =>
      tx.updateTable('pools').set({ assignment: 'Nieuwe opdracht' }).where('id', '=', world.pools.rotterdam).execute(),
    );
    expect(rename).not.toBe('denied');
    const move = await attempt(world, 'outsideCoordinator', (tx) =>
      tx.updateTable('pools').set({ region_id: F.region.zwolle }).where('id', '=', world.pools.rotterdam).execute(),
    );
    expect(move).toBe('denied');
  });

  it("revoking someone's coordinator role takes their regions with it", async () => {
    const world = getWorld();
    await runAs(world.database, world.claims('admin'), (tx) =>
      tx
        .deleteFrom('user_roles')
        .where('user_id', '=', world.ids.coordinator)
        .where('role', '=', 'coordinator')
        .execute(),
    );
    const left = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('coordinator_regions').select('region_id').where('user_id', '=', world.ids.coordinator).execute(),
    );
    expect(left).toEqual([]);
  });
});
