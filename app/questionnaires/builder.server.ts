import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { lines } from './schema.server';
import type { NewQuestion, Question, QuestionnaireDetail } from './queries.server';

/** SQLSTATE the database raises when a change would alter a question that already has answers. */
const QUESTION_ANSWERED = 'EPQ01';

export type EditOutcome = 'saved' | 'locked' | 'notFound';

/**
 * Runs a change in a savepoint, so the database's refusal of an answered question (see the migration
 * 20261123175000) comes back as 'locked' and the rest of the request's transaction stays usable.
 */
async function unlessAnswered(tx: Tx, work: () => Promise<boolean>): Promise<EditOutcome> {
  await sql`savepoint question_change`.execute(tx);
  try {
    const found = await work();
    await sql`release savepoint question_change`.execute(tx);
    return found ? 'saved' : 'notFound';
  } catch (error) {
    await sql`rollback to savepoint question_change`.execute(tx);
    if ((error as { code?: string }).code === QUESTION_ANSWERED) return 'locked';
    throw error;
  }
}

export interface QuestionnaireDetails {
  titleNl: string;
  titleEn: string;
  titleAr: string;
  introNl: string;
  introEn: string;
  introAr: string;
  repeatMonths: number | null;
}

/** Title, introduction and how often it repeats; RLS lets only the questionnaire's managers. */
export async function updateQuestionnaireDetails(tx: Tx, questionnaireId: string, input: QuestionnaireDetails) {
  const result = await tx
    .updateTable('questionnaires')
    .set({
      title_nl: input.titleNl,
      title_en: input.titleEn,
      title_ar: input.titleAr,
      intro_nl: input.introNl,
      intro_en: input.introEn,
      intro_ar: input.introAr,
      repeat_months: input.repeatMonths,
    })
    .where('id', '=', questionnaireId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ids of the questionnaire's questions that somebody has answered (their wording is fixed). */
export async function answeredQuestionIds(tx: Tx, questionnaireId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('questionnaire_questions')
    .select('id')
    .where('questionnaire_id', '=', questionnaireId)
    .where(sql<boolean>`private.question_has_answers(id)`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * One question of a questionnaire already loaded (with its choices), for the edit page: its number and
 * whether anybody answered it; null when it is not this questionnaire's.
 */
export async function questionForEdit(tx: Tx, questionnaire: QuestionnaireDetail, questionId: string) {
  const index = questionnaire.questions.findIndex((q) => q.id === questionId);
  if (index < 0) return null;
  const { rows } = await sql<{ answered: boolean }>`
    select private.question_has_answers(${questionId}) as answered`.execute(tx);
  return { ...questionnaire.questions[index]!, answered: rows[0]!.answered, number: index + 1 };
}

/** The form's values for a saved question: the same names as the add-question form. */
export function questionFormValues(q: Question): NewQuestion {
  const join = (lang: 'nl' | 'en' | 'ar') => q.options.map((o) => o[`label_${lang}`]).join('\n');
  return {
    indicator: q.indicator_code,
    kind: q.kind,
    textNl: q.text_nl,
    textEn: q.text_en,
    textAr: q.text_ar,
    lowNl: q.scale_low_nl,
    lowEn: q.scale_low_en,
    lowAr: q.scale_low_ar,
    highNl: q.scale_high_nl,
    highEn: q.scale_high_en,
    highAr: q.scale_high_ar,
    optionsNl: join('nl'),
    optionsEn: join('en'),
    optionsAr: join('ar'),
  };
}

/** Rows for a question's choices, one per Dutch line; the other languages by the same line. */
function optionRows(questionId: string, q: NewQuestion) {
  if (q.kind !== 'single' && q.kind !== 'multiple') return [];
  const [nl, en, ar] = [lines(q.optionsNl), lines(q.optionsEn), lines(q.optionsAr)];
  return nl.map((label, i) => ({
    question_id: questionId,
    position: i + 1,
    label_nl: label,
    label_en: en[i] ?? '',
    label_ar: ar[i] ?? '',
  }));
}

/**
 * Rewrites a question's texts, indicator, kind, scale ends and choices. Refused ('locked') by the
 * database once the question has answers; 'notFound' when it is not the person's to change.
 */
export function updateQuestion(tx: Tx, questionnaireId: string, questionId: string, q: NewQuestion) {
  const scale = q.kind === 'scale';
  return unlessAnswered(tx, async () => {
    const result = await tx
      .updateTable('questionnaire_questions')
      .set({
        indicator_code: q.indicator,
        kind: q.kind,
        text_nl: q.textNl,
        text_en: q.textEn,
        text_ar: q.textAr,
        scale_low_nl: scale ? q.lowNl : '',
        scale_low_en: scale ? q.lowEn : '',
        scale_low_ar: scale ? q.lowAr : '',
        scale_high_nl: scale ? q.highNl : '',
        scale_high_en: scale ? q.highEn : '',
        scale_high_ar: scale ? q.highAr : '',
      })
      .where('id', '=', questionId)
      .where('questionnaire_id', '=', questionnaireId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    // No answers point at these choices (the trigger made sure), so they can simply be replaced.
    await tx.deleteFrom('questionnaire_options').where('question_id', '=', questionId).execute();
    const rows = optionRows(questionId, q);
    if (rows.length) await tx.insertInto('questionnaire_options').values(rows).execute();
    return true;
  });
}

/** Removes a question without answers; an answered one stays ('locked'). */
export function deleteQuestion(tx: Tx, questionnaireId: string, questionId: string) {
  return unlessAnswered(tx, async () => {
    const result = await tx
      .deleteFrom('questionnaire_questions')
      .where('id', '=', questionId)
      .where('questionnaire_id', '=', questionnaireId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

/**
 * Swaps a question with its neighbour above or below. Allowed for answered questions too: the order
 * changes no question's meaning. Returns false when there is nothing to swap with (or no right to).
 */
export async function moveQuestion(
  tx: Tx,
  questionnaireId: string,
  questionId: string,
  direction: 'up' | 'down',
): Promise<boolean> {
  const questions = await tx
    .selectFrom('questionnaire_questions')
    .select(['id', 'position'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('position')
    .execute();
  const index = questions.findIndex((q) => q.id === questionId);
  const other = questions[direction === 'up' ? index - 1 : index + 1];
  const self = questions[index];
  if (!self || !other) return false;
  // (questionnaire, position) is unique and not deferrable: park one question past the end first.
  const parked = Math.max(...questions.map((q) => q.position)) + 1;
  const place = (id: string, position: number) =>
    tx.updateTable('questionnaire_questions').set({ position }).where('id', '=', id).executeTakeFirst();
  const first = await place(self.id, parked);
  if (Number(first.numUpdatedRows) === 0) return false;
  await place(other.id, self.position);
  await place(self.id, other.position);
  return true;
}
