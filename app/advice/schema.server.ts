import * as z from 'zod';
import {
  calendarDate,
  lenient,
  optionalCalendarDate,
  optionalText,
  page,
  requiredText,
  searchText,
} from '~/input/fields.server';
import { typedValues, type FieldErrors, type FormResult } from '~/ui/forms';
import { DOMAINS, INDICATOR_CODES } from '~/indicators/framework';
import { PROCESS_PARTS } from '~/db/types';
import { ALL_STATUSES, DECISIONS } from './framework';

/** Lines of a textarea as a list: one opportunity or golden tip per line. */
const lines = (max: number) =>
  optionalText(max * 1001)
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(1000, 'errors.tooLong')).max(max, 'advice.errors.tooMany'));

const uuid = z.uuid('advice.errors.invalid');

export const adviceSchema = z.object({
  title: requiredText(200),
  insight: requiredText(15000),
  opportunities: lines(20).pipe(z.array(z.string()).min(1, 'advice.errors.opportunityRequired')),
  goldenTips: lines(20),
  indicators: z.array(z.enum(INDICATOR_CODES as [string, ...string[]])).min(1, 'advice.errors.indicatorRequired'),
  processPart: z.enum(PROCESS_PARTS, 'errors.required'),
  addressees: z.array(uuid).max(60),
  coreIndicators: z.array(uuid).max(60),
});
export type AdviceInput = z.infer<typeof adviceSchema>;

const MULTI_VALUED = ['indicators', 'addressees', 'coreIndicators'] as const;

/**
 * Like `parseForm`, for forms with checkbox groups: those fields are read with getAll. On failure the
 * typed values come back (lists comma-joined) so the form keeps them.
 */
export function parseAdviceForm(formData: FormData): FormResult<AdviceInput> {
  const values = adviceFormValues(formData);
  const raw: Record<string, unknown> = { ...values };
  for (const key of MULTI_VALUED) raw[key] = formData.getAll(key).filter((v): v is string => typeof v === 'string');
  const result = adviceSchema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false, errors, values: typedValues(values) };
}

/** The advice form as typed, lists comma-joined, to show it again with an error. */
export function adviceFormValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !(MULTI_VALUED as readonly string[]).includes(key)) values[key] = value;
  }
  for (const key of MULTI_VALUED) {
    values[key] = formData
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .join(',');
  }
  return values;
}

export const publishSchema = z.object({ visibility: z.enum(['addressed', 'public']) });

export const commentSchema = z.object({
  body: requiredText(4000),
});

export const quoteSchema = z.object({
  memberId: uuid,
  body: requiredText(1000),
});

export const responseSchema = z.object({
  municipalityId: uuid,
  decision: z.enum(DECISIONS, 'errors.required'),
  explanation: optionalText(4000),
  plannedAction: optionalText(4000),
  plannedOn: optionalCalendarDate('advice.errors.invalidDate'),
});

export const savedSearchSchema = z.object({
  name: requiredText(80),
  query: z.string().max(2000, 'errors.tooLong').default(''),
});

export const goalSchema = z.object({ title: requiredText(300) });
export const outputSchema = z.object({
  goalId: uuid,
  title: requiredText(100),
  description: optionalText(2000),
});
export const coreIndicatorSchema = z.object({
  outputId: uuid,
  description: requiredText(1000),
  dataSource: optionalText(300),
});

// The register's filters -----------------------------------------------------------------------------

export const SORTS = ['relevance', 'newest', 'oldest', 'title'] as const;

/** Anything longer is cut: a search of 500 characters already names what someone looks for. */
export const MAX_QUERY_LENGTH = 500;

const isoDate = calendarDate('errors.date');

/**
 * The register's query string. Never fails: a value that is not valid is ignored, so a hand-edited or
 * stale link still shows a register.
 */
export const registerFiltersSchema = z.object({
  q: searchText(MAX_QUERY_LENGTH),
  indicator: lenient(z.enum(INDICATOR_CODES as [string, ...string[]])),
  domain: lenient(z.enum(DOMAINS as [string, ...string[]])),
  region: lenient(uuid),
  municipality: lenient(uuid),
  pool: lenient(uuid),
  part: lenient(z.enum(PROCESS_PARTS)),
  status: lenient(z.enum(ALL_STATUSES)),
  from: lenient(isoDate),
  to: lenient(isoDate),
  sort: z.enum(SORTS).catch('relevance').default('relevance'),
  page: page(1000),
});
export type RegisterFilters = z.infer<typeof registerFiltersSchema>;

export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
  return registerFiltersSchema.parse(Object.fromEntries(params));
}
