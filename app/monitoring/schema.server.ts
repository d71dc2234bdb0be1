import * as z from 'zod';
import { DIRECTIONS, SOURCE_KINDS } from '~/db/types';
import { INDICATOR_CODES } from '~/indicators/framework';
import { optionalText, requiredText } from '~/input/fields.server';
import { FIRST_YEAR, LAST_YEAR, parseNumber, parsePeriod } from './periods';

const uuid = z.uuid('monitoring.errors.invalid');

/** A period as people write it (`2025`, `2025-Q2`, `2025-03`). */
const period = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(40, 'monitoring.errors.period')
  .refine((text) => parsePeriod(text) !== null, 'monitoring.errors.period')
  .transform((text) => parsePeriod(text)!);

/** A figure or target as people write it (`12,5`, `-3`); no `NaN`, `1e309` or thousands separators. */
const amount = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(40, 'monitoring.errors.value')
  .refine((text) => parseNumber(text) !== null, 'monitoring.errors.value')
  .transform((text) => parseNumber(text)!);

/** The year a target should be met. */
const dueYear = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .refine(
    (text) => /^\d{4}$/.test(text) && Number(text) >= FIRST_YEAR && Number(text) <= LAST_YEAR,
    'monitoring.errors.dueYear',
  )
  .transform(Number);

/** A value typed in by hand for one core indicator and period. */
export const valueSchema = z.object({
  coreIndicatorId: uuid,
  period,
  value: amount,
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

/** How a core indicator is measured: which way is better, and its unit. */
export const measureSchema = z.object({
  coreIndicatorId: uuid,
  direction: z.enum(DIRECTIONS, 'monitoring.errors.direction'),
  unit: optionalText(20),
  // Empty: compared with nothing. A measure that does not exist is refused by its foreign key (a 400).
  benchmarkMeasureId: z
    .union([z.literal(''), z.uuid('monitoring.errors.benchmarkMeasure')])
    .optional()
    .transform((v) => v || null),
});

/** A target (streefwaarde) and the year it should be met; the same year again replaces it. */
export const targetSchema = z.object({
  coreIndicatorId: uuid,
  dueYear,
  value: amount,
});
export type MeasureInput = z.infer<typeof measureSchema>;
export type TargetInput = z.infer<typeof targetSchema>;

export const removeTargetSchema = z.object({ targetId: uuid });

/** A data source on the municipality's list. */
export const sourceSchema = z.object({
  name: requiredText(300),
  kind: z.enum(SOURCE_KINDS, 'monitoring.errors.sourceKind'),
});

export const removeSourceSchema = z.object({ sourceId: uuid });

/** Which source of the list a core indicator's figures come from; '' for none. */
export const coreSourceSchema = z.object({
  coreIndicatorId: uuid,
  sourceId: z.union([z.literal(''), uuid]),
});

/** A measure many municipalities share (admins). */
export const benchmarkMeasureSchema = z.object({
  name: requiredText(300),
  unit: optionalText(20),
  direction: z.enum(DIRECTIONS, 'monitoring.errors.direction'),
});
export type BenchmarkMeasureInput = z.infer<typeof benchmarkMeasureSchema>;

/** Which measure an uploaded benchmark file is for. */
export const benchmarkImportSchema = z.object({ measureId: z.uuid('monitoring.errors.benchmarkMeasure') });

/** At most this many values in a breakdown dimension (the database checks the same). */
const MAX_BREAKDOWN_VALUES = 20;

/** A dimension's values, typed one per line: trimmed, each once, at most 20 of at most 100 characters. */
const breakdownValues = optionalText(2500)
  .transform((text) => [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ])
  .refine((values) => values.length <= MAX_BREAKDOWN_VALUES, 'monitoring.errors.breakdownValuesTooMany')
  .refine((values) => values.every((v) => v.length <= 100), 'monitoring.errors.breakdownValueTooLong')
  // The import matches values whatever their case: "B1" and "b1" in one dimension could not be told apart.
  .refine(
    (values) => new Set(values.map((v) => v.toLowerCase())).size === values.length,
    'monitoring.errors.breakdownValuesTwice',
  );

/**
 * A management indicator under a core indicator, optionally with its first breakdown dimension: the
 * values need the dimension's name, and each is 1–100 characters and named once.
 */
export const managementSchema = z
  .object({
    coreIndicatorId: uuid,
    name: requiredText(300),
    sourceId: z.union([z.literal(''), uuid]).transform((v) => v || null),
    unit: optionalText(20),
    direction: z.enum(DIRECTIONS, 'monitoring.errors.direction'),
    breakdown: optionalText(100),
    breakdownValues,
  })
  .refine((input) => input.breakdown !== '' || input.breakdownValues.length === 0, {
    path: ['breakdown'],
    message: 'monitoring.errors.breakdownNameMissing',
  });
export type ManagementInput = z.infer<typeof managementSchema>;

/** Another breakdown dimension of a management indicator: its name and at least one value. */
export const managementDimensionSchema = z.object({
  managementIndicatorId: uuid,
  name: requiredText(100),
  values: breakdownValues.refine((values) => values.length > 0, 'monitoring.errors.breakdownValuesMissing'),
});
export type ManagementDimensionInput = z.infer<typeof managementDimensionSchema>;

export const removeManagementSchema = z.object({ managementIndicatorId: uuid });
export const removeDimensionSchema = z.object({ dimensionId: uuid });

/** A target for a management indicator (as for a core indicator). */
export const managementTargetSchema = z.object({ managementIndicatorId: uuid, dueYear, value: amount });
export type ManagementTargetInput = z.infer<typeof managementTargetSchema>;

/**
 * What a figure is for, as the form's choice sends it: '' (the total) or `<dimension id>:<value>`
 * (an id has no colon, a value may).
 */
const breakdownChoice = optionalText(140).transform((text, ctx) => {
  if (text === '') return { dimensionId: null, value: '' };
  const at = text.indexOf(':');
  const dimensionId = text.slice(0, at);
  const value = text.slice(at + 1);
  if (at < 0 || !z.uuid().safeParse(dimensionId).success || value === '' || value.length > 100) {
    ctx.addIssue({ code: 'custom', message: 'monitoring.errors.breakdownValue' });
    return z.NEVER;
  }
  return { dimensionId: dimensionId as string | null, value };
});

/** A figure of a management indicator for a period: its total, or one value of one of its dimensions. */
export const managementValueSchema = z.object({
  managementIndicatorId: uuid,
  period,
  breakdown: breakdownChoice,
  value: amount,
  note: optionalText(500),
});
export type ManagementValueInput = z.infer<typeof managementValueSchema>;

/**
 * Where a size class starts, in inhabitants: a whole number 0–100,000,000, thousands may be grouped
 * with points or spaces as people write them ("20.000", "20 000").
 */
const inhabitants = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .refine((text) => /^\d{1,9}$|^\d{1,3}([. \u00a0\u202f]\d{3}){1,2}$/.test(text), 'monitoring.sizeClasses.errors.whole')
  .transform((text) => Number(text.replace(/\D/g, '')))
  .refine((value) => value <= 100_000_000, 'monitoring.sizeClasses.errors.range');
export const sizeClassSchema = z.object({ id: uuid.optional(), minInhabitants: inhabitants });
export const removeSizeClassSchema = z.object({ id: uuid });

/** The period a monitoring report shows the state at the end of (`?period=2025`, `2025-Q2`, `2025-03`). */
export const reportSchema = z.object({ period });
