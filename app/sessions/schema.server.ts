import * as z from 'zod';
import {
  calendarDate,
  integer,
  isUuid,
  lenient,
  month,
  optionalInteger,
  optionalLocalDateTime,
  optionalText,
  requiredText,
  timeOfDay,
  typedText,
} from '~/input/fields.server';
import { isCalendarDate } from '~/input/values';

export const MAX_CAPACITY = 1000;

const date = calendarDate('sessionErrors.date');
const time = timeOfDay('sessionErrors.time');
const optionalNumber = (min: number, max: number) => optionalInteger(min, max, 'sessionErrors.number');

/** What a session is about and where it happens: the part shared by planning and editing. */
const sessionFields = z.object({
  title: requiredText(200),
  purpose: optionalText(2000),
  agenda: optionalText(20000),
  date,
  startTime: time,
  endTime: time,
  onlineUrl: optionalText(500)
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
  capacity: optionalNumber(1, MAX_CAPACITY),
  rsvpDeadline: optionalLocalDateTime('sessionErrors.dateTime'),
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
  .refine((v) => v.repeat !== 'dates' || (v.extraDates.length > 0 && v.extraDates.every(isCalendarDate)), {
    message: 'sessionErrors.extraDates',
    path: ['extraDates'],
  });

export const editSessionSchema = sessionFields
  .extend({
    version: integer(1, 2_147_483_647, 'sessionErrors.number'),
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

/** The answer link's confirmation: the answer is in the signed link, only the optional reason is typed. */
export const answerLinkSchema = answerSchema.pick({ reason: true });

export const cancelSchema = z.object({
  reason: typedText().min(1, 'sessionErrors.reasonRequired').max(1000, 'errors.tooLong'),
});

export type PlanSessionInput = z.infer<typeof planSessionSchema>;
export type EditSessionInput = z.infer<typeof editSessionSchema>;

/**
 * The attendance form: one row per invitee (hidden `invitee`), a checkbox `attended:<id>` and an
 * optional allowance in euros `allowance:<id>` ("12,50" or "12.50"); unreadable amounts count as none.
 */
export function parseAttendance(formData: FormData) {
  // One row per invitee, and no session has more than its largest capacity: a form repeating an id
  // (or listing thousands) costs no more than a full session does.
  const invitees = [...new Set(formData.getAll('invitee').filter(isUuid))].slice(0, MAX_CAPACITY);
  return invitees.map((userId) => {
    const raw = String(formData.get(`allowance:${userId}`) ?? '').trim();
    const euros = Number(raw.replace(',', '.'));
    return {
      userId,
      attended: formData.get(`attended:${userId}`) === 'on',
      allowanceCents: raw && Number.isFinite(euros) && euros >= 0 && euros <= 1000 ? Math.round(euros * 100) : null,
    };
  });
}

/** The calendar's query string: a month outside the years the app knows shows the current one. */
export const calendarQuerySchema = z.object({
  month: lenient(month('errors.date')),
  /** Left out, the page shows the agenda on a phone and the month grid on a wider screen (by CSS). */
  view: z.enum(['month', 'agenda']).optional().catch(undefined),
});
