import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, or a tab/carriage return first) is
 * prefixed with an apostrophe, so an exported name like "=HYPERLINK(…)" stays text (OWASP CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV with a header row; every string cell neutralised. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return stringify([header, ...rows], {
    cast: { string: neutraliseFormula },
    // Excel reads UTF-8 (Arabic names, ë) correctly only with a byte order mark.
    bom: true,
  });
}
