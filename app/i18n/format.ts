import { intlLocale as intlOf, isLocale, type Locale } from './locales';

/**
 * Dates, times and numbers as the reader reads them: one home, so every page writes them alike.
 * Each language's Intl locale (digits, calendar) is set beside it in locales.ts.
 */
function intlLocale(locale: string): string {
  return isLocale(locale) ? intlOf(locale) : locale;
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

export type TimeStyle = 'full' | 'date' | 'time' | 'day' | 'weekday' | 'month';

type Parts = Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string>;

/**
 * Intl rather than date-fns: the browser already holds the zones and the names of days and months,
 * where date-fns's formatter, its three locales and @date-fns/tz were 10 KB gzipped on every page that
 * shows a time. The text is the same as date-fns's `EEEE d MMMM yyyy, HH:mm` in nl, en and ar
 * (tests/unit/format.test.ts compares them). One formatter per language and zone, made once.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function partsInZone(instant: Date | string, zone: string, locale: Locale): Parts {
  const key = `${locale} ${zone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return Object.fromEntries(
    formatter.formatToParts(new Date(instant)).map(({ type, value }) => [type, value]),
  ) as Parts;
}

const STYLES: Record<TimeStyle, (p: Parts) => string> = {
  full: (p) => `${STYLES.date(p)}, ${STYLES.time(p)}`,
  date: (p) => `${p.weekday} ${p.day} ${p.month} ${p.year}`,
  time: (p) => `${p.hour}:${p.minute}`,
  day: (p) => p.day,
  weekday: (p) => p.weekday,
  month: (p) => `${p.month} ${p.year}`,
};

/** An instant as the viewer reads it: in their zone and their language. */
export function formatInZone(instant: Date | string, zone: string, locale: Locale, style: TimeStyle = 'full'): string {
  return STYLES[style](partsInZone(instant, zone, locale));
}

/** "dinsdag 20 oktober 2026, 19:00 – 21:00", or both full stamps when the end is on another day. */
export function formatRange(start: Date | string, end: Date | string, zone: string, locale: Locale): string {
  const [from, to] = [partsInZone(start, zone, locale), partsInZone(end, zone, locale)];
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day;
  return `${STYLES.full(from)} – ${sameDay ? STYLES.time(to) : STYLES.full(to)}`;
}
