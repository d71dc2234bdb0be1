import * as z from 'zod';
import { PROCESS_PARTS, SIGNAL_CHANNELS } from '~/db/types';
import { LOCALES } from '~/i18n/locales';
import { calendarDate, typedText } from '~/input/fields.server';
import { SIGNAL_BODY_MAX } from './limits';
import { toPlainText } from './plain-text';

const plainText = (max: number) =>
  typedText().transform(toPlainText).pipe(z.string().min(1, 'errors.required').max(max, 'errors.tooLong'));

const optionalPlain = (max: number) =>
  typedText()
    .default('')
    .transform(toPlainText)
    .pipe(z.string().max(max, 'errors.tooLong'))
    .transform((value) => value || null);

const optionalId = z
  .string()
  .optional()
  .transform((value) => value || null)
  .pipe(z.uuid('errors.required').nullable());

const optionalEmail = z
  .string()
  .optional()
  .transform((value) => value?.trim().toLowerCase() || null)
  .pipe(z.email('errors.email').max(254, 'errors.tooLong').nullable());

const optionalPhone = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null)
  .pipe(
    z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'ask.errors.phone')
      .nullable(),
  );

const bodyField = plainText(SIGNAL_BODY_MAX).pipe(z.string().min(5, 'ask.errors.bodyTooShort'));

/** The public "Ask us" form. `website` is the honeypot: people never see it, bots fill it in. */
export const publicSignalSchema = z.object({
  body: bodyField,
  language: z.enum(LOCALES).default('nl'),
  municipalityId: optionalId,
  name: optionalPlain(80),
  email: optionalEmail,
  phone: optionalPhone,
  website: z.string().optional(),
});

/**
 * The reference code someone was given after asking (EP-7K3M9Q), as they might type it: any case,
 * with spaces or without the "EP-".
 */
export const askedReferenceSchema = z.object({
  reference: typedText()
    .max(40, 'ask.status.errors.format')
    .default('')
    .transform((value) => value.toUpperCase().replace(/[\s-]/g, '').replace(/^EP/, ''))
    .pipe(
      z
        .string()
        .min(1, 'errors.required')
        .regex(/^[A-Z0-9]{6,10}$/, 'ask.status.errors.format'),
    )
    .transform((code) => `EP-${code}`),
});

/** A signal logged by a member or coordinator from a conversation, research or a session. */
export const logSignalSchema = z.object({
  body: bodyField,
  channel: z.enum(SIGNAL_CHANNELS.filter((c) => c !== 'public_form' && c !== 'questionnaire') as [string, ...string[]]),
  receivedOn: calendarDate('errors.date'),
  municipalityId: optionalId,
  language: z.string().regex(/^[a-z]{2,3}$/, 'errors.required'),
  email: optionalEmail,
  phone: optionalPhone,
});

export const answerSchema = z.object({ answer: plainText(4000) });
export const mergeSchema = z.object({
  target: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^EP-[A-Z0-9]{6,10}$/, 'signals.errors.reference'),
});
export const linkSchema = z.object({ adviceId: z.uuid('errors.required') });

/** Indicator and process-part checkboxes arrive as repeated form fields. */
export function readTags(formData: FormData, indicatorCodes: Set<string>) {
  const indicators = formData
    .getAll('indicator')
    .map(String)
    .filter((code) => indicatorCodes.has(code));
  const parts = formData
    .getAll('part')
    .map(String)
    .filter((part): part is (typeof PROCESS_PARTS)[number] => (PROCESS_PARTS as readonly string[]).includes(part));
  return { indicators: [...new Set(indicators)], parts: [...new Set(parts)] };
}

export const keywordSchema = z.object({
  indicator: z.string().regex(/^[a-z_]{1,40}$/, 'errors.required'),
  language: z.enum(LOCALES),
  keyword: typedText()
    .transform((v) => toPlainText(v).toLowerCase().replace(/\s+/g, ' '))
    .pipe(z.string().min(2, 'errors.required').max(60, 'errors.tooLong')),
});
