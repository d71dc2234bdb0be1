import { z } from 'zod';
import { INDICATOR_CODES } from '~/indicators/framework';
import { optionalText } from '~/input/text';
import { parseNumber, parsePeriod } from './periods';

const uuid = z.uuid('monitoring.errors.invalid');

/** A value typed in by hand for one core indicator and period. */
export const valueSchema = z.object({
  coreIndicatorId: uuid,
  period: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .max(40, 'monitoring.errors.period')
    .refine((text) => parsePeriod(text) !== null, 'monitoring.errors.period')
    .transform((text) => parsePeriod(text)!),
  value: z
    .string()
    .trim()
    .min(1, 'errors.required')
    .max(40, 'monitoring.errors.value')
    .refine((text) => parseNumber(text) !== null, 'monitoring.errors.value')
    .transform((text) => parseNumber(text)!),
  unit: optionalText(20),
  note: optionalText(500),
});
export type ValueInput = z.infer<typeof valueSchema>;

export const removeValueSchema = z.object({ valueId: uuid });

/** Which of the 14 indicators a core indicator follows (checkbox group, read with getAll). */
export const linkSchema = z.object({
  coreIndicatorId: uuid,
  indicators: z.array(z.enum(INDICATOR_CODES as [string, ...string[]], 'monitoring.errors.invalid')).max(14),
});
