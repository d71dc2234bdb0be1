import { z } from 'zod';
import type { FieldErrors, FormResult } from '~/ui/forms';
import { ALL_STATUSES, DECISIONS, DOMAINS, INDICATOR_CODES, PROCESS_PARTS } from './framework';

/** Lines of a textarea as a list: one opportunity or golden tip per line. */
const lines = (max: number) =>
  z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(1000, 'errors.tooLong')).max(max, 'advice.errors.tooMany'));

const uuid = z.uuid('advice.errors.invalid');

export const adviceSchema = z.object({
  title: z.string().trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
  insight: z.string().trim().min(1, 'errors.required').max(15000, 'errors.tooLong'),
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
  return { ok: false, errors, values };
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
  body: z.string().trim().min(1, 'errors.required').max(4000, 'errors.tooLong'),
});

export const quoteSchema = z.object({
  memberId: uuid,
  body: z.string().trim().min(1, 'errors.required').max(1000, 'errors.tooLong'),
});

export const responseSchema = z.object({
  municipalityId: uuid,
  decision: z.enum(DECISIONS, 'errors.required'),
  explanation: z.string().trim().max(4000, 'errors.tooLong').default(''),
  plannedAction: z.string().trim().max(4000, 'errors.tooLong').default(''),
  plannedOn: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'advice.errors.invalidDate')
    .transform((v) => (v === '' ? null : v)),
});

export const savedSearchSchema = z.object({
  name: z.string().trim().min(1, 'errors.required').max(80, 'errors.tooLong'),
  query: z.string().max(2000, 'errors.tooLong').default(''),
});

export const indicatorTextSchema = z.object({
  code: z.enum(INDICATOR_CODES as [string, ...string[]]),
  name_nl: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  name_en: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  name_ar: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  description_nl: z.string().trim().max(2000, 'errors.tooLong').default(''),
  description_en: z.string().trim().max(2000, 'errors.tooLong').default(''),
  description_ar: z.string().trim().max(2000, 'errors.tooLong').default(''),
});

export const goalSchema = z.object({ title: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong') });
export const outputSchema = z.object({
  goalId: uuid,
  title: z.string().trim().min(1, 'errors.required').max(100, 'errors.tooLong'),
  description: z.string().trim().max(2000, 'errors.tooLong').default(''),
});
export const coreIndicatorSchema = z.object({
  outputId: uuid,
  description: z.string().trim().min(1, 'errors.required').max(1000, 'errors.tooLong'),
  dataSource: z.string().trim().max(300, 'errors.tooLong').default(''),
});

// The register's filters -----------------------------------------------------------------------------

export const SORTS = ['relevance', 'newest', 'oldest', 'title'] as const;

/** Anything longer is cut: a search of 500 characters already names what someone looks for. */
export const MAX_QUERY_LENGTH = 500;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The register's query string. Never fails: a value that is not valid is ignored, so a hand-edited or
 * stale link still shows a register.
 */
export const registerFiltersSchema = z.object({
  q: z
    .string()
    .catch('')
    .default('')
    // NUL cannot be stored in Postgres text; control characters mean nothing to a search.
    .transform((q) =>
      q
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .trim()
        .slice(0, MAX_QUERY_LENGTH),
    ),
  indicator: optional(z.enum(INDICATOR_CODES as [string, ...string[]])),
  domain: optional(z.enum(DOMAINS as [string, ...string[]])),
  region: optional(uuid),
  municipality: optional(uuid),
  pool: optional(uuid),
  part: optional(z.enum(PROCESS_PARTS)),
  status: optional(z.enum(ALL_STATUSES)),
  from: optional(isoDate),
  to: optional(isoDate),
  sort: z.enum(SORTS).catch('relevance').default('relevance'),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type RegisterFilters = z.infer<typeof registerFiltersSchema>;

export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
  return registerFiltersSchema.parse(Object.fromEntries(params));
}

/** The filters as a query string (without the page), for links to CSV, report and saved searches. */
export function filtersToQuery(filters: RegisterFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'page' || value === undefined || value === '' || (key === 'sort' && value === 'relevance')) continue;
    params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
