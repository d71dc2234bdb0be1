import { stringify } from 'csv-stringify/sync';
import { withoutBidiControls } from '~/bidi';
import { guardFormula } from '~/spreadsheet-formula';

export type CsvCell = string | number | null;

/**
 * The one CSV writer for exports. RFC 4180 with CRLF between records and every text cell quoted, so
 * a line break, comma or semicolon inside a cell stays in that cell for every reader (with a record
 * delimiter set, csv-stringify quotes only cells that hold that whole delimiter, so a bare LF used to
 * split a record). A byte order mark so Excel reads UTF-8 (Arabic names, ë). Text that a spreadsheet
 * could run as a formula gets an apostrophe in front (~/spreadsheet-formula; OWASP's advice: quote
 * every cell, prefix the apostrophe, double the quotes), and direction controls are dropped (~/bidi).
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return (
    '\uFEFF' +
    stringify([header, ...rows], {
      record_delimiter: 'windows',
      quoted_string: true,
      cast: { string: (value) => guardFormula(withoutBidiControls(value)) },
    })
  );
}
