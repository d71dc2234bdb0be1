import { intlLocale as intlOf, isLocale, type Locale } from './locales';

/**
 * Dates, times and numbers as the reader reads them: one home, so every page writes them alike.
 * Each language's Intl locale (digits, calendar) is set beside it in locales.ts.
 */
function intlLocale(locale: string): string {
  return isLocale(locale) ? intlOf(locale) : locale;
}

/**
 * Month and day names of languages whose Intl data browsers lack: Chromium has no Tigrinya calendar names,
 * so Tigrinya is formatted as British English (locales.ts) and these names take the English ones' place,
 * on the server and in the browser alike. The Gregorian months as Tigrinya speakers in Eritrea name them;
 * days from Sunday.
 */
const OWN_NAMES: Partial<Record<Locale, { months: readonly string[]; days: readonly string[] }>> = {
  ti: {
    months: ['ጥሪ', 'ለካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት', 'ሰነ', 'ሓምለ', 'ነሓሰ', 'መስከረም', 'ጥቅምቲ', 'ሕዳር', 'ታሕሳስ'],
    days: ['ሰንበት', 'ሰኑይ', 'ሰሉስ', 'ረቡዕ', 'ሓሙስ', 'ዓርቢ', 'ቀዳም'],
  },
};

/** "month December" and "month Dec" → 11, "weekday Sunday" and "weekday Sun" → 0 (British English names). */
const englishNames = new Map<string, number>();
for (const style of ['long', 'short'] as const) {
  for (let month = 0; month < 12; month++) {
    const name = new Intl.DateTimeFormat('en-GB', { month: style, timeZone: 'UTC' }).format(Date.UTC(2026, month, 15));
    englishNames.set(`month ${name}`, month);
  }
  // 1 November 2026 is a Sunday.
  for (let day = 0; day < 7; day++) {
    const name = new Intl.DateTimeFormat('en-GB', { weekday: style, timeZone: 'UTC' }).format(
      Date.UTC(2026, 10, 1 + day),
    );
    englishNames.set(`weekday ${name}`, day);
  }
}

/** The parts' text, with the language's own month and day names where it has them. */
function ownNames(parts: Intl.DateTimeFormatPart[], locale: string): Intl.DateTimeFormatPart[] {
  const own = isLocale(locale) ? OWN_NAMES[locale] : undefined;
  if (!own) return parts;
  return parts.map((part) => {
    if (part.type !== 'month' && part.type !== 'weekday') return part;
    const index = englishNames.get(`${part.type} ${part.value}`);
    if (index === undefined) return part;
    return { ...part, value: (part.type === 'month' ? own.months : own.days)[index]! };
  });
}

/**
 * Node's ICU writes a narrow no-break space before "PM" (and in some ranges) where Chromium writes a plain
 * space: the server's English times would differ from the browser's by that one character, and React
 * would throw the server's page away on hydration. Both write the plain space here.
 */
const NARROW_SPACES = /[\u202f\u2009]/g;

/**
 * Making an Intl formatter costs far more than using one: the monitoring page at 60 core indicators
 * wrote ~2,000 dates and figures and spent ~300 ms making formatters for them
 * (docs/benchmarks/2026-12-06-monitoring-4.md). One per language and set of options, made once; the
 * options are the few written below, the languages a handful (cleared should anything else grow it).
 */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (!formatter) {
    if (cache.size >= 200) cache.clear();
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cached(
    numberFormats,
    `${locale} ${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(intlLocale(locale), options),
  );

function format(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  const formatter = cached(
    dateFormats,
    `${locale} ${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), options),
  );
  const parts = formatter.formatToParts(date);
  return ownNames(parts, locale)
    .map((part) => part.value.replace(NARROW_SPACES, ' '))
    .join('');
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
  return format(date, locale, { timeZone: HOME_TIME_ZONE, dateStyle });
}

/** A moment (date and time of day) in the viewer's language, on the Dutch clock. */
export function formatDateTime(value: string | Date, locale: string): string {
  return format(new Date(value), locale, { timeZone: HOME_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar month ("mrt 2027") from its first day (yyyy-MM-dd). */
export function formatMonth(firstDay: string, locale: string): string {
  return format(new Date(`${firstDay}T00:00:00Z`), locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A measured figure, with as many decimals as it has (up to six, or `maxDecimals`). */
export function formatNumber(value: number, locale: string, maxDecimals = 6): string {
  return numberFormat(locale, { maximumFractionDigits: maxDecimals }).format(value);
}

/** How many decimals a figure has as entered (0.1 + 0.2 counts as entered: at most six). */
export function decimalsOf(value: number): number {
  const digits = formatNumber(value, 'en').split('.')[1];
  return digits?.length ?? 0;
}

/** A mean score (1–5 and the like): always two decimals, with the reader's decimal sign ("2,96"). */
export function formatScore(value: number, locale: string): string {
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
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
    ownNames(formatter.formatToParts(new Date(instant)), locale).map(({ type, value }) => [type, value]),
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
