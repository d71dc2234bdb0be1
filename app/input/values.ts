/**
 * The years a date typed into the app may have. Wide enough for anything a person plans or records,
 * narrow enough that date arithmetic, loops over days and Postgres' date type never leave their range
 * (`0000-01` once sent the calendar into an endless loop; Postgres has no year 0).
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const inWindow = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** A real calendar day as `YYYY-MM-DD` within the window: no 2026-02-30, no 2026-99-99. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return inWindow(year) && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A month as `YYYY-MM` within the window. */
export function isMonth(value: string): boolean {
  const match = MONTH.exec(value);
  return match !== null && inWindow(Number(match[1])) && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** A date and a wall-clock time as a `datetime-local` input sends them: `YYYY-MM-DDTHH:mm`. */
export function isLocalDateTime(value: string): boolean {
  const [date = '', time = '', ...rest] = value.split('T');
  return rest.length === 0 && isCalendarDate(date) && TIME_OF_DAY.test(time);
}

/**
 * A whole number sent as text, within [min, max]. Written out in digits only: `1e308`, `0x10`, `1.5`
 * and twenty-digit numbers are refused here rather than turned into something else.
 */
export function parseInteger(text: string, min: number, max: number): number | null {
  if (!/^[-+]?\d{1,15}$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** A link's secret as the app makes them (base64url) and as the demo data names them. */
export const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;
