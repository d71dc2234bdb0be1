import type { PeriodKind } from '~/db/types';
import { formatMonth } from '~/i18n/format';

export interface Period {
  kind: PeriodKind;
  /** First day of the period, 'YYYY-MM-DD'. */
  start: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The years a period or a target may lie in (for targets the database checks the same). */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

/**
 * A period as people write it in a form or a data source's export: `2025` (year), `2025-Q2` or
 * `2025 K2` (quarter), `2025-03` or `03-2025` (month). Anything else is not a period.
 */
export function parsePeriod(input: string): Period | null {
  const text = input.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(text);
  if (match) return inRange(Number(match[1])) ? { kind: 'year', start: `${match[1]}-01-01` } : null;
  match = /^(\d{4})\s*[-/ ]?\s*[QK]([1-4])$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    return inRange(year) ? { kind: 'quarter', start: `${year}-${pad((quarter - 1) * 3 + 1)}-01` } : null;
  }
  const monthMatch: readonly string[] | null =
    /^(\d{4})-(\d{1,2})$/.exec(text) ?? swap(/^(\d{1,2})-(\d{4})$/.exec(text));
  if (monthMatch) {
    const year = Number(monthMatch[1]);
    const month = Number(monthMatch[2]);
    return inRange(year) && month >= 1 && month <= 12 ? { kind: 'month', start: `${year}-${pad(month)}-01` } : null;
  }
  return null;
}

function swap(match: RegExpExecArray | null): [string, string, string] | null {
  return match ? [match[0], match[2]!, match[1]!] : null;
}

const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** The canonical way to write a period (what the export writes and the import reads back). */
export function periodCode(kind: PeriodKind, start: string): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${pad(month)}`;
}

/** The first day after a period, 'YYYY-MM-DD': a figure counts for a report up to a date once its period ended by then. */
export function periodEnd(kind: PeriodKind, start: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1 + (kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1);
  return `${year + Math.floor(month / 12)}-${pad((month % 12) + 1)}-01`;
}

/** A period in the reader's language: "2025", "K2 2025", "mrt 2025". */
export function periodLabel(
  kind: PeriodKind,
  start: string,
  locale: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return t('monitoring.period.quarter', { quarter: Math.floor((month - 1) / 3) + 1, year });
  return formatMonth(start, locale);
}

/**
 * A number as written in a Dutch or English spreadsheet: `12.5`, `12,5`, `-3`, ` 40 `; one point or
 * comma is the decimal separator. Thousands separators (`1.234,5`) are refused rather than guessed.
 */
export function parseNumber(input: string): number | null {
  // A leading apostrophe is how CSV exports defuse formulas (`'-3`); it is not part of the number.
  const text = input.trim().replace(/\s/g, '').replace(/^'/, '');
  if (!/^[-+]?\d{1,13}([.,]\d{1,6})?$/.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) && Math.abs(value) <= 1e12 ? value : null;
}
