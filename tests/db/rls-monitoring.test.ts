import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { readsSeveralMunicipalities } from '~/monitoring/queries.server';
import { affected, describeRls, everyoneAndExtras, municipalityId, plantGoalTree, type RlsCase } from './fixtures';

/** Rows the cases act on: Alkmaar's seeded tree, and a small Enschede tree made here. */
let F: {
  alkmaar: string;
  enschede: string;
  alkmaarCore: string;
  enschedeCore: string;
  alkmaarValue: string;
  alkmaarImport: string;
};

const ALL_INDICATORS = sql<string[]>`array(select code from public.indicators)`;
/** Every core indicator of Alkmaar's tree, as the monitoring pages name them. */
const alkmaarCores = () => sql<string[]>`array(
  select c.id from public.core_indicators c
  join public.municipal_outputs o on o.id = c.output_id
  join public.municipal_goals g on g.id = o.goal_id
  where g.municipality_id = ${F.alkmaar})`;

const valuesOf = (core: () => string) => (tx: Tx) =>
  tx
    .selectFrom('core_indicator_values')
    .select('id')
    .where('core_indicator_id', '=', core())
    .execute()
    .then((rows) => rows.length > 0);

const valuesThroughFunction = (municipality: () => string, core: () => string) => (tx: Tx) =>
  sql<{ id: string }>`select id from private.core_indicator_values_of(${municipality()}, array[${core()}]::uuid[])`
    .execute(tx)
    .then((r) => r.rows.length > 0);

const monitored = (municipality: () => string) => (tx: Tx) =>
  sql<{ id: string }>`select id from private.monitored_municipalities() id where id = ${municipality()}`
    .execute(tx)
    .then((r) => r.rows.length > 0);

const enterValue =
  (core: () => string, enteredBy?: (w: Parameters<RlsCase['run']>[0]) => string) =>
  (w: Parameters<RlsCase['run']>[0]) =>
  (tx: Tx) =>
    tx
      .insertInto('core_indicator_values')
      .values({
        core_indicator_id: core(),
        period_kind: 'year',
        period_start: '2030-01-01',
        value: 12,
        entered_by: enteredBy ? enteredBy(w) : sql<string>`auth.uid()`,
      })
      .execute()
      .then((r) => r.length);

const cases: RlsCase[] = [
  {
    name: "read Alkmaar's core indicator values",
    run: () => valuesOf(() => F.alkmaarCore),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: "read Enschede's core indicator values",
    run: () => valuesOf(() => F.enschedeCore),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    // The overview's and core indicator page's read: one check per call, the same people as the policy.
    name: "read Alkmaar's core indicator values through core_indicator_values_of",
    run: () =>
      valuesThroughFunction(
        () => F.alkmaar,
        () => F.alkmaarCore,
      ),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    // Enschede's reader naming Enschede (which they read) gets none of Alkmaar's core indicators' figures.
    name: "read Alkmaar's core indicator values through core_indicator_values_of, naming Enschede",
    run: () =>
      valuesThroughFunction(
        () => F.enschede,
        () => F.alkmaarCore,
      ),
    expect: { ...everyoneAndExtras(false), anon: 'denied' },
  },
  {
    name: "read Alkmaar's imports",
    run: () => (tx) =>
      tx
        .selectFrom('indicator_value_imports')
        .select('id')
        .where('municipality_id', '=', F.alkmaar)
        .execute()
        .then((r) => r.length > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: 'enter a value for an Alkmaar core indicator',
    run: enterValue(() => F.alkmaarCore),
    expect: { ...everyoneAndExtras('denied'), reader: 1, admin: 1 },
  },
  {
    name: 'enter a value for an Enschede core indicator',
    run: enterValue(() => F.enschedeCore),
    expect: { ...everyoneAndExtras('denied'), otherReader: 1, admin: 1 },
  },
  {
    name: 'enter an Alkmaar value in the name of the Alkmaar reader',
    run: enterValue(
      () => F.alkmaarCore,
      (w) => w.ids.reader,
    ),
    expect: { ...everyoneAndExtras('denied'), reader: 1 },
  },
  {
    name: 'correct an Alkmaar value',
    run: () => (tx) =>
      tx
        .updateTable('core_indicator_values')
        .set({ value: 99, entered_by: sql<string>`auth.uid()` })
        .where('id', '=', F.alkmaarValue)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
  {
    name: 'remove an Alkmaar value',
    run: () => (tx) => tx.deleteFrom('core_indicator_values').where('id', '=', F.alkmaarValue).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
  {
    name: 'record an import for Alkmaar',
    run: () => (tx) =>
      tx
        .insertInto('indicator_value_imports')
        .values({
          municipality_id: F.alkmaar,
          file_name: 'duo.csv',
          row_count: 0,
          inserted_count: 0,
          updated_count: 0,
          imported_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras('denied'), reader: 1, admin: 1 },
  },
  {
    name: 'rewrite the record of an import (history cannot change)',
    run: () => (tx) =>
      tx
        .updateTable('indicator_value_imports')
        .set({ file_name: 'other.csv' })
        .where('id', '=', F.alkmaarImport)
        .execute()
        .then(affected),
    expect: everyoneAndExtras('denied'),
  },
  {
    name: 'read which indicators an Alkmaar core indicator follows',
    run: () => (tx) =>
      tx
        .selectFrom('core_indicator_indicators')
        .select('indicator_code')
        .where('core_indicator_id', '=', F.alkmaarCore)
        .execute()
        .then((r) => r.length > 0),
    expect: everyoneAndExtras(true),
  },
  {
    name: 'link an Alkmaar core indicator to Health and social care',
    run: () => (tx) =>
      tx
        .insertInto('core_indicator_indicators')
        .values({ core_indicator_id: F.alkmaarCore, indicator_code: 'health' })
        .execute()
        .then((r) => r.length),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: 'unlink an Alkmaar core indicator from Work',
    run: () => (tx) =>
      tx
        .deleteFrom('core_indicator_indicators')
        .where('core_indicator_id', '=', F.alkmaarCore)
        .where('indicator_code', '=', 'work')
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: "may read Alkmaar's monitoring (reads_municipality_monitoring)",
    run: () => (tx) =>
      sql<{ ok: boolean }>`select private.reads_municipality_monitoring(${F.alkmaar}) as ok`
        .execute(tx)
        .then((r) => r.rows[0]!.ok),
    expect: { ...everyoneAndExtras(false), coordinator: true, reader: true, admin: true },
  },
  {
    name: 'Alkmaar among the municipalities whose monitoring one reads (monitored_municipalities)',
    run: () => monitored(() => F.alkmaar),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: 'Enschede among the municipalities whose monitoring one reads (monitored_municipalities)',
    run: () => monitored(() => F.enschede),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    // The overview's link to choose another municipality: the coordinator serves Alkmaar and Twente.
    name: "reads more than one municipality's monitoring (readsSeveralMunicipalities)",
    run: () => readsSeveralMunicipalities,
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, admin: true },
  },
  {
    // The seeded tree's links are to advice published to Alkmaar or its region; the side-by-side test in
    // monitoring-reads-once.test.ts holds every role's rows against the read policies.
    name: "the advice about Alkmaar's core indicators (core_indicator_advice_of)",
    run: () => (tx) =>
      sql<{ n: number }>`select count(*)::int as n
        from private.core_indicator_advice_of(${F.alkmaar}, ${alkmaarCores()})`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: { ...everyoneAndExtras(true), anon: 'denied' },
  },
  {
    name: "Alkmaar's management indicators with their figures (management_of)",
    run: () => (tx) =>
      sql<{ n: number }>`select count(*)::int as n
        from private.management_of(${F.alkmaar}, ${alkmaarCores()}) m
        where json_array_length(m.figures) > 0`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: "Alkmaar's signal counts (monitoring_signal_counts)",
    run: () => (tx) =>
      sql<{ n: number }>`select count(*)::int as n
        from private.monitoring_signal_counts(${F.alkmaar}, ${ALL_INDICATORS}, '2000-01-01')`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: "Alkmaar's questionnaire scores (monitoring_questionnaire_scores)",
    run: () => (tx) =>
      sql<{ n: number }>`select count(*)::int as n
        from private.monitoring_questionnaire_scores(${F.alkmaar}, ${ALL_INDICATORS})`
        .execute(tx)
        .then((r) => r.rows[0]!.n > 0),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
];

describeRls(
  'row level security on monitoring: values, imports, indicator links, experience data',
  cases,
  (getWorld) => {
    beforeAll(async () => {
      F = await runAsSystem(getWorld().database, async (tx) => {
        const alkmaar = await municipalityId(tx, 'Alkmaar');
        const enschede = await municipalityId(tx, 'Enschede');
        const alkmaarCore = await tx
          .selectFrom('core_indicators as c')
          .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
          .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
          .innerJoin('core_indicator_indicators as l', 'l.core_indicator_id', 'c.id')
          .select('c.id')
          .where('g.municipality_id', '=', alkmaar)
          .where('l.indicator_code', '=', 'work')
          .orderBy('c.position')
          .executeTakeFirstOrThrow();
        const alkmaarValue = await tx
          .selectFrom('core_indicator_values')
          .select('id')
          .where('core_indicator_id', '=', alkmaarCore.id)
          .orderBy('period_start')
          .executeTakeFirstOrThrow();
        const alkmaarImport = await tx
          .selectFrom('indicator_value_imports')
          .select('id')
          .where('municipality_id', '=', alkmaar)
          .executeTakeFirstOrThrow();
        const enschedeCore = await plantGoalTree(tx, enschede, 'Enschede');
        await tx
          .insertInto('core_indicator_values')
          .values({ core_indicator_id: enschedeCore.core, period_kind: 'year', period_start: '2024-01-01', value: 30 })
          .execute();
        return {
          alkmaar,
          enschede,
          alkmaarCore: alkmaarCore.id,
          enschedeCore: enschedeCore.core,
          alkmaarValue: alkmaarValue.id,
          alkmaarImport: alkmaarImport.id,
        };
      });
    });
  },
);
