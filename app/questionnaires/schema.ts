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

export const createWaveSchema = z.object({
  name: text(80),
  mode: z.enum(['anonymous', 'account']),
});

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
