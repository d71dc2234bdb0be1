import { z } from 'zod';
import { INDICATOR_CODES } from '~/advice/framework';
import { parseNumber, parsePeriod } from './periods';

const uuid = z.uuid('monitoring.errors.invalid');

/** A value typed in by hand for one core indicator and period. */
export const valueSchema = z.object({
  coreIndicatorId: uuid,
  period: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .refine((text) => parsePeriod(text) !== null, 'monitoring.errors.period')
    .transform((text) => parsePeriod(text)!),
  value: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .refine((text) => parseNumber(text) !== null, 'monitoring.errors.value')
    .transform((text) => parseNumber(text)!),
  unit: z.string().trim().max(20, 'errors.tooLong').default(''),
  note: z.string().trim().max(500, 'errors.tooLong').default(''),
});
export type ValueInput = z.infer<typeof valueSchema>;

export const removeValueSchema = z.object({ valueId: uuid });

/** Which of the 14 indicators a core indicator follows (checkbox group, read with getAll). */
export const linkSchema = z.object({
  coreIndicatorId: uuid,
  indicators: z.array(z.enum(INDICATOR_CODES as [string, ...string[]], 'monitoring.errors.invalid')).max(14),
});
