import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => v ?? '');
const date = z.string().trim().min(1, 'errors.required').regex(DATE, 'sessionErrors.date');
const time = z.string().trim().min(1, 'errors.required').regex(TIME, 'sessionErrors.time');
const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= min && v <= max), 'sessionErrors.number');

/** What a session is about and where it happens: the part shared by planning and editing. */
const sessionFields = z.object({
  title: z.string().trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
  purpose: optionalText(2000),
  agenda: optionalText(20000),
  date,
  startTime: time,
  endTime: time,
  onlineUrl: z
    .string()
    .trim()
    .max(500, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), 'sessionErrors.url'),
  location: optionalText(300).transform((v) => v || null),
  languages: optionalText(200).transform((v) =>
    v
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ),
  interpreter: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
  capacity: optionalNumber(1, 1000),
  rsvpDeadline: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || DATE_TIME.test(v), 'sessionErrors.dateTime'),
});

const endAfterStart = (v: { startTime: string; endTime: string }) => v.endTime > v.startTime;
const END_AFTER_START = { message: 'sessionErrors.endBeforeStart', path: ['endTime'] };

export const planSessionSchema = sessionFields
  .extend({
    repeat: z.enum(['none', 'weekly', 'dates']).default('none'),
    occurrences: optionalNumber(2, 12),
    // More dates for a series on chosen days, separated by commas or spaces.
    extraDates: optionalText(400).transform((v) => v.split(/[\s,]+/).filter(Boolean)),
    invite: z.enum(['all', 'selected']).default('all'),
  })
  .refine(endAfterStart, END_AFTER_START)
  .refine((v) => v.repeat !== 'weekly' || v.occurrences !== null, {
    message: 'sessionErrors.occurrences',
    path: ['occurrences'],
  })
  .refine((v) => v.repeat !== 'dates' || (v.extraDates.length > 0 && v.extraDates.every((d) => DATE.test(d))), {
    message: 'sessionErrors.extraDates',
    path: ['extraDates'],
  });

export const editSessionSchema = sessionFields
  .extend({
    version: z.coerce.number().int().min(1),
    scope: z.enum(['this', 'following']).default('this'),
    notes: optionalText(20000),
    // Told to every invitee when the session moves.
    reason: optionalText(1000),
  })
  .refine(endAfterStart, END_AFTER_START);

export const answerSchema = z.object({
  answer: z.enum(['yes', 'maybe', 'no']),
  reason: optionalText(500),
});

export const cancelSchema = z.object({
  reason: z.string().trim().min(1, 'sessionErrors.reasonRequired').max(1000, 'errors.tooLong'),
});

export type PlanSessionInput = z.infer<typeof planSessionSchema>;
export type EditSessionInput = z.infer<typeof editSessionSchema>;

/**
 * The attendance form: one row per invitee (hidden `invitee`), a checkbox `attended:<id>` and an
 * optional allowance in euros `allowance:<id>` ("12,50" or "12.50"); unreadable amounts count as none.
 */
export function parseAttendance(formData: FormData) {
  return formData
    .getAll('invitee')
    .filter((id): id is string => typeof id === 'string' && z.uuid().safeParse(id).success)
    .map((userId) => {
      const raw = String(formData.get(`allowance:${userId}`) ?? '').trim();
      const euros = Number(raw.replace(',', '.'));
      return {
        userId,
        attended: formData.get(`attended:${userId}`) === 'on',
        allowanceCents: raw && Number.isFinite(euros) && euros >= 0 && euros <= 1000 ? Math.round(euros * 100) : null,
      };
    });
}
