import type { z } from 'zod';
import { withoutControlCharacters } from '~/input/text';

/** Field name → i18n key of its error. */
export type FieldErrors = Partial<Record<string, string>>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a submitted form with a zod schema whose messages are i18n keys. On failure it returns
 * the errors and what was typed (never passwords), so the form can show both.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw = textFields(formData);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: typedValues(raw) };
}

function textFields(formData: FormData): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string') raw[key] = value;
  return raw;
}

export function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/**
 * What was typed, to show back in a refused form: never passwords, and without the control
 * characters that may have been the reason (the message by the field says so).
 */
export function typedValues(source: FormData | Record<string, string>): Record<string, string> {
  const values = source instanceof FormData ? textFields(source) : source;
  return Object.fromEntries(
    Object.entries(withoutSecrets(values)).map(([key, value]) => [key, withoutControlCharacters(value)]),
  );
}

/** Like parseForm, for values already gathered from the form (e.g. checkbox groups as arrays). */
export function parseValues<S extends z.ZodType, V extends Record<string, unknown>>(
  schema: S,
  values: V,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors; values: V } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false, errors, values };
}
