import { parse } from 'csv-parse/sync';

/**
 * Text that people could type into any exported column, each a way around a formula guard or RFC 4180
 * quoting: formulas, formulas after a line break of either kind, after blanks, in full-width forms,
 * quotes, both delimiters, tabs, Arabic, and direction controls (RLO, RLI … PDI).
 */
export const HOSTILE_TEXTS = [
  `=cmd|' /C calc'!A0`,
  '\n=1+1',
  '\r\n@SUM(1)',
  'Wachtlijst\n=HYPERLINK("https://evil.example")',
  '  +31 6 12345678',
  '-2+3',
  '\t=1',
  '\u3000\u200B=1',
  '＝1+1',
  '﹫SUM(A1)',
  'Zei: "dit, en; dat"',
  'een\ttwee;drie,vier',
  'أمل من حلب',
  'Advies \u202Egnp.exe\u202C',
  '\u2067مرحبا\u2069 @wereld',
] as const;

// Written apart from the app's own guard (~/spreadsheet-formula), so a gap in it shows here: a cell
// that starts, after blanks and invisible characters, with = + - @ or a full-width or small form of
// them, or that starts with a tab or a line break.
const FORMULA_CELL =
  /^(?:[\t\r\n]|[\s\u00AD\u061C\u200B-\u200F\u2060-\u206F\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B])/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** The file read as a spreadsheet reads it: any line break outside quotes ends a record. */
export function readCsv(csv: string): string[][] {
  return parse(csv, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true });
}

/**
 * What is wrong with an export, one sentence per problem: no byte order mark, records of another width
 * than the header's (a line break that split a record), cells a spreadsheet could run, direction
 * controls. No framework's `expect` here, so vitest and Playwright tests share it.
 */
export function csvProblems(csv: string): string[] {
  const problems: string[] = [];
  if (!csv.startsWith('\uFEFF')) problems.push('no byte order mark');
  const records = readCsv(csv);
  const widths: Record<number, number> = {};
  for (const record of records) widths[record.length] = (widths[record.length] ?? 0) + 1;
  if (Object.keys(widths).length > 1) {
    problems.push(`records per width ${JSON.stringify(widths)}, header ${records[0]!.length} wide`);
  }
  records.forEach((record, row) =>
    record.forEach((cell, column) => {
      if (!PLAIN_NUMBER.test(cell) && FORMULA_CELL.test(cell)) {
        problems.push(`record ${row + 1}, cell ${column + 1} could run: ${JSON.stringify(cell)}`);
      }
      if (BIDI_CONTROL.test(cell)) problems.push(`record ${row + 1}, cell ${column + 1} has a direction control`);
    }),
  );
  return problems;
}

/** The records of an export that has none of `csvProblems`; otherwise the test fails with the list. */
export function safeRecords(csv: string): string[][] {
  const problems = csvProblems(csv);
  if (problems.length > 0) throw new Error(`The CSV export is not whole and safe:\n${problems.join('\n')}`);
  return readCsv(csv);
}

/** What a hostile text must read as in the export: itself without direction controls, guarded when needed. */
export function exported(text: string): string {
  const shown = text.replace(new RegExp(BIDI_CONTROL, 'g'), '');
  return FORMULA_CELL.test(shown) && !PLAIN_NUMBER.test(shown) ? `'${shown}` : shown;
}
