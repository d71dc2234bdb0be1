import { beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { seededAppWorld } from './app-database';
import { PEOPLE, municipalityId, plantGoalTree } from './fixtures';
import { signInCookie } from './sign-in';

/**
 * The management page's action under attack: whatever is posted about breakdown dimensions and their
 * figures, the answer is a 400 with a translated message by the field (or a 404 for what the person
 * may not see), never a 500, and nothing is stored.
 */
const world = seededAppWorld();
const EDUCATION = '% mensen dat is gestart met een opleiding, naar type opleiding';
const EXAM = '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar';

let F: { alkmaar: string; core: string; education: string; exam: string; examRoute: string; enschede: string };

async function post(fields: Record<string, string>, municipalityId = F.alkmaar, coreId = F.core) {
  const { action } = await import('~/routes/monitoring.$municipalityId_.management.$coreId');
  const cookie = await signInCookie(PEOPLE.reader);
  const request = new Request(`http://localhost/monitoring/${municipalityId}/management/${coreId}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  try {
    return await action({ request, params: { municipalityId, coreId }, context: {} as never });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const refusal = async (response: Response) => ({
  status: response.status,
  errors: ((await response.json()) as { errors: Record<string, string> }).errors,
});
const counts = () =>
  runAsSystem(world().database, async (tx) => ({
    dimensions: (await tx.selectFrom('management_breakdowns').select('id').execute()).length,
    figures: (await tx.selectFrom('management_indicator_values').select('id').execute()).length,
  }));

const figure = (breakdown: string) => ({
  intent: 'management-value',
  managementIndicatorId: F.education,
  period: '2030',
  value: '12',
  note: '',
  breakdown,
});

beforeAll(async () => {
  F = await runAsSystem(world().database, async (tx) => {
    const education = await tx
      .selectFrom('management_indicators')
      .select(['id', 'core_indicator_id'])
      .where('name', '=', EDUCATION)
      .executeTakeFirstOrThrow();
    const exam = await tx
      .selectFrom('management_indicators')
      .select('id')
      .where('name', '=', EXAM)
      .executeTakeFirstOrThrow();
    const examRoute = await tx
      .selectFrom('management_breakdowns')
      .select('id')
      .where('management_indicator_id', '=', exam.id)
      .executeTakeFirstOrThrow();
    return {
      alkmaar: await municipalityId(tx, 'Alkmaar'),
      enschede: await municipalityId(tx, 'Enschede'),
      core: education.core_indicator_id,
      education: education.id,
      exam: exam.id,
      examRoute: examRoute.id,
    };
  });
});

describe('adding a breakdown dimension on the management page', () => {
  const dimension = (name: string, values: string) => ({
    intent: 'management-dimension',
    managementIndicatorId: F.education,
    name,
    values,
  });

  it('refuses a NUL byte, a 1 MB value, 21 values, no values and a name it has, each by its field', async () => {
    const before = await counts();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [dimension('Leeftijd\u0000', 'a'), { name: 'errors.controlCharacters' }],
      [dimension('Leeftijd', 'x'.repeat(1_000_000)), { values: 'errors.tooLong' }],
      [
        dimension('Leeftijd', Array.from({ length: 21 }, (_, i) => `w${i}`).join('\n')),
        { values: 'monitoring.errors.breakdownValuesTooMany' },
      ],
      [dimension('Leeftijd', ''), { values: 'monitoring.errors.breakdownValuesMissing' }],
      [dimension('leerroute', 'a'), { name: 'monitoring.management.dimensionDuplicate' }],
    ];
    for (const [fields, errors] of cases) expect(await refusal(await post(fields))).toEqual({ status: 400, errors });
    expect(await counts()).toEqual(before);
  });

  it('takes three more, then refuses a sixth with its message', async () => {
    for (const name of ['Leeftijd', 'Geslacht', 'Wijk']) {
      expect((await post(dimension(name, 'a\nb'))).status).toBe(302);
    }
    expect(await refusal(await post(dimension('Herkomst', 'a')))).toEqual({
      status: 400,
      errors: { name: 'monitoring.management.dimensionsFull' },
    });
  });

  it("is a 404 for another municipality's indicator and a 403 through another municipality's address", async () => {
    const enschedeIndicator = await runAsSystem(world().database, async (tx) => {
      const tree = await plantGoalTree(tx, F.enschede, 'Enschede');
      return (
        await tx
          .insertInto('management_indicators')
          .values({ core_indicator_id: tree.core, name: 'Examen (Enschede)', direction: 'higher' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });
    const before = await counts();
    expect((await post({ ...dimension('Nieuw', 'a'), managementIndicatorId: enschedeIndicator })).status).toBe(404);
    expect((await post({ ...figure(''), managementIndicatorId: enschedeIndicator })).status).toBe(404);
    expect((await post(dimension('Nieuw', 'a'), F.enschede)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('entering a figure for a dimension on the management page', () => {
  it('refuses a dimension of another indicator, a value its dimension lacks and a made-up choice, by the field', async () => {
    const before = await counts();
    for (const breakdown of [
      `${F.examRoute}:B1`,
      `${F.examRoute}:Verzonnen`,
      'B1',
      `not-an-id:B1`,
      `${F.examRoute}:`,
    ]) {
      expect(await refusal(await post(figure(breakdown)))).toEqual({
        status: 400,
        errors: { breakdown: 'monitoring.errors.breakdownValue' },
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("stores a figure for a value of one of the indicator's own dimensions", async () => {
    const route = await runAsSystem(world().database, (tx) =>
      tx
        .selectFrom('management_breakdowns')
        .select('id')
        .where('management_indicator_id', '=', F.education)
        .where('name', '=', 'Leerroute')
        .executeTakeFirstOrThrow(),
    );
    const before = await counts();
    expect((await post(figure(`${route.id}:Z`))).status).toBe(302);
    expect(await counts()).toEqual({ ...before, figures: before.figures + 1 });
  });
});
