import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem } from '~/db/with-user.server';
import { searchMembers } from '~/people/directory.server';
import { createPool, getPoolForEdit, setPoolRole, updatePool } from '~/pools/manage.server';
import { handOverPool, listHandovers } from '~/pools/handover.server';
import { getOnboarding, recordStep } from '~/pools/onboarding.server';
import { hasOtherMembers } from '~/pools/queries.server';
import { poolSchema } from '~/pools/schema.server';
import { freshDatabase } from './database';
import { worldOf, type Actor, type Person, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
});
afterAll(() => close());

const as = <T>(actor: Actor, work: Parameters<typeof runAs<T>>[2]) => runAs(world.database, world.claims(actor), work);

describe('pools', () => {
  it('a coordinator creates a regional pool that serves the region and is theirs to edit', async () => {
    const region = (slug: string) =>
      runAsSystem(world.database, (tx) =>
        tx.selectFrom('regions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow(),
      ).then((r) => r.id);
    const input = poolSchema.parse({
      name: 'Expertpool Heerhugowaard',
      regionId: await region('alkmaar'),
      clientOrganisationId: '',
      assignment: 'Meedenken over de KNM.',
      startsOn: '2026-02-01',
      endsOn: '',
      status: 'recruiting',
    });
    const id = await as('coordinator', (tx) => createPool(tx, input));
    const served = await as('coordinator', (tx) =>
      tx.selectFrom('pool_municipalities').select('municipality_id').where('pool_id', '=', id).execute(),
    );
    expect(served).toHaveLength(6);
    // …but only in a region an admin assigned to them (Regio Alkmaar and Regio Twente).
    const elsewhere = { ...input, regionId: await region('zwolle') };
    await expect(as('coordinator', (tx) => createPool(tx, elsewhere))).rejects.toMatchObject({ code: '42501' });
    await expect(as('coordinator', (tx) => updatePool(tx, id, elsewhere))).rejects.toMatchObject({ code: '42501' });
    expect(await as('coordinator', (tx) => updatePool(tx, id, { ...input, status: 'active' }))).toBe(true);
    expect(await as('outsideCoordinator', (tx) => updatePool(tx, id, { ...input, status: 'ended' }))).toBe(false);
    expect(await as('coordinator', (tx) => getPoolForEdit(tx, id))).toMatchObject({
      status: 'active',
      starts_on: '2026-02-01',
    });
  });

  it('an empty pool is told apart from one with members, as far as row level security lets each person see', async () => {
    const alkmaar = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('regions').select('id').where('slug', '=', 'alkmaar').executeTakeFirstOrThrow(),
    );
    const input = poolSchema.parse({
      name: 'Expertpool Castricum',
      regionId: alkmaar.id,
      clientOrganisationId: '',
      assignment: '',
      startsOn: '2026-03-01',
      endsOn: '',
      status: 'recruiting',
    });
    const id = await as('coordinator', (tx) => createPool(tx, input));
    const others = (actor: Person, poolId: string) => as(actor, (tx) => hasOtherMembers(tx, poolId, world.ids[actor]));
    expect(await others('coordinator', id)).toBe(false);
    await runAsSystem(world.database, (tx) =>
      tx.insertInto('pool_memberships').values({ pool_id: id, user_id: world.ids.memberA, role: 'member' }).execute(),
    );
    expect(await others('coordinator', id)).toBe(true);
    expect(await others('admin', id)).toBe(true);
    // The first member is alone: nobody besides them.
    expect(await others('memberA', id)).toBe(false);
    // Alkmaar has members besides memberA; a reader and an outsider see no memberships at all.
    expect(await others('memberA', world.pools.alkmaar)).toBe(true);
    expect(await others('reader', world.pools.alkmaar)).toBe(false);
    expect(await others('memberB', world.pools.alkmaar)).toBe(false);
  });

  it("only the pool's coordinators choose its coordinators", async () => {
    expect(
      await as('outsideCoordinator', (tx) => setPoolRole(tx, world.pools.twente, world.ids.memberB, 'coordinator')),
    ).toBe(false);
    expect(await as('memberB', (tx) => setPoolRole(tx, world.pools.twente, world.ids.memberB, 'coordinator'))).toBe(
      false,
    );
    expect(await as('coordinator', (tx) => setPoolRole(tx, world.pools.twente, world.ids.memberB, 'coordinator'))).toBe(
      true,
    );
    expect(await as('coordinator', (tx) => setPoolRole(tx, world.pools.twente, world.ids.memberB, 'member'))).toBe(
      true,
    );
  });

  it('refuses an end date before the start date', () => {
    const result = poolSchema.safeParse({
      name: 'X pool',
      regionId: '',
      clientOrganisationId: '',
      assignment: '',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      status: 'active',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('pools.errors.endBeforeStart');
  });
});

describe('onboarding and member search', () => {
  it('lists who is stuck first and records a step with its date', async () => {
    const before = await as('coordinator', (tx) => getOnboarding(tx, world.pools.twente));
    expect(before.length).toBe(18);
    const firstNotStuck = before.findIndex((m) => !m.stuck);
    if (firstNotStuck >= 0) expect(before.slice(firstNotStuck).every((m) => !m.stuck)).toBe(true);
    await as('coordinator', (tx) =>
      recordStep(tx, {
        poolId: world.pools.twente,
        userId: world.ids.memberB,
        step: 'intake',
        doneOn: '2026-01-05',
        recordedBy: world.ids.coordinator,
      }),
    );
    const reza = (await as('coordinator', (tx) => getOnboarding(tx, world.pools.twente))).find(
      (m) => m.user_id === world.ids.memberB,
    );
    expect(reza?.done.intake).toBe('2026-01-05');
    expect(await as('memberB', (tx) => getOnboarding(tx, world.pools.twente))).toEqual([]);
  });

  it('search filters by language and shows contact details only with consent', async () => {
    const tigrinya = (await as('coordinator', (tx) => searchMembers(tx, { language: 'ti' })))!;
    expect(tigrinya.length).toBeGreaterThan(0);
    expect(tigrinya.every((m) => m.languages.includes('ti'))).toBe(true);
    const yonas = tigrinya.find((m) => m.user_id === world.ids.memberA);
    expect(yonas?.email).toBeNull();
    const reza = (await as('coordinator', (tx) => searchMembers(tx, { q: 'rez' })))!.find(
      (m) => m.user_id === world.ids.memberB,
    );
    expect(reza?.email).toBe('reza@demo.expertpool.nl');
    expect(await as('memberA', (tx) => searchMembers(tx, {}))).toEqual([]);
    expect(await as('reader', (tx) => searchMembers(tx, {}))).toEqual([]);
  });

  it('search filters by where members live: a region, a municipality, both together', async () => {
    const all = (await as('coordinator', (tx) => searchMembers(tx, {})))!;
    const place = await runAsSystem(world.database, async (tx) => {
      const region = await tx
        .selectFrom('regions')
        .select('id')
        .where('name', '=', 'Regio Alkmaar')
        .executeTakeFirstOrThrow();
      const inRegion = await tx
        .selectFrom('municipalities')
        .select(['id', 'name'])
        .where('region_id', '=', region.id)
        .execute();
      const other = await tx
        .selectFrom('regions')
        .select('id')
        .where('name', '=', 'Regio Twente')
        .executeTakeFirstOrThrow();
      return { region: region.id, other: other.id, inRegion };
    });
    const names = place.inRegion.map((m) => m.name);
    const alkmaar = (await as('coordinator', (tx) => searchMembers(tx, { regionId: place.region })))!;
    expect(alkmaar.length).toBeGreaterThan(0);
    expect(alkmaar.length).toBeLessThan(all.length);
    expect(alkmaar).toEqual(all.filter((m) => m.municipality_name !== null && names.includes(m.municipality_name)));
    const home = alkmaar[0]!.municipality_name!;
    const homeId = place.inRegion.find((m) => m.name === home)!.id;
    const oneTown = (await as('coordinator', (tx) => searchMembers(tx, { municipalityId: homeId })))!;
    expect(oneTown.length).toBeGreaterThan(0);
    expect(oneTown.every((m) => m.municipality_name === home)).toBe(true);
    // Both filters hold at once: a municipality outside the chosen region finds nobody.
    expect(
      await as('coordinator', (tx) => searchMembers(tx, { regionId: place.other, municipalityId: homeId })),
    ).toEqual([]);
  });

  it('the CSV search is refused whole, never cut short, when more members match than its limit', async () => {
    const all = (await as('coordinator', (tx) => searchMembers(tx, {})))!;
    expect(all.length).toBeGreaterThan(1);
    expect(await as('coordinator', (tx) => searchMembers(tx, {}, all.length))).toEqual(all);
    expect(await as('coordinator', (tx) => searchMembers(tx, {}, all.length - 1))).toBeNull();
  });
});

// Last: stepping back ends the demo coordinator's coordination of Alkmaar for the rest of this file.
describe('handover', () => {
  it('a handover is recorded, invites the staff as coordinators, and the old coordinator can step back', async () => {
    const gemeente = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('organisations').select('id').where('name', '=', 'Gemeente Alkmaar').executeTakeFirstOrThrow(),
    );
    const invited = await as('coordinator', (tx) =>
      handOverPool(tx, {
        poolId: world.pools.alkmaar,
        organisationId: gemeente.id,
        staffEmails: ['beleid@alkmaar.example'],
        note: 'Per 1 maart',
        stayOn: false,
        by: world.ids.coordinator,
      }),
    );
    expect(invited.sent.map((s) => s.email)).toEqual(['beleid@alkmaar.example']);
    const after = await runAsSystem(world.database, async (tx) => ({
      pool: await tx
        .selectFrom('pools')
        .select('status')
        .where('id', '=', world.pools.alkmaar)
        .executeTakeFirstOrThrow(),
      role: await tx
        .selectFrom('pool_memberships')
        .select('role')
        .where('pool_id', '=', world.pools.alkmaar)
        .where('user_id', '=', world.ids.coordinator)
        .executeTakeFirstOrThrow(),
      invitation: await tx
        .selectFrom('invitations')
        .select('role')
        .where('email', '=', 'beleid@alkmaar.example')
        .executeTakeFirstOrThrow(),
    }));
    expect(after).toEqual({
      pool: { status: 'handed_over' },
      role: { role: 'member' },
      invitation: { role: 'coordinator' },
    });
    const history = await as('memberA', (tx) => listHandovers(tx, world.pools.alkmaar));
    expect(history.map((h) => h.organisation)).toEqual(['Gemeente Alkmaar']);
  });
});
