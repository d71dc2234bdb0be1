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
 * page), and a municipality's targets and measures (the overview). Who sees what must not change: for
 * every role, the functions give exactly what the per-row check and the read policies gave.
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
});
