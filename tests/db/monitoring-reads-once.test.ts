import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import { listMonitoredMunicipalities, readsSeveralMunicipalities } from '~/monitoring/queries.server';
import { freshDatabase } from './database';
import {
  ACTORS,
  addExtraActors,
  EXTRA_ACTORS,
  municipalityId,
  plantGoalTree,
  worldOf,
  type Actor,
  type World,
} from './fixtures';

/**
 * Migration 20261210720000 asks the person's right to a municipality's monitoring once per call instead
 * of once per row: which municipalities they monitor (the overview's "another municipality", the index
 * page), and a municipality's targets and measures (the overview). Migration 20261210730000 asks the
 * advices read rule once per advice for the advice about core indicators, and 20261210740000 reads a
 * municipality's management indicators with their dimensions, targets and figures in one call. Who sees what must not change:
 * for every role, the functions give exactly what the per-row check and the read policies gave.
 */
let world: World;
let alkmaar: string;
let enschede: string;
/** Each municipality with a goal tree, with its core indicators. */
let trees: { municipality: string; cores: string[] }[];

const asViewer = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);
/** The per-row check, as the owner (no row level security) with the actor's claims. */
const asBefore = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) =>
  runAsSystem(world.database, async (tx) => {
    await sql`select set_config('request.jwt.claims', ${JSON.stringify(world.claims(actor))}, true)`.execute(tx);
    return work(tx);
  });
const ids = (query: ReturnType<typeof sql<{ id: string }>>) => (tx: Tx) =>
  query.execute(tx).then((r) => r.rows.map((row) => row.id));

beforeAll(async () => {
  world = await addExtraActors(await worldOf(await freshDatabase({ demo: true })));
  await runAsSystem(world.database, async (tx) => {
    alkmaar = await municipalityId(tx, 'Alkmaar');
    enschede = await municipalityId(tx, 'Enschede');
    // Enschede's reader (an extra actor) reads a tree with a target and a measure of its own.
    const { core } = await plantGoalTree(tx, enschede, 'Enschede');
    await tx
      .insertInto('core_indicator_targets')
      .values({ core_indicator_id: core, due_year: 2029, value: 50 })
      .execute();
    await tx
      .insertInto('core_indicator_measures')
      .values({ core_indicator_id: core, direction: 'lower', unit: '%' })
      .execute();
    // And a management indicator with a dimension, a target and an imported figure; one of Alkmaar's
    // seeded figures is an import too, so the file names are compared as well.
    const management = await tx
      .insertInto('management_indicators')
      .values({ core_indicator_id: core, name: 'Banen via de gemeente', direction: 'higher' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dimension = await tx
      .insertInto('management_breakdowns')
      .values({ management_indicator_id: management.id, name: 'Contract', categories: ['vast', 'tijdelijk'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('management_indicator_targets')
      .values({ management_indicator_id: management.id, due_year: 2028, value: 40 })
      .execute();
    for (const [town, name] of [
      [enschede, 'enschede.csv'],
      [alkmaar, 'alkmaar.csv'],
    ] as const) {
      const upload = await tx
        .insertInto('indicator_value_imports')
        .values({ municipality_id: town, file_name: name, row_count: 1, inserted_count: 1, updated_count: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (town === enschede)
        await tx
          .insertInto('management_indicator_values')
          .values({
            management_indicator_id: management.id,
            period_kind: 'year',
            period_start: '2026-01-01',
            breakdown_id: dimension.id,
            breakdown_value: 'vast',
            value: 31,
            source: 'import',
            import_id: upload.id,
          })
          .execute();
      else
        await sql`
          update public.management_indicator_values set source = 'import', import_id = ${upload.id}
          where id = (select v.id from public.management_indicator_values v
            join public.management_indicators m on m.id = v.management_indicator_id
            join public.core_indicators c on c.id = m.core_indicator_id
            join public.municipal_outputs o on o.id = c.output_id
            join public.municipal_goals g on g.id = o.goal_id
            where g.municipality_id = ${alkmaar} limit 1)`.execute(tx);
    }
    const rows = await tx
      .selectFrom('core_indicators as c')
      .innerJoin('municipal_outputs as o', 'o.id', 'c.output_id')
      .innerJoin('municipal_goals as g', 'g.id', 'o.goal_id')
      .select(['g.municipality_id', 'c.id'])
      .execute();
    const byMunicipality = new Map<string, string[]>();
    for (const row of rows)
      byMunicipality.set(row.municipality_id, [...(byMunicipality.get(row.municipality_id) ?? []), row.id]);
    trees = [...byMunicipality].map(([municipality, cores]) => ({ municipality, cores }));
    // Every advice, whatever its status, pool and addressees, about a core indicator of each tree, with
    // responses of both municipalities: which of them a person sees is then the advices rule's alone.
    await sql`
      insert into public.advice_core_indicators (advice_id, core_indicator_id)
      select a.id, c.core from public.advices a cross join unnest(${trees.map((t) => t.cores[0])}::uuid[]) c(core)
      on conflict do nothing`.execute(tx);
    await sql`
      insert into public.advice_responses (advice_id, municipality_id, decision, created_at)
      select a.id, m.id, d.decision, now() - d.days * interval '1 day'
      from public.advices a
      cross join (values ('under_consideration', 30), ('partly', 2)) d(decision, days)
      join public.municipalities m on m.id in (${alkmaar}, ${enschede})
      where a.status <> 'draft'`.execute(tx);
  });
});
afterAll(() => world.database.close());

const signedIn = [...ACTORS.filter((actor) => actor !== 'anon'), ...EXTRA_ACTORS];

describe("the monitoring overview's checks asked once per call see what the per-row checks saw", () => {
  it.each(signedIn)('the municipalities %s monitors, and whether there is another to choose', async (actor) => {
    const now = await asViewer(actor, ids(sql`select id from private.monitored_municipalities() id order by id`));
    const before = await asBefore(
      actor,
      ids(sql`select id from public.municipalities where private.reads_municipality_monitoring(id) order by id`),
    );
    expect(now).toEqual(before);
    expect(await asViewer(actor, readsSeveralMunicipalities)).toBe(before.length > 1);
    const listed = await asViewer(actor, listMonitoredMunicipalities);
    expect(listed.map((m) => m.id).sort()).toEqual(before);
    // Not an empty answer agreeing with an empty one: these people read at least one municipality.
    if (['admin', 'coordinator', 'reader', 'otherReader'].includes(actor)) expect(now.length).toBeGreaterThan(0);
    if (actor === 'reader') expect(now).toEqual([alkmaar]);
    if (actor === 'admin') expect(now).toContain(enschede);
  });

  it.each(signedIn)("each municipality's targets and measures as %s", async (actor) => {
    // Every core indicator named each time: the function must keep only the named municipality's.
    const everyCore = trees.flatMap((t) => t.cores);
    let seen = 0;
    for (const { municipality, cores } of trees) {
      const now = await asViewer(actor, async (tx) => ({
        targets: await ids(sql`
          select id from private.core_indicator_targets_of(${municipality}, ${everyCore}::uuid[]) order by id`)(tx),
        measures: await ids(sql`
          select core_indicator_id as id from private.core_indicator_measures_of(${municipality}, ${everyCore}::uuid[])
          order by core_indicator_id`)(tx),
      }));
      // Through the read policies, as the same person: the rows of this municipality's core indicators.
      const before = await asViewer(actor, async (tx) => ({
        targets: await ids(sql`
          select id from public.core_indicator_targets where core_indicator_id = any (${cores}::uuid[]) order by id`)(
          tx,
        ),
        measures: await ids(sql`
          select core_indicator_id as id from public.core_indicator_measures
          where core_indicator_id = any (${cores}::uuid[]) order by core_indicator_id`)(tx),
      }));
      expect(now).toEqual(before);
      seen += now.targets.length + now.measures.length;
    }
    if (['admin', 'coordinator', 'reader', 'otherReader'].includes(actor)) expect(seen).toBeGreaterThan(0);
  });

  it.each(signedIn)('the advice about core indicators, with the latest response, as %s', async (actor) => {
    const everyCore = trees.flatMap((t) => t.cores);
    const statuses = new Set<string>();
    for (const { municipality } of trees) {
      const now = await asViewer(actor, async (tx) => {
        const { rows } = await sql`
          select core_indicator_id, id, title, status, published_at, latest_decision, latest_response_at
          from private.core_indicator_advice_of(${municipality}, ${everyCore}::uuid[])
          order by core_indicator_id, id`.execute(tx);
        return rows;
      });
      // The query the monitoring pages ran before, through the three tables' read policies.
      const before = await asViewer(actor, async (tx) => {
        const { rows } = await sql`
          select l.core_indicator_id, a.id, a.title, a.status, a.published_at,
            latest.decision as latest_decision, latest.created_at as latest_response_at
          from public.advice_core_indicators l
          join public.advices a on a.id = l.advice_id
          left join lateral (
            select r.decision, r.created_at from public.advice_responses r
            where r.advice_id = a.id and r.municipality_id = ${municipality}
            order by r.created_at desc limit 1
          ) latest on true
          where l.core_indicator_id = any (${everyCore}::uuid[])
          order by l.core_indicator_id, a.id`.execute(tx);
        return rows;
      });
      expect(now).toEqual(before);
      for (const row of now as { status: string }[]) statuses.add(row.status);
    }
    // Everyone signed in reads some published advice; the pool's members and the admin read drafts too.
    expect(statuses.size).toBeGreaterThan(0);
    if (['memberA', 'coordinator', 'admin'].includes(actor)) expect(statuses).toContain('draft');
    if (actor === 'reader') expect(statuses).not.toContain('draft');
  });

  it.each(signedIn)(
    "each municipality's management indicators with dimensions, targets and figures as %s",
    async (actor) => {
      const everyCore = trees.flatMap((t) => t.cores);
      let figures = 0;
      let fileNames = 0;
      for (const { municipality, cores } of trees) {
        const now = await asViewer(actor, async (tx) => {
          const { rows } = await sql<{ id: string; dimensions: unknown[]; targets: unknown[]; figures: unknown[] }>`
          select id, core_indicator_id, name, source, dimensions, targets, figures
          from private.management_of(${municipality}, ${everyCore}::uuid[])`.execute(tx);
          return rows;
        });
        // The four tables through their read policies, as the same person, shaped as the function shapes them.
        const before = await asViewer(actor, async (tx) => {
          const { rows } = await sql<{ id: string }>`
          select m.id, m.core_indicator_id, m.name, s.name as source,
            coalesce((select json_agg(json_build_object('id', b.id, 'name', b.name, 'categories', b.categories)
              order by b.position, b.created_at, b.name)
              from public.management_breakdowns b where b.management_indicator_id = m.id), '[]'::json) as dimensions,
            coalesce((select json_agg(json_build_object('id', t.id, 'due_year', t.due_year, 'value', t.value::float8)
              order by t.due_year)
              from public.management_indicator_targets t where t.management_indicator_id = m.id), '[]'::json) as targets,
            coalesce((select json_agg(json_build_object(
                'id', v.id, 'period_kind', v.period_kind, 'period_start', v.period_start::text,
                'breakdown_id', v.breakdown_id, 'breakdown_value', v.breakdown_value, 'value', v.value::float8,
                'note', v.note, 'source', v.source, 'file_name', i.file_name)
              order by v.period_start, v.period_kind, v.breakdown_value)
              from public.management_indicator_values v
              left join public.indicator_value_imports i on i.id = v.import_id
              where v.management_indicator_id = m.id), '[]'::json) as figures
          from public.management_indicators m
          left join public.data_sources s on s.id = m.source_id
          where m.core_indicator_id = any (${cores}::uuid[])
          order by m.position, m.created_at, m.name`.execute(tx);
          return rows;
        });
        expect(now).toEqual(before);
        for (const row of now) {
          figures += row.figures.length;
          fileNames += (row.figures as { file_name: string | null }[]).filter((f) => f.file_name).length;
        }
      }
      // Not an empty answer agreeing with an empty one: these people read figures, imported ones included.
      if (['admin', 'coordinator', 'reader', 'otherReader'].includes(actor)) {
        expect(figures).toBeGreaterThan(0);
        expect(fileNames).toBeGreaterThan(0);
      }
      if (['memberA', 'memberB', 'partner'].includes(actor)) expect(figures).toBe(0);
    },
  );
});
