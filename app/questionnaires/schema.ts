import { z } from 'zod';
import { QUESTION_KINDS } from '~/db/types/questionnaires';

const text = (max: number) => z.string().trim().min(1, 'errors.required').max(max, 'errors.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'errors.tooLong').default('');

export const createQuestionnaireSchema = z.object({
  owner: z.string().regex(/^(pool|organisation):[0-9a-f-]{36}$/, 'errors.required'),
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
    indicator: z.string().regex(/^[a-z_]+$/, 'errors.required'),
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

/** A day as the date input sends it (YYYY-MM-DD), and a real calendar day. */
const day = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'questionnaires.errors.date')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'questionnaires.errors.date',
    },
  );
const optionalDay = z
  .union([z.literal('').transform(() => null), day])
  .default('')
  .transform((v) => v || null);

const waveDates = {
  opensOn: day,
  closesOn: optionalDay,
};
function endNotBeforeStart(v: { opensOn: string; closesOn: string | null }, ctx: z.RefinementCtx) {
  if (v.closesOn && v.closesOn < v.opensOn) {
    ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'questionnaires.errors.closesBeforeOpens' });
  }
}

export const createWaveSchema = z
  .object({ name: text(80), mode: z.enum(['anonymous', 'account']), ...waveDates })
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
  repeatMonths: z
    .string()
    .default('')
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 24), {
      message: 'questionnaires.errors.repeat',
    }),
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
  wave: z.uuid().optional().catch(undefined),
  region: z.uuid().optional().catch(undefined),
  municipality: z.uuid().optional().catch(undefined),
});
export type ResultFilters = z.infer<typeof resultFiltersSchema>;
