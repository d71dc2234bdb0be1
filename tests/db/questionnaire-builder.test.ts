import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, runAsSystem, type Tx } from '~/db/with-user.server';
import {
  addOrganisationMember,
  listOrganisationMembers,
  removeOrganisationMember,
  setOrganisationRole,
} from '~/organisations/queries.server';
import {
  deleteQuestion,
  moveQuestion,
  questionFormValues,
  questionForEdit,
  updateQuestion,
  updateQuestionnaireDetails,
} from '~/questionnaires/builder.server';
import {
  addQuestion,
  completeResponse,
  createQuestionnaire,
  createWave,
  getQuestionnaire,
  listQuestionnaires,
  listWaves,
  myAnswers,
  saveAnswer,
  startResponse,
  type NewQuestion,
} from '~/questionnaires/queries.server';
import { linkState, setWaveDates, setWaveStatus } from '~/questionnaires/waves.server';
import { todayInAmsterdam } from '~/questionnaires/waves';
import { freshDatabase } from './database';
import { addExtraActors, PEOPLE, worldOf, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let questionnaireId: string;

const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);

const blank: NewQuestion = {
  indicator: 'work',
  kind: 'open',
  textNl: '',
  textEn: '',
  textAr: '',
  lowNl: '',
  lowEn: '',
  lowAr: '',
  highNl: '',
  highEn: '',
  highAr: '',
  optionsNl: '',
  optionsEn: '',
  optionsAr: '',
};
const question = (q: Partial<NewQuestion>): NewQuestion => ({ ...blank, ...q });
const order = () =>
  as('coordinator', (tx) => getQuestionnaire(tx, questionnaireId)).then((q) => q!.questions.map((x) => x.text_nl));
const questionId = (textNl: string) =>
  as('coordinator', (tx) => getQuestionnaire(tx, questionnaireId)).then(
    (q) => q!.questions.find((x) => x.text_nl === textNl)!.id,
  );
const edited = (id: string) =>
  as('coordinator', async (tx) => questionForEdit(tx, (await getQuestionnaire(tx, questionnaireId))!, id));
const tokenOf = (waveId: string) =>
  runAsSystem(world.database, (tx) =>
    tx.selectFrom('questionnaire_waves').select('link_token').where('id', '=', waveId).executeTakeFirstOrThrow(),
  ).then((w) => w.link_token);
const errorCode = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? 'error',
  );

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await addExtraActors(await worldOf(database));
  // A new questionnaire of the Alkmaar pool with three questions, made by its coordinator.
  questionnaireId = await as('coordinator', async (tx) => {
    const id = await createQuestionnaire(tx, world.ids.coordinator, {
      owner: `pool:${world.pools.alkmaar}`,
      titleNl: 'Werk en wonen',
      titleEn: '',
      titleAr: '',
      introNl: '',
      introEn: '',
      introAr: '',
    });
    await addQuestion(tx, id, question({ kind: 'scale', textNl: 'Ik heb werk.', lowNl: 'Nee', highNl: 'Ja' }));
    await addQuestion(
      tx,
      id,
      question({ kind: 'single', indicator: 'housing', textNl: 'Waar woon je?', optionsNl: 'Huis\nKamer' }),
    );
    await addQuestion(tx, id, question({ kind: 'open', textNl: 'Wat mis je?' }));
    await tx.updateTable('questionnaires').set({ status: 'open' }).where('id', '=', id).execute();
    return id;
  });
});
afterAll(() => close());

describe('editing questions while nobody has answered them', () => {
  it('changes texts in three languages, indicator, kind and choices', async () => {
    const id = await questionId('Waar woon je?');
    const outcome = await as('coordinator', (tx) =>
      updateQuestion(
        tx,
        questionnaireId,
        id,
        question({
          kind: 'multiple',
          indicator: 'safety',
          textNl: 'Waar voel je je veilig?',
          textEn: 'Where do you feel safe?',
          textAr: 'أين تشعر بالأمان؟',
          optionsNl: 'Thuis\nOp straat\nOp school',
          optionsEn: 'At home\nIn the street\nAt school',
        }),
      ),
    );
    expect(outcome).toBe('saved');
    const saved = await edited(id);
    expect(saved).toMatchObject({ kind: 'multiple', indicator_code: 'safety', text_ar: 'أين تشعر بالأمان؟' });
    expect(questionFormValues(saved!)).toMatchObject({
      optionsNl: 'Thuis\nOp straat\nOp school',
      optionsEn: 'At home\nIn the street\nAt school',
      optionsAr: '\n\n',
    });
  });

  it('a scale question keeps its labelled ends; turning it into an open question drops them', async () => {
    const id = await questionId('Ik heb werk.');
    await as('coordinator', (tx) =>
      updateQuestion(tx, questionnaireId, id, question({ kind: 'open', textNl: 'Ik heb werk.', lowNl: 'x' })),
    );
    const open = await edited(id);
    expect([open!.kind, open!.scale_low_nl]).toEqual(['open', '']);
    await as('coordinator', (tx) =>
      updateQuestion(
        tx,
        questionnaireId,
        id,
        question({ kind: 'scale', textNl: 'Ik heb werk.', lowNl: 'Nee', highNl: 'Ja' }),
      ),
    );
  });

  it('someone who does not manage the questionnaire changes nothing', async () => {
    const id = await questionId('Wat mis je?');
    expect(await as('memberA', (tx) => updateQuestion(tx, questionnaireId, id, question({ textNl: 'Gehackt' })))).toBe(
      'notFound',
    );
    expect(await as('partner', (tx) => deleteQuestion(tx, questionnaireId, id))).toBe('notFound');
    expect(await as('memberA', (tx) => moveQuestion(tx, questionnaireId, id, 'up'))).toBe(false);
    expect(await order()).toEqual(['Ik heb werk.', 'Waar voel je je veilig?', 'Wat mis je?']);
  });

  it('moves questions up and down; the first cannot go further up', async () => {
    const last = await questionId('Wat mis je?');
    expect(await as('coordinator', (tx) => moveQuestion(tx, questionnaireId, last, 'up'))).toBe(true);
    expect(await order()).toEqual(['Ik heb werk.', 'Wat mis je?', 'Waar voel je je veilig?']);
    const first = await questionId('Ik heb werk.');
    expect(await as('coordinator', (tx) => moveQuestion(tx, questionnaireId, first, 'up'))).toBe(false);
    expect(await as('coordinator', (tx) => moveQuestion(tx, questionnaireId, first, 'down'))).toBe(true);
    expect(await order()).toEqual(['Wat mis je?', 'Ik heb werk.', 'Waar voel je je veilig?']);
  });

  it('deletes a question, with its choices', async () => {
    const id = await as('coordinator', async (tx) => {
      await addQuestion(tx, questionnaireId, question({ kind: 'single', textNl: 'Weg ermee', optionsNl: 'a\nb' }));
      return (await getQuestionnaire(tx, questionnaireId))!.questions.find((q) => q.text_nl === 'Weg ermee')!.id;
    });
    expect(await as('coordinator', (tx) => deleteQuestion(tx, questionnaireId, id))).toBe('saved');
    const options = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('questionnaire_options').select('id').where('question_id', '=', id).execute(),
    );
    expect(options).toEqual([]);
  });

  it("changes the questionnaire's title, introduction and rhythm", async () => {
    await as('coordinator', (tx) =>
      updateQuestionnaireDetails(tx, questionnaireId, {
        titleNl: 'Werk, wonen en veiligheid',
        titleEn: 'Work, housing and safety',
        titleAr: 'العمل والسكن والأمان',
        introNl: 'Vijf minuten.',
        introEn: '',
        introAr: '',
        repeatMonths: 6,
      }),
    );
    const q = await as('coordinator', (tx) => getQuestionnaire(tx, questionnaireId));
    expect([q!.title_en, q!.repeat_months]).toEqual(['Work, housing and safety', 6]);
  });
});

describe('once a question has answers', () => {
  let waveId: string;
  let answered: string;

  beforeAll(async () => {
    waveId = await as('coordinator', (tx) => createWave(tx, questionnaireId, { name: 'Eerste', mode: 'anonymous' }));
    const token = await tokenOf(waveId);
    answered = await questionId('Ik heb werk.');
    await as('anon', async (tx) => {
      const responseId = await startResponse(tx, { token, secret: 's1', municipalityId: null, locale: 'nl' });
      await saveAnswer(tx, { responseId, secret: 's1', questionId: answered, scale: 4, options: null, text: null });
    });
  });

  it('its wording, indicator and scale ends are refused, for its coordinator and for an admin', async () => {
    for (const actor of ['coordinator', 'admin'] as const) {
      expect(
        await as(actor, (tx) =>
          updateQuestion(
            tx,
            questionnaireId,
            answered,
            question({ kind: 'scale', textNl: 'Ik heb betaald werk.', lowNl: 'Nee', highNl: 'Ja' }),
          ),
        ),
      ).toBe('locked');
    }
    const direct = as('admin', (tx) =>
      tx.updateTable('questionnaire_questions').set({ scale_high_ar: 'نعم' }).where('id', '=', answered).execute(),
    );
    expect(await errorCode(direct)).toBe('EPQ01');
    const saved = await edited(answered);
    expect([saved!.text_nl, saved!.answered]).toEqual(['Ik heb werk.', true]);
  });

  it('it cannot be deleted, not even by the system, but it can still move', async () => {
    expect(await as('coordinator', (tx) => deleteQuestion(tx, questionnaireId, answered))).toBe('locked');
    const bySystem = runAsSystem(world.database, (tx) =>
      tx.deleteFrom('questionnaire_questions').where('id', '=', answered).execute(),
    );
    expect(await errorCode(bySystem)).toBe('EPQ01');
    expect(await as('coordinator', (tx) => moveQuestion(tx, questionnaireId, answered, 'up'))).toBe(true);
    expect((await order())[0]).toBe('Ik heb werk.');
  });

  it('the other questions of the questionnaire stay editable', async () => {
    const other = await questionId('Wat mis je?');
    expect(
      await as('coordinator', (tx) =>
        updateQuestion(tx, questionnaireId, other, question({ textNl: 'Wat mis je het meest?' })),
      ),
    ).toBe('saved');
  });

  describe('waves', () => {
    it('a closed wave refuses new people and the half-finished response; reopening lets it go on', async () => {
      const token = await tokenOf(waveId);
      const other = await questionId('Wat mis je het meest?');
      const responseId = await as('anon', (tx) =>
        startResponse(tx, { token, secret: 's2', municipalityId: null, locale: 'nl' }),
      );
      await as('anon', (tx) =>
        saveAnswer(tx, { responseId, secret: 's2', questionId: answered, scale: 2, options: null, text: null }),
      );
      expect(await as('coordinator', (tx) => setWaveStatus(tx, questionnaireId, waveId, 'closed'))).toBe(true);

      expect(await as('anon', (tx) => linkState(tx, token))).toMatchObject({
        state: 'closed',
        title_nl: 'Werk, wonen en veiligheid',
      });
      expect(
        await errorCode(
          as('anon', (tx) => startResponse(tx, { token, secret: 's3', municipalityId: null, locale: 'nl' })),
        ),
      ).toBe('P0002');
      const goOn = as('anon', (tx) =>
        saveAnswer(tx, { responseId, secret: 's2', questionId: other, scale: null, options: null, text: 'Rust' }),
      );
      expect(await errorCode(goOn)).toBe('P0002');
      expect(await errorCode(as('anon', (tx) => completeResponse(tx, responseId, 's2')))).toBe('P0002');
      expect(await as('anon', (tx) => myAnswers(tx, responseId, 's2'))).toEqual([]);

      expect(await as('coordinator', (tx) => setWaveStatus(tx, questionnaireId, waveId, 'open'))).toBe(true);
      await as('anon', (tx) =>
        saveAnswer(tx, { responseId, secret: 's2', questionId: other, scale: null, options: null, text: 'Rust' }),
      );
      expect(await as('anon', (tx) => myAnswers(tx, responseId, 's2'))).toHaveLength(2);
    });

    it('a wave takes answers only between its dates (Dutch calendar)', async () => {
      const token = await tokenOf(waveId);
      const today = todayInAmsterdam();
      const shift = (days: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const start = () =>
        errorCode(as('anon', (tx) => startResponse(tx, { token, secret: 'd', municipalityId: null, locale: 'nl' })));

      await as('coordinator', (tx) =>
        setWaveDates(tx, questionnaireId, waveId, { opensOn: shift(3), closesOn: shift(30) }),
      );
      expect(await as('anon', (tx) => linkState(tx, token))).toMatchObject({ state: 'not_yet', opens_on: shift(3) });
      expect(await start()).toBe('P0002');

      await as('coordinator', (tx) =>
        setWaveDates(tx, questionnaireId, waveId, { opensOn: shift(-30), closesOn: shift(-1) }),
      );
      expect((await as('anon', (tx) => linkState(tx, token)))!.state).toBe('closed');
      expect(await start()).toBe('P0002');

      await as('coordinator', (tx) =>
        setWaveDates(tx, questionnaireId, waveId, { opensOn: shift(-30), closesOn: today }),
      );
      expect((await as('anon', (tx) => linkState(tx, token)))!.state).toBe('open');
      expect(await start()).toBe('ok');
      const waves = await as('coordinator', (tx) => listWaves(tx, questionnaireId));
      expect(waves.find((w) => w.id === waveId)).toMatchObject({
        state: 'open',
        closes_on: today,
        opens_on: shift(-30),
      });
    });

    it('the database refuses an end before the start', async () => {
      const wrong = as('coordinator', (tx) =>
        setWaveDates(tx, questionnaireId, waveId, { opensOn: '2027-05-01', closesOn: '2027-04-30' }),
      );
      expect(await errorCode(wrong)).toBe('23514');
    });

    it('an unknown link tells nothing', async () => {
      expect(await as('anon', (tx) => linkState(tx, 'no-such-link-0000000'))).toBeNull();
    });
  });

  it('the whole questionnaire, answers and all, can still be removed by its coordinator', async () => {
    const removed = await as('coordinator', (tx) =>
      tx.deleteFrom('questionnaires').where('id', '=', questionnaireId).executeTakeFirst(),
    );
    expect(Number(removed.numDeletedRows)).toBe(1);
    const left = await runAsSystem(world.database, (tx) =>
      sql<{
        n: number;
      }>`select count(*)::int as n from public.questionnaire_questions where questionnaire_id = ${questionnaireId}`.execute(
        tx,
      ),
    );
    expect(left.rows[0]!.n).toBe(0);
  });
});

describe('people of an organisation', () => {
  let organisationId: string;
  beforeAll(async () => {
    organisationId = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('organisations').select('id').where('kind', '=', 'partner').executeTakeFirstOrThrow(),
    ).then((o) => o.id);
  });
  const partnerTitles = (actor: Actor) =>
    as(actor, (tx) => listQuestionnaires(tx)).then((rows) =>
      rows.filter((r) => r.title_nl.startsWith('TaalMaatje')).map((r) => r.manages),
    );

  it('an admin adds a person by e-mail, who then manages that organisation’s questionnaires', async () => {
    expect(await partnerTitles('memberB')).toEqual([]);
    expect(await as('admin', (tx) => addOrganisationMember(tx, organisationId, PEOPLE.memberB))).toBe('saved');
    expect(await partnerTitles('memberB')).toEqual([true]);
    const members = await as('admin', (tx) => listOrganisationMembers(tx, organisationId));
    expect(members.map((m) => m.email)).toContain(PEOPLE.memberB);
  });

  it('an unknown address and a second time are told apart', async () => {
    expect(await as('admin', (tx) => addOrganisationMember(tx, organisationId, 'niemand@example.org'))).toBe(
      'noAccount',
    );
    expect(await as('admin', (tx) => addOrganisationMember(tx, organisationId, PEOPLE.memberB))).toBe('alreadyMember');
  });

  it('someone who is not an admin cannot find or add anyone', async () => {
    expect(await as('partner', (tx) => addOrganisationMember(tx, organisationId, PEOPLE.memberA))).toBe('noAccount');
    const direct = as('partner', (tx) =>
      tx
        .insertInto('organisation_members')
        .values({ organisation_id: organisationId, user_id: world.ids.memberA })
        .execute(),
    );
    expect(await errorCode(direct)).toBe('42501');
    expect(await as('partner', (tx) => listOrganisationMembers(tx, organisationId))).toEqual([]);
  });

  it("the organisation's own admin (the demo's partner worker) adds and removes a colleague, and makes them admin", async () => {
    const aziz = 'aziz@demo.expertpool.nl';
    const asAziz = <T>(work: (tx: Tx) => Promise<T>) =>
      runAs(world.database, { sub: world.idOf(aziz), email: aziz, role: 'authenticated' }, work);
    expect(await asAziz((tx) => addOrganisationMember(tx, organisationId, PEOPLE.memberA))).toBe('saved');
    expect(await asAziz((tx) => setOrganisationRole(tx, organisationId, world.ids.memberA, 'admin'))).toBe(true);
    const people = await asAziz((tx) => listOrganisationMembers(tx, organisationId));
    expect(people.find((p) => p.email === PEOPLE.memberA)?.role).toBe('admin');
    expect(await asAziz((tx) => removeOrganisationMember(tx, organisationId, world.ids.memberA))).toBe(true);
    // Not for another organisation, though.
    const other = await runAsSystem(world.database, (tx) =>
      tx.selectFrom('organisations').select('id').where('kind', '=', 'municipality').executeTakeFirstOrThrow(),
    );
    expect(await asAziz((tx) => addOrganisationMember(tx, other.id, PEOPLE.memberA))).toBe('noAccount');
  });

  it('removed again, the person no longer sees the organisation’s questionnaires', async () => {
    expect(await as('admin', (tx) => removeOrganisationMember(tx, organisationId, world.ids.memberB))).toBe(true);
    expect(await partnerTitles('memberB')).toEqual([]);
  });
});
