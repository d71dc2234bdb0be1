import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { affected, describeRls, everyoneAndExtras, municipalityId, plantGoalTree, type RlsCase } from './fixtures';

/** Rows the cases act on: a core indicator of Alkmaar's seeded tree and of a small Enschede tree made here. */
let F: {
  alkmaar: string;
  enschede: string;
  alkmaarCore: string;
  enschedeCore: string;
  alkmaarOutput: string;
  alkmaarTarget: string;
  alkmaarSource: string;
  enschedeSource: string;
};

type World = Parameters<RlsCase['run']>[0];

const exists = (table: 'core_indicator_targets' | 'core_indicator_measures', core: () => string) => () => (tx: Tx) =>
  tx
    .selectFrom(table)
    .select('core_indicator_id')
    .where('core_indicator_id', '=', core())
    .execute()
    .then((rows) => rows.length > 0);

/** The overview's reads (migration 20261210720000): one check of the person's right per call, naming a municipality. */
const throughFunction =
  (fn: 'core_indicator_targets_of' | 'core_indicator_measures_of', municipality: () => string, core: () => string) =>
  () =>
  (tx: Tx) =>
    sql<{ core_indicator_id: string }>`
      select core_indicator_id from ${sql.raw(`private.${fn}`)}(${municipality()}, array[${core()}]::uuid[])`
      .execute(tx)
      .then((r) => r.rows.length > 0);

const setTarget = (core: () => string, setBy?: (w: World) => string) => (w: World) => (tx: Tx) =>
  tx
    .insertInto('core_indicator_targets')
    .values({
      core_indicator_id: core(),
      due_year: 2031,
      value: 80,
      set_by: setBy ? setBy(w) : sql<string>`auth.uid()`,
    })
    .execute()
    .then((r) => r.length);

const setMeasure = (core: () => string) => () => (tx: Tx) =>
  tx
    .insertInto('core_indicator_measures')
    .values({ core_indicator_id: core(), direction: 'lower', unit: '%' })
    .onConflict((oc) => oc.column('core_indicator_id').doUpdateSet({ direction: 'lower' }))
    .execute()
    .then((r) => r.length);

/** The trigger's refusal of another municipality's data source, told apart from any other error. */
const refusedAsForeign = (error: { code?: string }) => {
  if (error.code === 'EPG21') return 'EPG21';
  throw error;
};

/** Who reads a municipality's monitoring: its readers, the coordinators serving it, admins. */
const readsAlkmaar = {
  ...everyoneAndExtras(false),
  anon: 'denied' as const,
  coordinator: true,
  reader: true,
  admin: true,
};
/** Who sets its targets and measures: its readers, the coordinators of its region, admins. */
const setsAlkmaar = { ...everyoneAndExtras('denied' as const), coordinator: 1, reader: 1, admin: 1 };
/** Who keeps its goal tree and list of data sources: admins, the coordinators of its region. */
const keepsAlkmaar = { ...everyoneAndExtras('denied' as const), coordinator: 1, admin: 1 };

const cases: RlsCase[] = [
  {
    name: "read Alkmaar's targets",
    run: exists('core_indicator_targets', () => F.alkmaarCore),
    expect: readsAlkmaar,
  },
  {
    name: "read Enschede's targets",
    run: exists('core_indicator_targets', () => F.enschedeCore),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    name: "read Alkmaar's direction and unit",
    run: exists('core_indicator_measures', () => F.alkmaarCore),
    expect: readsAlkmaar,
  },
  {
    name: "read Alkmaar's targets through core_indicator_targets_of",
    run: throughFunction(
      'core_indicator_targets_of',
      () => F.alkmaar,
      () => F.alkmaarCore,
    ),
    expect: readsAlkmaar,
  },
  {
    name: "read Enschede's targets through core_indicator_targets_of",
    run: throughFunction(
      'core_indicator_targets_of',
      () => F.enschede,
      () => F.enschedeCore,
    ),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    // Enschede's reader naming Enschede (which they read) gets none of Alkmaar's targets.
    name: "read Alkmaar's targets through core_indicator_targets_of, naming Enschede",
    run: throughFunction(
      'core_indicator_targets_of',
      () => F.enschede,
      () => F.alkmaarCore,
    ),
    expect: { ...everyoneAndExtras(false), anon: 'denied' },
  },
  {
    name: "read Alkmaar's direction and unit through core_indicator_measures_of",
    run: throughFunction(
      'core_indicator_measures_of',
      () => F.alkmaar,
      () => F.alkmaarCore,
    ),
    expect: readsAlkmaar,
  },
  {
    name: "read Enschede's direction and unit through core_indicator_measures_of",
    run: throughFunction(
      'core_indicator_measures_of',
      () => F.enschede,
      () => F.enschedeCore,
    ),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    name: "read Alkmaar's direction and unit through core_indicator_measures_of, naming Enschede",
    run: throughFunction(
      'core_indicator_measures_of',
      () => F.enschede,
      () => F.alkmaarCore,
    ),
    expect: { ...everyoneAndExtras(false), anon: 'denied' },
  },
  {
    name: 'set a target for an Alkmaar core indicator',
    run: setTarget(() => F.alkmaarCore),
    expect: setsAlkmaar,
  },
  {
    name: 'set an Alkmaar target in the name of the Alkmaar reader',
    run: setTarget(
      () => F.alkmaarCore,
      (w) => w.ids.reader,
    ),
    expect: { ...everyoneAndExtras('denied'), reader: 1 },
  },
  {
    name: 'set a target for an Enschede core indicator',
    run: setTarget(() => F.enschedeCore),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, otherReader: 1, admin: 1 },
  },
  {
    name: 'change an Alkmaar target',
    run: () => (tx) =>
      tx
        .updateTable('core_indicator_targets')
        .set({ value: 75, set_by: sql<string>`auth.uid()` })
        .where('id', '=', F.alkmaarTarget)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: 'remove an Alkmaar target',
    run: () => (tx) =>
      tx.deleteFrom('core_indicator_targets').where('id', '=', F.alkmaarTarget).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: "set an Alkmaar core indicator's direction",
    run: setMeasure(() => F.alkmaarCore),
    expect: setsAlkmaar,
  },
  {
    name: "read Alkmaar's data sources (part of the public goal tree)",
    run: () => (tx) =>
      tx
        .selectFrom('data_sources')
        .select('id')
        .where('municipality_id', '=', F.alkmaar)
        .execute()
        .then((r) => r.length > 0),
    expect: everyoneAndExtras(true),
  },
  {
    name: "add a data source to Alkmaar's list",
    run: () => (tx) =>
      tx
        .insertInto('data_sources')
        .values({ municipality_id: F.alkmaar, name: `RMW/CommUtr ${Math.random()}`, kind: 'partner' })
        .execute()
        .then((r) => r.length),
    expect: keepsAlkmaar,
  },
  {
    name: 'change the kind of an Alkmaar data source',
    run: () => (tx) =>
      tx
        .updateTable('data_sources')
        .set({ kind: 'benchmark' })
        .where('id', '=', F.alkmaarSource)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: "point an Alkmaar core indicator at Alkmaar's source",
    run: () => (tx) =>
      tx
        .updateTable('core_indicators')
        .set({ source_id: F.alkmaarSource })
        .where('id', '=', F.alkmaarCore)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: "point an Alkmaar core indicator at Enschede's source (refused for everyone)",
    run: () => (tx) =>
      tx
        .updateTable('core_indicators')
        .set({ source_id: F.enschedeSource })
        .where('id', '=', F.alkmaarCore)
        .execute()
        .then(affected, refusedAsForeign),
    // Those who may change the row at all meet the trigger; everyone else changes nothing.
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 'EPG21', admin: 'EPG21' },
  },
  {
    name: "add an Alkmaar core indicator with Enschede's source (refused for everyone)",
    run: () => (tx) =>
      tx
        .insertInto('core_indicators')
        .values({ output_id: F.alkmaarOutput, description: 'Gestolen bron', source_id: F.enschedeSource })
        .execute()
        .then((r) => r.length, refusedAsForeign),
    // The trigger runs before the policy's check, so whoever may insert at all hears it from the trigger.
    expect: { ...everyoneAndExtras('EPG21'), anon: 'denied' },
  },
  {
    name: 'remove an Alkmaar data source',
    run: () => (tx) => tx.deleteFrom('data_sources').where('id', '=', F.alkmaarSource).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, admin: 1 },
  },
  {
    name: 'may set targets for Alkmaar (sets_municipality_targets)',
    run: () => (tx) =>
      sql<{ ok: boolean }>`select private.sets_municipality_targets(${F.alkmaar}) as ok`
        .execute(tx)
        .then((r) => r.rows[0]!.ok),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
];

describeRls('row level security on targets, direction and unit, and data sources', cases, (getWorld) => {
  beforeAll(async () => {
    F = await runAsSystem(getWorld().database, async (tx) => {
      const alkmaar = await municipalityId(tx, 'Alkmaar');
      const enschede = await municipalityId(tx, 'Enschede');
      const alkmaarCore = await tx
        .selectFrom('core_indicators as c')
        .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
        .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
        .select(['c.id', 'c.output_id'])
        .where('g.municipality_id', '=', alkmaar)
        .orderBy('g.position')
        .orderBy('o.position')
        .orderBy('c.position')
        .executeTakeFirstOrThrow();
      const enschedeCore = await plantGoalTree(tx, enschede, 'Enschede');
      const source = (municipality: string, name: string) =>
        tx
          .insertInto('data_sources')
          .values({ municipality_id: municipality, name, kind: 'register' })
          .onConflict((oc) => oc.columns(['municipality_id', 'name']).doUpdateSet({ kind: 'register' }))
          .returning('id')
          .executeTakeFirstOrThrow()
          .then((r) => r.id);
      const alkmaarSource = await source(alkmaar, 'DUO (test)');
      const enschedeSource = await source(enschede, 'DUO (test)');
      const target = await tx
        .insertInto('core_indicator_targets')
        .values({ core_indicator_id: alkmaarCore.id, due_year: 2029, value: 70 })
        .onConflict((oc) => oc.columns(['core_indicator_id', 'due_year']).doUpdateSet({ value: 70 }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('core_indicator_targets')
        .values({ core_indicator_id: enschedeCore.core, due_year: 2029, value: 50 })
        .execute();
      await tx
        .insertInto('core_indicator_measures')
        .values([
          { core_indicator_id: alkmaarCore.id, direction: 'higher', unit: '%' },
          { core_indicator_id: enschedeCore.core, direction: 'lower', unit: '%' },
        ])
        .onConflict((oc) => oc.column('core_indicator_id').doNothing())
        .execute();
      return {
        alkmaar,
        enschede,
        alkmaarCore: alkmaarCore.id,
        enschedeCore: enschedeCore.core,
        alkmaarOutput: alkmaarCore.output_id,
        alkmaarTarget: target.id,
        alkmaarSource,
        enschedeSource,
      };
    });
  });
});
