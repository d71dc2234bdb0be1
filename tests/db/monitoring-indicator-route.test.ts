import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { seededAppWorld } from './app-database';
import { addExtraActors, PEOPLE, municipalityId, plantGoalTree, type Person } from './fixtures';
import { pageRequest, signInCookie } from './sign-in';

/**
 * A core indicator's own page (`/monitoring/:id/indicator/:coreId`), where the monitoring page's forms
 * went: who may open it and post to it, and what a refused or accepted form answers.
 */
const world = seededAppWorld();
const WORK = '% inburgeraars met betaald werk na drie jaar';

let F: { alkmaar: string; work: string; enschede: string; enschedeCore: string };

const route = () => import('~/routes/monitoring.$municipalityId_.indicator.$coreId');
const answer = async (run: () => Promise<Response>) => {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};
const open = async (who: Person, municipalityId = F.alkmaar, coreId = F.work) => {
  const { loader } = await route();
  const request = pageRequest(`/monitoring/${municipalityId}/indicator/${coreId}`, await signInCookie(PEOPLE[who]));
  return answer(() => loader({ request, params: { municipalityId, coreId }, context: {} as never }));
};
const post = async (who: Person, fields: Record<string, string>, municipalityId = F.alkmaar, coreId = F.work) => {
  const { action } = await route();
  const request = new Request(`http://localhost/monitoring/${municipalityId}/indicator/${coreId}`, {
    method: 'POST',
    headers: { Cookie: await signInCookie(PEOPLE[who]), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return answer(() => action({ request, params: { municipalityId, coreId }, context: {} as never }));
};
const targets = () =>
  runAsSystem(world().database, (tx) =>
    tx.selectFrom('core_indicator_targets').select(['core_indicator_id', 'due_year', 'value']).execute(),
  );
const target = (coreIndicatorId: string, value = '55') => ({
  intent: 'target',
  coreIndicatorId,
  dueYear: '2029',
  value,
});

beforeAll(async () => {
  await addExtraActors(world());
  F = await runAsSystem(world().database, async (tx) => {
    // Enschede's reader signs in like the demo people (the extra actors have no password of their own).
    await sql`
      update auth.users set encrypted_password = (select encrypted_password from auth.users where email = ${PEOPLE.reader})
      where email = ${PEOPLE.otherReader}`.execute(tx);
    const enschede = await municipalityId(tx, 'Enschede');
    return {
      alkmaar: await municipalityId(tx, 'Alkmaar'),
      work: (
        await tx.selectFrom('core_indicators').select('id').where('description', '=', WORK).executeTakeFirstOrThrow()
      ).id,
      enschede,
      enschedeCore: (await plantGoalTree(tx, enschede, 'Enschede')).core,
    };
  });
});

describe("a core indicator's own page", () => {
  it("opens for Alkmaar's reader and the coordinator of its region, with the core indicator", async () => {
    for (const who of ['reader', 'coordinator'] as const) {
      const response = await open(who);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { core: { description: string } }).core.description).toBe(WORK);
    }
  });

  it("is a 403 for another municipality's reader, a coordinator elsewhere and a member of no municipality", async () => {
    for (const who of ['otherReader', 'outsideCoordinator', 'memberA'] as const) {
      expect((await open(who)).status).toBe(403);
      expect((await post(who, target(F.work))).status).toBe(403);
    }
  });

  it("is a 404 for another municipality's core indicator, through either address", async () => {
    expect((await open('reader', F.alkmaar, F.enschedeCore)).status).toBe(404);
    expect((await open('otherReader', F.enschede, F.work)).status).toBe(404);
    expect((await open('reader', F.alkmaar, 'not-a-uuid')).status).toBe(404);
    const before = await targets();
    expect((await post('reader', target(F.enschedeCore), F.alkmaar, F.enschedeCore)).status).toBe(404);
    // A form of another core indicator posted to this one's page.
    expect((await post('reader', target(F.enschedeCore))).status).toBe(404);
    expect(await targets()).toEqual(before);
  });

  it('refuses a bad target by its field with what was typed, and after saving stays on the page', async () => {
    const refused = await post('reader', target(F.work, 'veel'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      intent: 'target',
      errors: { value: 'monitoring.errors.value' },
      values: { value: 'veel', dueYear: '2029' },
    });
    const saved = await post('reader', target(F.work));
    expect(saved.status).toBe(302);
    expect(saved.headers.get('Location')).toBe(`/monitoring/${F.alkmaar}/indicator/${F.work}`);
    expect(await targets()).toContainEqual({ core_indicator_id: F.work, due_year: 2029, value: '55' });
  });
});
