import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import {
  completeResponse,
  createWave,
  myAnswers,
  resultsPage,
  saveAnswer,
  startResponse,
} from '~/questionnaires/queries.server';
import { freshDatabase } from './database';
import { questionnaireScores, questionResults } from './result-functions';
import { addExtraActors, worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let questionnaireId: string;
let partnerQuestionnaireId: string;
let waveId: string;
let token: string;
let places: Record<'Heiloo' | 'Castricum' | 'Uitgeest', string>;
let questions: { id: string; kind: string; options: string[] }[];

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);

/** One anonymous respondent answering every question, from the given municipality. */
async function respond(municipality: string | null, scale: number) {
  const secret = `secret-${Math.random()}`;
  await as('anon', async (tx) => {
    const responseId = await startResponse(tx, { token, secret, municipalityId: municipality, locale: 'nl' });
    for (const q of questions) {
      await saveAnswer(tx, {
        responseId,
        secret,
        questionId: q.id,
        scale: q.kind === 'scale' ? scale : null,
        options: q.kind === 'single' || q.kind === 'multiple' ? [q.options[0]!] : null,
        text: q.kind === 'open' ? 'Meer uitleg in mijn taal.' : null,
      });
    }
    await completeResponse(tx, responseId, secret);
  });
}

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await addExtraActors(await worldOf(database));
  await runAsSystem(database, async (tx) => {
    const rows = await tx.selectFrom('questionnaires').select(['id', 'pool_id']).execute();
    questionnaireId = rows.find((r) => r.pool_id)!.id;
    partnerQuestionnaireId = rows.find((r) => !r.pool_id)!.id;
    const towns = await tx
      .selectFrom('municipalities')
      .select(['id', 'name'])
      .where('name', 'in', ['Heiloo', 'Castricum', 'Uitgeest'])
      .execute();
    places = Object.fromEntries(towns.map((m) => [m.name, m.id])) as typeof places;
    const qs = await tx
      .selectFrom('questionnaire_questions')
      .select(['id', 'kind'])
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('position')
      .execute();
    const options = await tx
      .selectFrom('questionnaire_options')
      .select(['id', 'question_id'])
      .orderBy('position')
      .execute();
    questions = qs.map((q) => ({ ...q, options: options.filter((o) => o.question_id === q.id).map((o) => o.id) }));
  });
  // A fresh wave, opened by the pool's coordinator, answered by six people: four in Heiloo, two in Castricum.
  waveId = await as('coordinator', (tx) => createWave(tx, questionnaireId, { name: 'Test', mode: 'anonymous' }));
  token = await runAsSystem(world.database, (tx) =>
    tx
      .selectFrom('questionnaire_waves')
      .select('link_token')
      .where('id', '=', waveId)
      .executeTakeFirstOrThrow()
      .then((r) => r.link_token),
  );
  for (const scale of [2, 3, 4, 5]) await respond(places.Heiloo, scale);
  for (const scale of [1, 5]) await respond(places.Castricum, scale);
});
afterAll(() => close());

const scores = (
  actor: Actor,
  filters: { wave?: string; municipality?: string; region?: string },
  by: 'none' | 'municipality' | 'wave' = 'none',
) => as(actor, (tx) => questionnaireScores(tx, questionnaireId, filters, by, 'indicator'));

describe('results never reveal a group of fewer than five', () => {
  it('the six respondents of the new wave show with their mean', async () => {
    const rows = await scores('coordinator', { wave: waveId });
    const work = rows.find((r) => r.item === 'work')!;
    expect(work.respondents).toBe(6);
    expect(work.mean_score).toBeCloseTo((2 + 3 + 4 + 5 + 1 + 5) / 6, 2);
  });

  it('narrowing to the four in Heiloo gives "<5" (no count, no mean) for every indicator', async () => {
    const rows = await scores('coordinator', { wave: waveId, municipality: places.Heiloo });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.respondents === null && r.mean_score === null)).toBe(true);
  });

  it('a seventh person alone in Uitgeest cannot be singled out by wave, place, breakdown or question', async () => {
    await respond(places.Uitgeest, 1);
    const narrowed = await scores('coordinator', { wave: waveId, municipality: places.Uitgeest });
    expect(narrowed.every((r) => r.respondents === null)).toBe(true);
    const byPlace = await scores('coordinator', { wave: waveId }, 'municipality');
    const uitgeest = byPlace.filter((r) => r.group_key === places.Uitgeest);
    expect(uitgeest.length).toBeGreaterThan(0);
    expect(uitgeest.every((r) => r.respondents === null && r.mean_score === null)).toBe(true);
    const perQuestion = await as('coordinator', (tx) =>
      questionResults(tx, questionnaireId, { wave: waveId, municipality: places.Uitgeest }),
    );
    expect(perQuestion.every((r) => r.respondents === null && r.mean_score === null && r.counts === null)).toBe(true);
    const domains = await as('coordinator', (tx) =>
      questionnaireScores(tx, questionnaireId, { wave: waveId, municipality: places.Uitgeest }, 'none', 'domain'),
    );
    expect(domains.every((r) => r.respondents === null)).toBe(true);
  });

  it('the whole wave still shows once it has five or more', async () => {
    const perQuestion = await as('coordinator', (tx) => questionResults(tx, questionnaireId, { wave: waveId }));
    expect(perQuestion.every((r) => r.respondents !== null && r.respondents >= 5)).toBe(true);
  });

  it('nobody reads single responses, not the coordinator and not an admin', async () => {
    for (const actor of ['coordinator', 'admin'] as const) {
      const n = await as(actor, (tx) =>
        sql<{ n: number }>`select count(*)::int as n from public.questionnaire_answers`
          .execute(tx)
          .then((r) => r.rows[0]!.n),
      );
      expect(n, actor).toBe(0);
    }
  });
});

describe('who sees which results', () => {
  it('a partner organisation sees only its own questionnaire', async () => {
    expect(
      (await as('partner', (tx) => questionnaireScores(tx, partnerQuestionnaireId, {}, 'none', 'indicator'))).length,
    ).toBeGreaterThan(0);
    expect(await as('partner', (tx) => questionnaireScores(tx, questionnaireId, {}, 'none', 'indicator'))).toEqual([]);
  });

  it("the pool's coordinator, the serving municipality's reader and admins see the pool's; others not", async () => {
    const sees = async (actor: Actor) => (await scores(actor, {})).length > 0;
    expect(await sees('coordinator')).toBe(true);
    expect(await sees('memberA')).toBe(true);
    expect(await sees('reader')).toBe(true);
    expect(await sees('admin')).toBe(true);
    expect(await sees('otherReader')).toBe(false);
    expect(await sees('outsideCoordinator')).toBe(false);
    expect(await sees('memberB')).toBe(false);
  });

  it("the results page's one function lets in exactly the same people, and blanks the same small groups", async () => {
    const page = (actor: Actor, filters: { wave?: string; municipality?: string } = {}) =>
      as(actor, (tx) => resultsPage(tx, questionnaireId, filters));
    const rowsOf = (p: Awaited<ReturnType<typeof page>>) =>
      [p.perIndicator, p.perDomain, p.perWave, p.perPlace, p.questions].flat();
    for (const actor of ['coordinator', 'memberA', 'reader', 'admin'] as const)
      expect(rowsOf(await page(actor)).length, actor).toBeGreaterThan(0);
    for (const actor of ['otherReader', 'outsideCoordinator', 'memberB', 'partner'] as const)
      expect(rowsOf(await page(actor)), actor).toEqual([]);
    // Signed out, the function is not there at all (it is no longer executable by PUBLIC).
    await expect(page('anon')).rejects.toThrow(/permission denied/);
    // Heiloo's four in the new wave: everything narrowed to them is "<5".
    const heiloo = await page('coordinator', { wave: waveId, municipality: places.Heiloo });
    expect(heiloo.perIndicator.length).toBeGreaterThan(0);
    expect([heiloo.perIndicator, heiloo.perDomain, heiloo.questions].flat().every((r) => r.respondents === null)).toBe(
      true,
    );
  });
});

describe('answering by link', () => {
  it('can be left and resumed with the secret, and not with another one', async () => {
    const secret = 'resume-me-later';
    const responseId = await as('anon', (tx) =>
      startResponse(tx, { token, secret, municipalityId: null, locale: 'ar' }),
    );
    await as('anon', (tx) =>
      saveAnswer(tx, { responseId, secret, questionId: questions[0]!.id, scale: 4, options: null, text: null }),
    );
    const resumed = await as('anon', (tx) => myAnswers(tx, responseId, secret));
    expect(resumed.map((a) => a.scale_value)).toEqual([4]);
    expect(await as('anon', (tx) => myAnswers(tx, responseId, 'guessed'))).toEqual([]);
    await expect(
      as('anon', (tx) =>
        saveAnswer(tx, {
          responseId,
          secret: 'guessed',
          questionId: questions[0]!.id,
          scale: 1,
          options: null,
          text: null,
        }),
      ),
    ).rejects.toThrow(/response not found/);
  });

  it('refuses an answer that does not fit the question', async () => {
    const secret = 'another-secret';
    const responseId = await as('anon', (tx) =>
      startResponse(tx, { token, secret, municipalityId: null, locale: 'nl' }),
    );
    await expect(
      as('anon', (tx) =>
        saveAnswer(tx, { responseId, secret, questionId: questions[0]!.id, scale: 9, options: null, text: null }),
      ),
    ).rejects.toThrow(/does not fit/);
  });

  it('an account wave needs an account', async () => {
    const accountWave = await as('coordinator', (tx) =>
      createWave(tx, questionnaireId, { name: 'Leden', mode: 'account' }),
    );
    const accountToken = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('questionnaire_waves')
        .select('link_token')
        .where('id', '=', accountWave)
        .executeTakeFirstOrThrow()
        .then((r) => r.link_token),
    );
    await expect(
      as('anon', (tx) => startResponse(tx, { token: accountToken, secret: 's', municipalityId: null, locale: 'nl' })),
    ).rejects.toThrow(/needs an account/);
    const first = await as('memberA', (tx) =>
      startResponse(tx, { token: accountToken, secret: 'a', municipalityId: null, locale: 'nl' }),
    );
    const again = await as('memberA', (tx) =>
      startResponse(tx, { token: accountToken, secret: 'b', municipalityId: null, locale: 'nl' }),
    );
    expect(again).toBe(first);
  });

  it('an open answer becomes a signal of the region, by a manager only', async () => {
    const answer = await runAsSystem(world.database, (tx) =>
      tx
        .selectFrom('questionnaire_answers')
        .innerJoin('questionnaire_responses', 'questionnaire_responses.id', 'questionnaire_answers.response_id')
        .select('questionnaire_answers.id')
        .where('questionnaire_responses.wave_id', '=', waveId)
        .where('open_text', 'is not', null)
        .executeTakeFirstOrThrow(),
    );
    await expect(
      as('memberA', (tx) => sql`select private.signal_from_open_answer(${answer.id}, 'EP-OPEN01')`.execute(tx)),
    ).rejects.toThrow(/not allowed/);
    await as('coordinator', (tx) => sql`select private.signal_from_open_answer(${answer.id}, 'EP-OPEN02')`.execute(tx));
    const signal = await as('memberA', (tx) =>
      tx
        .selectFrom('signals')
        .select(['channel', 'body', 'municipality_id'])
        .where('reference', '=', 'EP-OPEN02')
        .executeTakeFirstOrThrow(),
    );
    expect(signal).toEqual({ channel: 'questionnaire', body: 'Meer uitleg in mijn taal.', municipality_id: null });
  });
});
