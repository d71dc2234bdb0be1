import * as z from 'zod';
import { cleanText, hasControlCharacters, searchWords } from './text';
import { isCalendarDate, isLocalDateTime, isMonth, parseInteger, TIME_OF_DAY } from './values';

/**
 * The zod fields every form schema is built from. Server-only (like the schemas): zod stays out of the
 * browser, and the rules themselves (what a date, a number, a text is) live in text.ts and values.ts.
 */

/** Typed text of any length: cleaned, and refused when it holds control characters. */
export const typedText = () =>
  z
    .string()
    .overwrite(cleanText)
    .refine((value) => !hasControlCharacters(value), 'errors.controlCharacters');

/** A text field that must be filled in. */
export const requiredText = (max: number, tooLong = 'errors.tooLong') =>
  typedText().min(1, 'errors.required').max(max, tooLong);

/** A text field that may be left empty (or be missing from the form): then ''. */
export const optionalText = (max: number, tooLong = 'errors.tooLong') => typedText().max(max, tooLong).default('');

/** Search words from a query string (see searchWords): never refused. */
export const searchText = (max: number) =>
  z
    .string()
    .catch('')
    .default('')
    .transform((value) => searchWords(value, max));

const filled = () => z.string().trim().min(1, 'errors.required');
/** A field that may stay empty (or be missing): then null; otherwise `accepts` must hold. */
const emptyOr = (accepts: (value: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || accepts(value), message)
    .transform((value) => value || null);

export const calendarDate = (message: string) => filled().refine(isCalendarDate, message);
export const optionalCalendarDate = (message: string) => emptyOr(isCalendarDate, message);
export const month = (message: string) => filled().refine(isMonth, message);
export const optionalLocalDateTime = (message: string) => emptyOr(isLocalDateTime, message);
export const timeOfDay = (message: string) => filled().regex(TIME_OF_DAY, message);

export const integer = (min: number, max: number, message: string) =>
  filled()
    .refine((text) => parseInteger(text, min, max) !== null, message)
    .transform((text) => parseInteger(text, min, max)!);

export const optionalInteger = (min: number, max: number, message: string) =>
  emptyOr((text) => parseInteger(text, min, max) !== null, message).transform((text) =>
    text === null ? null : parseInteger(text, min, max)!,
  );

const uuid = z.uuid();
/** For repeated fields (checkbox groups of people): a value that is no uuid names nobody. */
export const isUuid = (value: unknown): value is string => uuid.safeParse(value).success;

/** A page number from a query string; anything else is the first page. */
export const page = (max: number) => integer(1, max, 'errors.invalid').catch(1);

/**
 * Query-string filters never refuse a page: a value that is missing, malformed or out of range is
 * simply not applied (a stale or hand-edited link still shows something).
 */
export const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
