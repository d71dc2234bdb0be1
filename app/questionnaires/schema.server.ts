import * as z from 'zod';
import { QUESTION_KINDS, type QuestionKind } from '~/db/types';
import {
  calendarDate,
  integer,
  isUuid,
  lenient,
  optionalCalendarDate,
  optionalInteger,
  optionalText,
  requiredText as text,
  typedText,
} from '~/input/fields.server';

export const createQuestionnaireSchema = z.object({
  owner: z
    .string()
    .refine((v) => /^(pool|organisation):/.test(v) && isUuid(v.slice(v.indexOf(':') + 1)), 'errors.required'),
  titleNl: text(200),
  titleEn: optionalText(200),
  titleAr: optionalText(200),
  introNl: optionalText(2000),
  introEn: optionalText(2000),
  introAr: optionalText(2000),
});

/** One question; choice options are given one per line, the same number of lines in each language. */
export const addQuestionSchema = z
  .object({
    indicator: z.string().regex(/^[a-z_]{1,40}$/, 'errors.required'),
    kind: z.enum(QUESTION_KINDS),
    textNl: text(500),
    textEn: optionalText(500),
    textAr: optionalText(500),
    lowNl: optionalText(80),
    lowEn: optionalText(80),
    lowAr: optionalText(80),
    highNl: optionalText(80),
    highEn: optionalText(80),
    highAr: optionalText(80),
    optionsNl: optionalText(2000),
    optionsEn: optionalText(2000),
    optionsAr: optionalText(2000),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'scale' && (!q.lowNl || !q.highNl)) {
      ctx.addIssue({
        code: 'custom',
        path: [q.lowNl ? 'highNl' : 'lowNl'],
        message: 'questionnaires.errors.scaleEnds',
      });
    }
    if (q.kind === 'single' || q.kind === 'multiple') {
      const nl = lines(q.optionsNl);
      if (nl.length < 2)
        ctx.addIssue({ code: 'custom', path: ['optionsNl'], message: 'questionnaires.errors.options' });
      for (const lang of ['optionsEn', 'optionsAr'] as const) {
        const other = lines(q[lang]);
        if (other.length > 0 && other.length !== nl.length) {
          ctx.addIssue({ code: 'custom', path: [lang], message: 'questionnaires.errors.optionsCount' });
        }
      }
    }
  });

export function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

const waveDates = {
  opensOn: calendarDate('questionnaires.errors.date'),
  closesOn: optionalCalendarDate('questionnaires.errors.date'),
};
function endNotBeforeStart(v: { opensOn: string; closesOn: string | null }, ctx: z.RefinementCtx) {
  if (v.closesOn && v.closesOn < v.opensOn) {
    ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'questionnaires.errors.closesBeforeOpens' });
  }
}

export const createWaveSchema = z
  .object({
    name: text(80),
    mode: z.enum(['anonymous', 'account']),
    respondentGroupId: z.uuid('questionnaires.errors.respondentGroup'),
    ...waveDates,
  })
  .superRefine(endNotBeforeStart);

export const waveDatesSchema = z.object({ waveId: z.uuid(), ...waveDates }).superRefine(endNotBeforeStart);

export const waveStatusSchema = z.object({ waveId: z.uuid(), status: z.enum(['open', 'closed']) });

/** Title, introduction and how often the questionnaire is repeated (empty: not repeated). */
export const questionnaireDetailsSchema = z.object({
  titleNl: text(200),
  titleEn: optionalText(200),
  titleAr: optionalText(200),
  introNl: optionalText(2000),
  introEn: optionalText(2000),
  introAr: optionalText(2000),
  repeatMonths: optionalInteger(1, 24, 'questionnaires.errors.repeat'),
});

export const moveQuestionSchema = z.object({ questionId: z.uuid(), direction: z.enum(['up', 'down']) });

export const startSchema = z.object({
  municipalityId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid().nullable()),
});

export const resultFiltersSchema = z.object({
  wave: lenient(z.uuid()),
  region: lenient(z.uuid()),
  municipality: lenient(z.uuid()),
});
export type ResultFilters = z.infer<typeof resultFiltersSchema>;

export interface StepAnswer {
  scale: number | null;
  options: string[] | null;
  text: string | null;
}

/**
 * One screen's answer, read for the kind of question it answers: a scale point 1–5, choices that are
 * the question's own options (one for a single choice), or an open text the database can hold.
 */
export function stepAnswerSchema(question: { kind: QuestionKind; options: { id: string }[] }): z.ZodType<StepAnswer> {
  const choose = 'questionnaires.errors.chooseAnswer';
  const none = { scale: null, options: null, text: null };
  if (question.kind === 'scale') {
    return z.object({ scale: integer(1, 5, choose) }).transform(({ scale }) => ({ ...none, scale }));
  }
  if (question.kind === 'open') {
    return z
      .object({ text: typedText().min(1, 'questionnaires.errors.writeAnswer').max(2000, 'errors.tooLong') })
      .transform(({ text }) => ({ ...none, text }));
  }
  const ids = new Set(question.options.map((o) => o.id));
  return z
    .object({
      option: z
        .array(z.string().refine((id) => ids.has(id), choose))
        .min(1, choose)
        .max(question.kind === 'single' ? 1 : ids.size, choose),
    })
    .transform(({ option }) => ({ ...none, options: [...new Set(option)] }));
}

/** A respondent group an admin adds: its name as people will read it. */
export const respondentGroupSchema = z.object({ name: text(80) });
