import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import { runAsSystem, type Tx } from '~/db/with-user.server';
import { removeManagementTarget } from '~/monitoring/management.server';
import { affected, describeRls, everyoneAndExtras, plantGoalTree, type RlsCase } from './fixtures';

/**
 * Rows the cases act on: a management indicator of Alkmaar's seeded tree with a figure and a target,
 * and one under a small Enschede tree made here.
 */
let F: {
  alkmaar: string;
  enschede: string;
  alkmaarCore: string;
  alkmaarIndicator: string;
  alkmaarValue: string;
  alkmaarTarget: string;
  enschedeIndicator: string;
  enschedeSource: string;
  /** Alkmaar's indicator's dimension (Leerroute), one of Enschede's, and an Alkmaar figure of a value. */
  alkmaarDimension: string;
  enschedeDimension: string;
  alkmaarDimensionValue: string;
  alkmaarCategory: string;
};

type World = Parameters<RlsCase['run']>[0];

/** Who reads a municipality's monitoring: its readers, the coordinators serving it, admins. */
const readsAlkmaar = {
  ...everyoneAndExtras(false),
  anon: 'denied' as const,
  coordinator: true,
  reader: true,
  admin: true,
};
/** Who keeps its management indicators and their targets: its readers, the coordinators of its region, admins. */
const setsAlkmaar = { ...everyoneAndExtras('denied' as const), coordinator: 1, reader: 1, admin: 1 };
/** Who enters its figures, as for core indicators: its readers and admins. */
const writesAlkmaar = { ...everyoneAndExtras('denied' as const), reader: 1, admin: 1 };

const seen =
  (
    table:
      | 'management_indicators'
      | 'management_indicator_values'
      | 'management_indicator_targets'
      | 'management_breakdowns',
    id: () => string,
  ) =>
  () =>
  (tx: Tx) =>
    tx
      .selectFrom(table)
      .select('id')
      .where('id', '=', id())
      .execute()
      .then((rows) => rows.length > 0);

const addIndicator = (core: () => string) => () => (tx: Tx) =>
  tx
    .insertInto('management_indicators')
    .values({ core_indicator_id: core(), name: 'Nieuwe stuurindicator', direction: 'higher' })
    .execute()
    .then((r) => r.length);

const enterFigure = (indicator: () => string, enteredBy?: (w: World) => string) => (w: World) => (tx: Tx) =>
  tx
    .insertInto('management_indicator_values')
    .values({
      management_indicator_id: indicator(),
      period_kind: 'year',
      period_start: '2031-01-01',
      value: 12,
      entered_by: enteredBy ? enteredBy(w) : sql<string>`auth.uid()`,
    })
    .execute()
    .then((r) => r.length);

const addDimension =
  (indicator: () => string, name = 'Leeftijd') =>
  () =>
  (tx: Tx) =>
    tx
      .insertInto('management_breakdowns')
      .values({ management_indicator_id: indicator(), name, categories: ['18-27', '28+'] })
      .execute()
      .then((r) => r.length);

const enterDimensionFigure =
  (indicator: () => string, dimension: () => string, value: string | (() => string)) => () => (tx: Tx) =>
    tx
      .insertInto('management_indicator_values')
      .values({
        management_indicator_id: indicator(),
        period_kind: 'year',
        period_start: '2032-01-01',
        breakdown_id: dimension(),
        breakdown_value: typeof value === 'string' ? value : value(),
        value: 7,
        entered_by: sql<string>`auth.uid()`,
      })
      .execute()
      .then((r) => r.length, refused('23514'));

const setTarget = (indicator: () => string, setBy?: (w: World) => string) => (w: World) => (tx: Tx) =>
  tx
    .insertInto('management_indicator_targets')
    .values({
      management_indicator_id: indicator(),
      due_year: 2031,
      value: 80,
      set_by: setBy ? setBy(w) : sql<string>`auth.uid()`,
    })
    .execute()
    .then((r) => r.length);

/** A trigger's refusal, told apart from any other error. */
const refused = (code: string) => (error: { code?: string }) => {
  if (error.code === code) return code;
  throw error;
};

const cases: RlsCase[] = [
  {
    name: "read Alkmaar's management indicators",
    run: seen('management_indicators', () => F.alkmaarIndicator),
    expect: readsAlkmaar,
  },
  {
    name: "read Enschede's management indicators",
    run: seen('management_indicators', () => F.enschedeIndicator),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    name: "read Alkmaar's management figures",
    run: seen('management_indicator_values', () => F.alkmaarValue),
    expect: readsAlkmaar,
  },
  {
    name: "read Alkmaar's management targets",
    run: seen('management_indicator_targets', () => F.alkmaarTarget),
    expect: readsAlkmaar,
  },
  {
    name: 'add a management indicator under an Alkmaar core indicator',
    run: addIndicator(() => F.alkmaarCore),
    expect: setsAlkmaar,
  },
  {
    name: 'rename an Alkmaar management indicator',
    run: () => (tx) =>
      tx
        .updateTable('management_indicators')
        .set({ name: 'Hernoemd' })
        .where('id', '=', F.alkmaarIndicator)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: "give an Alkmaar management indicator Enschede's source (refused for everyone)",
    run: () => (tx) =>
      tx
        .updateTable('management_indicators')
        .set({ source_id: F.enschedeSource })
        .where('id', '=', F.alkmaarIndicator)
        .execute()
        .then(affected, refused('EPG21')),
    // Who cannot see the row touches nothing; who can is stopped by the trigger.
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 'EPG21', reader: 'EPG21', admin: 'EPG21' },
  },
  {
    name: 'remove an Alkmaar management indicator that has figures (refused: figures never vanish by cascade)',
    run: () => (tx) =>
      tx
        .deleteFrom('management_indicators')
        .where('id', '=', F.alkmaarIndicator)
        .execute()
        .then(affected, (error: { code?: string }) =>
          ['23001', '23503'].includes(error.code ?? '') ? 'kept' : Promise.reject(error),
        ),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 'kept', reader: 'kept', admin: 'kept' },
  },
  {
    name: 'set a target for an Alkmaar management indicator',
    run: setTarget(() => F.alkmaarIndicator),
    expect: setsAlkmaar,
  },
  {
    name: 'set an Alkmaar management target in the name of the Alkmaar reader',
    run: setTarget(
      () => F.alkmaarIndicator,
      (w) => w.ids.reader,
    ),
    expect: { ...everyoneAndExtras('denied'), reader: 1 },
  },
  {
    name: 'set a target for an Enschede management indicator',
    run: setTarget(() => F.enschedeIndicator),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, otherReader: 1, admin: 1 },
  },
  {
    name: 'remove an Alkmaar management target',
    run: () => (tx) =>
      tx.deleteFrom('management_indicator_targets').where('id', '=', F.alkmaarTarget).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: 'remove an Alkmaar management target as the management page does (removeManagementTarget)',
    run: () => (tx) => removeManagementTarget(tx, F.alkmaarTarget, F.alkmaar),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, reader: true, admin: true },
  },
  {
    name: 'remove an Alkmaar management target through an Enschede address (the page is told nothing was removed)',
    run: () => (tx) => removeManagementTarget(tx, F.alkmaarTarget, F.enschede),
    expect: { ...everyoneAndExtras(false), anon: 'denied' },
  },
  {
    name: 'enter a figure for an Alkmaar management indicator',
    run: enterFigure(() => F.alkmaarIndicator),
    expect: writesAlkmaar,
  },
  {
    name: 'enter an Alkmaar management figure in the name of the Alkmaar reader',
    run: enterFigure(
      () => F.alkmaarIndicator,
      (w) => w.ids.reader,
    ),
    expect: { ...everyoneAndExtras('denied'), reader: 1 },
  },
  {
    name: 'enter a figure for an Enschede management indicator',
    run: enterFigure(() => F.enschedeIndicator),
    expect: { ...everyoneAndExtras('denied'), otherReader: 1, admin: 1 },
  },
  {
    name: 'enter a figure for a value its dimension does not have (refused for everyone)',
    run: enterDimensionFigure(
      () => F.alkmaarIndicator,
      () => F.alkmaarDimension,
      'Verzonnen route',
    ),
    // The check runs before the policies: who may not write is stopped by it too (anon has no grant at all).
    expect: { ...everyoneAndExtras('23514'), anon: 'denied' },
  },
  {
    name: 'enter a figure of an Alkmaar indicator for a dimension of an Enschede indicator (refused for everyone)',
    run: enterDimensionFigure(
      () => F.alkmaarIndicator,
      () => F.enschedeDimension,
      'B1',
    ),
    expect: { ...everyoneAndExtras('23514'), anon: 'denied' },
  },
  {
    name: 'enter a figure for a value of an Alkmaar dimension',
    run: enterDimensionFigure(
      () => F.alkmaarIndicator,
      () => F.alkmaarDimension,
      () => F.alkmaarCategory,
    ),
    // Who may not write is stopped by the policy once the value is sound; who cannot read the
    // dimension, by the check (it finds no such dimension).
    expect: {
      ...everyoneAndExtras('23514'),
      anon: 'denied',
      coordinator: 'denied',
      reader: 1,
      admin: 1,
    },
  },
  {
    name: 'enter a value without its dimension (refused: a value needs one, and a dimension a value)',
    run: () => (tx) =>
      tx
        .insertInto('management_indicator_values')
        .values({
          management_indicator_id: F.alkmaarIndicator,
          period_kind: 'year',
          period_start: '2031-01-01',
          breakdown_value: 'Z',
          value: 1,
          entered_by: sql<string>`auth.uid()`,
        })
        .execute()
        .then(
          (r) => r.length,
          (error: { code?: string; message?: string }) =>
            error.code === '23514' || /row-level security/.test(error.message ?? '')
              ? 'refused'
              : Promise.reject(error),
        ),
    expect: { ...everyoneAndExtras('refused'), anon: 'denied' },
  },
  {
    name: "read Alkmaar's management breakdowns",
    run: seen('management_breakdowns', () => F.alkmaarDimension),
    expect: readsAlkmaar,
  },
  {
    name: "read Enschede's management breakdowns",
    run: seen('management_breakdowns', () => F.enschedeDimension),
    expect: { ...everyoneAndExtras(false), anon: 'denied', coordinator: true, otherReader: true, admin: true },
  },
  {
    name: 'add a breakdown to an Alkmaar management indicator',
    run: addDimension(() => F.alkmaarIndicator),
    expect: setsAlkmaar,
  },
  {
    name: 'add a breakdown to an Enschede management indicator',
    run: addDimension(() => F.enschedeIndicator),
    expect: { ...everyoneAndExtras('denied'), coordinator: 1, otherReader: 1, admin: 1 },
  },
  {
    name: 'change the values of an Alkmaar breakdown',
    run: () => (tx) =>
      tx
        .updateTable('management_breakdowns')
        .set({ categories: ['B1', 'Onderwijs', 'Z', 'Alfa'] })
        .where('id', '=', F.alkmaarDimension)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, reader: 1, admin: 1 },
  },
  {
    name: 'move an Alkmaar breakdown to an Enschede indicator (refused for everyone who can see it)',
    run: () => (tx) =>
      tx
        .updateTable('management_breakdowns')
        .set({ management_indicator_id: F.enschedeIndicator })
        .where('id', '=', F.alkmaarDimension)
        .execute()
        .then(affected, refused('23514')),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: '23514', reader: '23514', admin: '23514' },
  },
  {
    name: 'remove an Alkmaar breakdown that has figures (refused: its figures hold on to it)',
    run: () => (tx) =>
      tx
        .deleteFrom('management_breakdowns')
        .where('id', '=', F.alkmaarDimension)
        .execute()
        .then(affected, (error: { code?: string }) =>
          ['23001', '23503'].includes(error.code ?? '') ? 'kept' : Promise.reject(error),
        ),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 'kept', reader: 'kept', admin: 'kept' },
  },
  {
    name: 'remove an Enschede breakdown without figures',
    run: () => (tx) =>
      tx.deleteFrom('management_breakdowns').where('id', '=', F.enschedeDimension).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', coordinator: 1, otherReader: 1, admin: 1 },
  },
  {
    name: "read an Alkmaar figure of a breakdown's value",
    run: seen('management_indicator_values', () => F.alkmaarDimensionValue),
    expect: readsAlkmaar,
  },
  {
    name: "correct an Alkmaar figure of a breakdown's value",
    run: () => (tx) =>
      tx
        .updateTable('management_indicator_values')
        .set({ value: 98, entered_by: sql<string>`auth.uid()` })
        .where('id', '=', F.alkmaarDimensionValue)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
  {
    name: 'correct an Alkmaar management figure',
    run: () => (tx) =>
      tx
        .updateTable('management_indicator_values')
        .set({ value: 99, entered_by: sql<string>`auth.uid()` })
        .where('id', '=', F.alkmaarValue)
        .execute()
        .then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
  {
    name: 'remove an Alkmaar management figure',
    run: () => (tx) =>
      tx.deleteFrom('management_indicator_values').where('id', '=', F.alkmaarValue).execute().then(affected),
    expect: { ...everyoneAndExtras(0), anon: 'denied', reader: 1, admin: 1 },
  },
];

describeRls('row level security on management indicators, their targets and figures', cases, (getWorld) => {
  beforeAll(async () => {
    F = await runAsSystem(getWorld().database, async (tx) => {
      const enschede = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Enschede')
        .executeTakeFirstOrThrow();
      // The seeded one with figures and a target (issue 21's demo: the language exam within 3 years).
      const alkmaar = await tx
        .selectFrom('management_indicators as m')
        .innerJoin('management_indicator_targets as t', 't.management_indicator_id', 'm.id')
        .innerJoin('management_indicator_values as v', 'v.management_indicator_id', 'm.id')
        .select(['m.id', 'm.core_indicator_id', 't.id as target', 'v.id as value'])
        .where('v.breakdown_value', '=', '')
        // …and broken down, with figures per value (the exam by route).
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('management_breakdowns as b')
              .innerJoin('management_indicator_values as bv', 'bv.breakdown_id', 'b.id')
              .select('b.id')
              .whereRef('b.management_indicator_id', '=', 'm.id'),
          ),
        )
        .orderBy('m.name')
        .executeTakeFirstOrThrow();
      const alkmaarDimension = await tx
        .selectFrom('management_breakdowns as b')
        .innerJoin('management_indicator_values as v', 'v.breakdown_id', 'b.id')
        .select(['b.id', 'b.categories', 'v.id as value'])
        .where('b.management_indicator_id', '=', alkmaar.id)
        .executeTakeFirstOrThrow();
      const tree = await plantGoalTree(tx, enschede.id, 'Enschede');
      const enschedeSource = await tx
        .insertInto('data_sources')
        .values({ municipality_id: enschede.id, name: 'DUO (test)', kind: 'register' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const enschedeIndicator = await tx
        .insertInto('management_indicators')
        .values({
          core_indicator_id: tree.core,
          name: 'Examen binnen 3 jaar',
          direction: 'higher',
          source_id: enschedeSource.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const enschedeDimension = await tx
        .insertInto('management_breakdowns')
        .values({ management_indicator_id: enschedeIndicator.id, name: 'Leerroute', categories: ['B1', 'Z'] })
        .returning('id')
        .executeTakeFirstOrThrow();
      const alkmaarMunicipality = await tx
        .selectFrom('municipalities')
        .select('id')
        .where('name', '=', 'Alkmaar')
        .executeTakeFirstOrThrow();
      return {
        alkmaar: alkmaarMunicipality.id,
        enschede: enschede.id,
        alkmaarCore: alkmaar.core_indicator_id,
        alkmaarIndicator: alkmaar.id,
        alkmaarValue: alkmaar.value,
        alkmaarTarget: alkmaar.target,
        enschedeIndicator: enschedeIndicator.id,
        enschedeSource: enschedeSource.id,
        alkmaarDimension: alkmaarDimension.id,
        enschedeDimension: enschedeDimension.id,
        alkmaarDimensionValue: alkmaarDimension.value,
        alkmaarCategory: alkmaarDimension.categories[0]!,
      };
    });
  });
});
