import { TZDate } from '@date-fns/tz';
import { addWeeks, format } from 'date-fns';
import { isMonth } from '~/input/values';

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which a wall clock in `zone` shows `date` (yyyy-MM-dd) and `time` (HH:mm).
 * TZDate resolves the zone's offset for that very day, so summer and winter time both come out right.
 */
export function wallClockToInstant(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, zone).getTime());
}

/** The wall-clock date and time an instant has in `zone`, as form values. */
export function instantToWallClock(instant: Date | string, zone: string): { date: string; time: string } {
  const local = new TZDate(new Date(instant).getTime(), zone);
  return { date: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') };
}

/**
 * Weekly occurrences from a first start: arithmetic on a zoned date keeps the wall-clock time, so a
 * 19:00 session stays at 19:00 after the clocks change (its UTC instant moves by an hour instead).
 */
export function weeklyStarts(first: Date, count: number, zone: string): Date[] {
  const zoned = new TZDate(first.getTime(), zone);
  return Array.from({ length: count }, (_, week) => new Date(addWeeks(zoned, week).getTime()));
}

/** The calendar month (yyyy-MM) an instant falls in for the viewer. */
export function monthOf(instant: Date | string, zone: string): string {
  return instantToWallClock(instant, zone).date.slice(0, 7);
}

/** True when two time ranges overlap (touching ends do not count as a clash). */
export function overlaps(a: { starts_at: string | Date; ends_at: string | Date }, b: typeof a): boolean {
  return new Date(a.starts_at) < new Date(b.ends_at) && new Date(b.starts_at) < new Date(a.ends_at);
}

/** A calendar date (yyyy-MM-dd) plus some days, as a calendar date. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The calendar dates of a month grid (yyyy-MM), whole weeks from Monday to Sunday, and the month's
 * bounds as instants in `zone` for the query.
 */
export function monthGrid(month: string, zone: string): { days: string[]; from: Date; to: Date } {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  const first = `${month}-01`;
  const next = addDaysToDate(first, 32).slice(0, 7) + '-01';
  const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const start = addDaysToDate(first, -weekday(first));
  const lastDay = addDaysToDate(next, -1);
  const end = addDaysToDate(lastDay, 6 - weekday(lastDay));
  // Four to six whole weeks, counted rather than walked to, so no month can make this loop long.
  const count = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  const days = Array.from({ length: count }, (_, offset) => addDaysToDate(start, offset));
  return { days, from: wallClockToInstant(first, '00:00', zone), to: wallClockToInstant(next, '00:00', zone) };
}
