import { TZDate } from '@date-fns/tz';
import { format, type Locale as DateLocale } from 'date-fns';
import { arSA, enUS, nl } from 'date-fns/locale';
import type { Locale } from './locales';

/**
 * Dates, times and numbers as the reader reads them: one home, so every page writes them alike.
 * Arabic pages keep Western digits, like the figures people type and the rest of the page.
 */
function intlLocale(locale: string): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}

/** Where the app's people live: dates without a known zone are read on the Dutch calendar. */
export const HOME_TIME_ZONE = 'Europe/Amsterdam';

/** A date in the viewer's language, as people in the Netherlands read the calendar. */
export function formatDate(
  value: string | Date | null | undefined,
  locale: string,
  dateStyle: 'medium' | 'long' = 'medium',
): string {
  if (!value) return '';
  // A bare calendar date is that day on any clock: noon UTC is that day in Amsterdam too.
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return date.toLocaleDateString(intlLocale(locale), { timeZone: HOME_TIME_ZONE, dateStyle });
}

/** A moment (date and time of day) in the viewer's language, on the Dutch clock. */
export function formatDateTime(value: string | Date, locale: string): string {
  return new Date(value).toLocaleString(intlLocale(locale), {
    timeZone: HOME_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** A calendar month ("mrt 2027") from its first day (yyyy-MM-dd). */
export function formatMonth(firstDay: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${firstDay}T00:00:00Z`),
  );
}

/** A measured figure, with as many decimals as it has (up to six). */
export function formatNumber(value: number, locale: string): string {
  return value.toLocaleString(intlLocale(locale), { maximumFractionDigits: 6 });
}

/** A mean score (1–5 and the like): always two decimals, with the reader's decimal sign ("2,96"). */
export function formatScore(value: number, locale: string): string {
  return value.toLocaleString(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const DATE_LOCALES: Record<Locale, DateLocale> = { nl, en: enUS, ar: arSA };

export type TimeStyle = 'full' | 'date' | 'time' | 'day' | 'weekday' | 'month';

const PATTERNS: Record<TimeStyle, string> = {
  full: 'EEEE d MMMM yyyy, HH:mm',
  date: 'EEEE d MMMM yyyy',
  time: 'HH:mm',
  day: 'd',
  weekday: 'EEEE',
  month: 'MMMM yyyy',
};

/** An instant as the viewer reads it: in their zone and their language. */
export function formatInZone(instant: Date | string, zone: string, locale: Locale, style: TimeStyle = 'full'): string {
  return format(new TZDate(new Date(instant).getTime(), zone), PATTERNS[style], { locale: DATE_LOCALES[locale] });
}

/** "dinsdag 20 oktober 2026, 19:00 – 21:00", or both full stamps when the end is on another day. */
export function formatRange(start: Date | string, end: Date | string, zone: string, locale: Locale): string {
  const day = (instant: Date | string) => format(new TZDate(new Date(instant).getTime(), zone), 'yyyy-MM-dd');
  const endText = formatInZone(end, zone, locale, day(start) === day(end) ? 'time' : 'full');
  return `${formatInZone(start, zone, locale)} – ${endText}`;
}
