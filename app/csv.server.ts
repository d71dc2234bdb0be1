import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer for exports: RFC 4180 quoting and line endings, a byte order mark so Excel reads
 * UTF-8 (Arabic names, ë), and csv-stringify's `escape_formulas`, which prefixes a cell starting with
 * = + - @ tab or CR with an apostrophe so a spreadsheet keeps it as text (OWASP CSV injection).
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return '\uFEFF' + stringify([header, ...rows], { escape_formulas: true, record_delimiter: 'windows' });
}
