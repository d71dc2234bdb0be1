import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from 'date-fns';

/** How long a wave stays open when nothing earlier says otherwise. */
const DEFAULT_WAVE_DAYS = 28;
export const REPEAT_CHOICES = [3, 4, 6, 12] as const;

/** Today's date in the Netherlands (the questionnaires' calendar), as YYYY-MM-DD. */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

const iso = (date: Date) => format(date, 'yyyy-MM-dd');

export interface WaveDates {
  opens_on: string;
  closes_on: string | null;
}

export interface NextWave {
  /** The suggested dates for the new wave's form. */
  opensOn: string;
  closesOn: string;
  /** When the next wave is due by the questionnaire's rhythm; null without a rhythm or an earlier wave. */
  dueOn: string | null;
}

/**
 * Suggests the next wave's dates: the repeat interval after the latest wave opened (never in the past),
 * open as many days as that wave was (four weeks when it had no end). Without a rhythm: from today.
 */
export function suggestNextWave(waves: WaveDates[], repeatMonths: number | null, today: string): NextWave {
  const latest = [...waves].sort((a, b) => a.opens_on.localeCompare(b.opens_on)).at(-1);
  const days =
    latest?.closes_on != null
      ? Math.max(1, differenceInCalendarDays(parseISO(latest.closes_on), parseISO(latest.opens_on)))
      : DEFAULT_WAVE_DAYS;
  const dueOn = latest && repeatMonths ? iso(addMonths(parseISO(latest.opens_on), repeatMonths)) : null;
  const opensOn = dueOn && dueOn > today ? dueOn : today;
  return { opensOn, closesOn: iso(addDays(parseISO(opensOn), days)), dueOn };
}
