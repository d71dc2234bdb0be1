import { randomBytes } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import type { QuestionKind, WaveState } from '~/db/types';
import type { Locale } from '~/i18n/locales';
import type { Hidden } from '~/ui/HiddenFigure';
import { localise } from './localise';
import { newSignalReference } from '~/signals/reference.server';
import { lines, type ResultFilters } from './schema.server';

export { localise } from './localise';

/** Questionnaires whose results this person may see (pool members, serving readers, owners), newest first. */
export async function listQuestionnaires(tx: Tx) {
  return tx
    .selectFrom('questionnaires')
    .leftJoin('pools', 'pools.id', 'questionnaires.pool_id')
    .leftJoin('organisations', 'organisations.id', 'questionnaires.organisation_id')
    .select([
      'questionnaires.id',
      'questionnaires.title_nl',
      'questionnaires.title_en',
      'questionnaires.title_ar',
      'questionnaires.status',
      sql<string>`coalesce(pools.name, organisations.name)`.as('owner_name'),
      sql<boolean>`private.manages_questionnaire(questionnaires.id)`.as('manages'),
    ])
    .where(sql<boolean>`private.sees_questionnaire_results(questionnaires.id)`)
    .orderBy('questionnaires.created_at', 'desc')
    .execute();
}

/** Pools and organisations this person can create a questionnaire for. */
export async function listOwnerChoices(tx: Tx, userId: string) {
  const [pools, organisations] = await Promise.all([
    tx
      .selectFrom('pool_memberships')
      .innerJoin('pools', 'pools.id', 'pool_memberships.pool_id')
      .select(['pools.id', 'pools.name'])
      .where('pool_memberships.user_id', '=', userId)
      .where('pool_memberships.role', '=', 'coordinator')
      .execute(),
    tx
      .selectFrom('organisation_members')
      .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
      .select(['organisations.id', 'organisations.name'])
      .where('organisation_members.user_id', '=', userId)
      .execute(),
  ]);
  return [
    ...pools.map((p) => ({ value: `pool:${p.id}`, name: p.name })),
    ...organisations.map((o) => ({ value: `organisation:${o.id}`, name: o.name })),
  ];
}

export async function createQuestionnaire(
  tx: Tx,
  userId: string,
  input: {
    owner: string;
    titleNl: string;
    titleEn: string;
    titleAr: string;
    introNl: string;
    introEn: string;
    introAr: string;
  },
): Promise<string> {
  const [kind, ownerId] = input.owner.split(':') as ['pool' | 'organisation', string];
  const { id } = await tx
    .insertInto('questionnaires')
    .values({
      pool_id: kind === 'pool' ? ownerId : null,
      organisation_id: kind === 'organisation' ? ownerId : null,
      title_nl: input.titleNl,
      title_en: input.titleEn,
      title_ar: input.titleAr,
      intro_nl: input.introNl,
      intro_en: input.introEn,
      intro_ar: input.introAr,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A questionnaire with its questions and their options, in order, in one statement; readable by anyone
 * once it is out of draft.
 */
export async function getQuestionnaire(tx: Tx, questionnaireId: string) {
  return (
    (await tx
      .selectFrom('questionnaires')
      .selectAll()
      .select(sql<boolean>`private.manages_questionnaire(id)`.as('manages'))
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('questionnaire_questions as q')
            .selectAll('q')
            .select((inner) =>
              jsonArrayFrom(
                inner
                  .selectFrom('questionnaire_options as o')
                  .selectAll('o')
                  .whereRef('o.question_id', '=', 'q.id')
                  .orderBy('o.position'),
              ).as('options'),
            )
            .whereRef('q.questionnaire_id', '=', 'questionnaires.id')
            .orderBy('q.position'),
        ).as('questions'),
      )
      .where('id', '=', questionnaireId)
      .executeTakeFirst()) ?? null
  );
}

export type QuestionnaireDetail = NonNullable<Awaited<ReturnType<typeof getQuestionnaire>>>;
export type Question = QuestionnaireDetail['questions'][number];

export interface NewQuestion {
  indicator: string;
  kind: QuestionKind;
  textNl: string;
  textEn: string;
  textAr: string;
  lowNl: string;
  lowEn: string;
  lowAr: string;
  highNl: string;
  highEn: string;
  highAr: string;
  optionsNl: string;
  optionsEn: string;
  optionsAr: string;
}

/** Appends a question (and its options) to the questionnaire; RLS lets only its managers. */
export async function addQuestion(tx: Tx, questionnaireId: string, q: NewQuestion): Promise<void> {
  const last = await tx
    .selectFrom('questionnaire_questions')
    .select(sql<number>`coalesce(max(position), 0)`.as('position'))
    .where('questionnaire_id', '=', questionnaireId)
    .executeTakeFirstOrThrow();
  const { id } = await tx
    .insertInto('questionnaire_questions')
    .values({
      questionnaire_id: questionnaireId,
      position: Number(last.position) + 1,
      indicator_code: q.indicator,
      kind: q.kind,
      text_nl: q.textNl,
      text_en: q.textEn,
      text_ar: q.textAr,
      ...(q.kind === 'scale'
        ? {
            scale_low_nl: q.lowNl,
            scale_low_en: q.lowEn,
            scale_low_ar: q.lowAr,
            scale_high_nl: q.highNl,
            scale_high_en: q.highEn,
            scale_high_ar: q.highAr,
          }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (q.kind === 'single' || q.kind === 'multiple') {
    const [nl, en, ar] = [lines(q.optionsNl), lines(q.optionsEn), lines(q.optionsAr)];
    await tx
      .insertInto('questionnaire_options')
      .values(
        nl.map((label, i) => ({
          question_id: id,
          position: i + 1,
          label_nl: label,
          label_en: en[i] ?? '',
          label_ar: ar[i] ?? '',
        })),
      )
      .execute();
  }
}

export async function setQuestionnaireStatus(tx: Tx, questionnaireId: string, status: 'open' | 'closed') {
  await tx.updateTable('questionnaires').set({ status }).where('id', '=', questionnaireId).execute();
}

/** Waves with their distribution links and whether they take answers today; only managers can read them (RLS). */
export async function listWaves(tx: Tx, questionnaireId: string) {
  return tx
    .selectFrom('questionnaire_waves as w')
    .select([
      'w.id',
      'w.name',
      'w.link_token',
      'w.mode',
      'w.status',
      sql<string>`to_char(w.opens_on, 'YYYY-MM-DD')`.as('opens_on'),
      sql<string | null>`to_char(w.closes_on, 'YYYY-MM-DD')`.as('closes_on'),
      sql<WaveState>`private.wave_state(w)`.as('state'),
      'w.respondent_group_id',
    ])
    .where('w.questionnaire_id', '=', questionnaireId)
    .orderBy('w.opens_on')
    .orderBy('w.created_at')
    .execute();
}

/**
 * Opens a wave that asks one respondent group (newcomers unless told). Another group than the
 * questionnaire's other waves ask is refused by the database (isOtherGroup).
 */
export async function createWave(
  tx: Tx,
  questionnaireId: string,
  input: {
    name: string;
    mode: 'anonymous' | 'account';
    respondentGroupId?: string;
    opensOn?: string;
    closesOn?: string | null;
  },
) {
  const { id } = await tx
    .insertInto('questionnaire_waves')
    .values({
      questionnaire_id: questionnaireId,
      name: input.name,
      mode: input.mode,
      link_token: randomBytes(18).toString('base64url'),
      ...(input.opensOn ? { opens_on: input.opensOn } : {}),
      closes_on: input.closesOn ?? null,
      ...(input.respondentGroupId ? { respondent_group_id: input.respondentGroupId } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Waves by name for the results filter: names only, so anyone who sees results may have them. */
export async function listWaveNames(tx: Tx, questionnaireId: string) {
  const { rows } = await sql<{ id: string; name: string }>`
    select id, name from private.questionnaire_wave_names(${questionnaireId})`.execute(tx);
  return rows;
}

// Answering ---------------------------------------------------------------------------------------

export async function waveByLink(tx: Tx, token: string) {
  const { rows } = await sql<{
    wave_id: string;
    questionnaire_id: string;
    wave_name: string;
    mode: 'anonymous' | 'account';
  }>`
    select * from private.questionnaire_wave_by_link(${token})`.execute(tx);
  return rows[0] ?? null;
}

export async function startResponse(
  tx: Tx,
  input: { token: string; secret: string; municipalityId: string | null; locale: Locale },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select private.start_questionnaire_response(${input.token}, ${input.secret}, ${input.municipalityId}, ${input.locale}) as id`.execute(
    tx,
  );
  return rows[0]!.id;
}

export interface SavedAnswer {
  question_id: string;
  scale_value: number | null;
  option_ids: string[] | null;
  open_text: string | null;
  completed: boolean;
}

export async function myAnswers(tx: Tx, responseId: string, secret: string): Promise<SavedAnswer[]> {
  const { rows } = await sql<SavedAnswer>`
    select * from private.my_questionnaire_answers(${responseId}, ${secret})`.execute(tx);
  return rows;
}

export async function saveAnswer(
  tx: Tx,
  input: {
    responseId: string;
    secret: string;
    questionId: string;
    scale: number | null;
    options: string[] | null;
    text: string | null;
  },
): Promise<void> {
  await sql`select private.save_questionnaire_answer(${input.responseId}, ${input.secret}, ${input.questionId},
    ${input.scale}, ${input.options ? sql`${input.options}::uuid[]` : null}, ${input.text})`.execute(tx);
}

export async function completeResponse(tx: Tx, responseId: string, secret: string): Promise<void> {
  await sql`select private.complete_questionnaire_response(${responseId}, ${secret})`.execute(tx);
}

// Results -------------------------------------------------------------------------------------------

export interface ScoreRow {
  group_key: string | null;
  item: string;
  /** null when hidden: see `hidden` */
  respondents: number | null;
  mean_score: number | null;
  /** Why the group is not shown: fewer than five, or hidden so that a small group cannot be worked out. */
  hidden: Hidden | null;
}

export interface QuestionResultRow {
  question_id: string;
  respondents: number | null;
  mean_score: number | null;
  counts: Record<string, number> | null;
  hidden: Hidden | null;
}

export interface ResultsPage {
  /** Per indicator and per domain, with the filters as given (group 'all'). */
  perIndicator: ScoreRow[];
  perDomain: ScoreRow[];
  /** Per wave at indicator level, every wave; per municipality at domain level, every municipality. */
  perWave: ScoreRow[];
  perPlace: ScoreRow[];
  questions: QuestionResultRow[];
}

const PAGE_PARTS = {
  indicator: 'perIndicator',
  domain: 'perDomain',
  wave: 'perWave',
  municipality: 'perPlace',
} as const;

/** A results page without a figure: what someone who may not see the results gets. */
export const noResults = (): ResultsPage => ({
  perIndicator: [],
  perDomain: [],
  perWave: [],
  perPlace: [],
  questions: [],
});

/**
 * Everything the results page shows, in one statement that checks access once and reads the
 * questionnaire's result cells once: the same rows as `questionnaireScores` with those breakdowns and
 * `questionResults` (a database test compares them).
 */
export async function resultsPage(tx: Tx, questionnaireId: string, filters: ResultFilters): Promise<ResultsPage> {
  const { rows } = await sql<
    ScoreRow & { part: keyof typeof PAGE_PARTS | 'question'; counts: Record<string, number> | null }
  >`
    select part, group_key, item, respondents, mean_score::float8 as mean_score, counts, hidden
    from private.questionnaire_results_page(${questionnaireId}, ${filters.wave ?? null}, ${filters.region ?? null},
      ${filters.municipality ?? null})`.execute(tx);
  const page = noResults();
  for (const { part, counts, ...row } of rows) {
    if (part === 'question')
      page.questions.push({
        question_id: row.item,
        respondents: row.respondents,
        mean_score: row.mean_score,
        counts,
        hidden: row.hidden,
      });
    else page[PAGE_PARTS[part]].push(row);
  }
  return page;
}

export async function openAnswers(tx: Tx, questionnaireId: string, waveId: string | null) {
  const { rows } = await sql<{ answer_id: string; question_id: string; open_text: string }>`
    select * from private.questionnaire_open_answers(${questionnaireId}, ${waveId})`.execute(tx);
  return rows;
}

/** Turns an open answer into a signal of the respondent's region; the managers' privilege (checked in SQL). */
export async function signalFromOpenAnswer(tx: Tx, answerId: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select private.signal_from_open_answer(${answerId}, ${newSignalReference()}) as id`.execute(tx);
  return rows[0]!.id;
}
