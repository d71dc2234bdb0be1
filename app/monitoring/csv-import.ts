import { parse } from 'csv-parse/sync';
import { withoutFormulaGuard } from '~/spreadsheet-formula';
import { MAX_IMPORT_ROWS } from './limits';
import { parseNumber, parsePeriod, periodCode, type Period } from './periods';

/** Column names the import understands, with the Dutch names a municipality's export may carry. */
const COLUMNS = {
  core_indicator: ['core_indicator', 'kernindicator', 'core indicator'],
  period: ['period', 'periode'],
  value: ['value', 'waarde'],
  unit: ['unit', 'eenheid'],
  note: ['note', 'toelichting', 'opmerking'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['core_indicator', 'period', 'value'];

export interface ImportRow {
  line: number;
  coreIndicatorId: string;
  period: Period;
  value: number;
  unit: string;
  note: string;
}

/** One problem: the line in the file (1 is the header) and an i18n key with its parameters. */
export interface ImportProblem {
  line: number;
  reason: string;
  params?: Record<string, string | number>;
}

export type ImportCheck = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

export interface KnownCoreIndicator {
  id: string;
  description: string;
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Reads a CSV export and checks every row against the municipality's own core indicators. It returns
 * either every row, ready to store, or every problem with its line number; never part of the file.
 * Comma or semicolon separated (Dutch spreadsheets write `;`), UTF-8 with or without a byte order mark.
 */
export function checkImport(text: string, known: KnownCoreIndicator[]): ImportCheck {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, reason: 'monitoring.import.problems.unreadable' }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, reason: 'monitoring.import.problems.empty' }] };

  const [header, ...body] = records;
  const positions = new Map<Column, number>();
  const problems: ImportProblem[] = [];
  header!.record.forEach((name, index) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((c) =>
      (COLUMNS[c] as readonly string[]).includes(normalise(name)),
    );
    if (column && !positions.has(column)) positions.set(column, index);
    else if (!column && name.trim()) {
      problems.push({ line: 1, reason: 'monitoring.import.problems.unknownColumn', params: { column: name.trim() } });
    }
  });
  for (const column of REQUIRED) {
    if (!positions.has(column))
      problems.push({ line: 1, reason: 'monitoring.import.problems.missingColumn', params: { column } });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ line: 1, reason: 'monitoring.import.problems.noRows' }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      problems: [{ line: 1, reason: 'monitoring.import.problems.tooManyRows', params: { max: MAX_IMPORT_ROWS } }],
    };
  }

  const byId = new Map(known.map((c) => [c.id.toLowerCase(), c.id]));
  const byDescription = new Map<string, string[]>();
  for (const c of known)
    byDescription.set(normalise(c.description), [...(byDescription.get(normalise(c.description)) ?? []), c.id]);
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];

  for (const { record, info } of body) {
    // info.lines is the line the record ends on; a quoted cell may span lines, the record starts earlier.
    const line = info.lines;
    const cell = (column: Column) => {
      const index = positions.get(column);
      // Our own template and export put an apostrophe before text that a spreadsheet could run.
      return index === undefined ? '' : withoutFormulaGuard((record[index] ?? '').trim());
    };
    const problem = (reason: string, params?: ImportProblem['params']) => problems.push({ line, reason, params });
    const rowProblems = problems.length;

    const reference = cell('core_indicator');
    const matches = byId.has(reference.toLowerCase())
      ? [byId.get(reference.toLowerCase())!]
      : (byDescription.get(normalise(reference)) ?? []);
    if (!reference) problem('monitoring.import.problems.coreIndicatorMissing');
    else if (matches.length === 0) problem('monitoring.import.problems.coreIndicatorUnknown', { value: reference });
    else if (matches.length > 1) problem('monitoring.import.problems.coreIndicatorAmbiguous', { value: reference });

    const periodText = cell('period');
    const period = parsePeriod(periodText);
    if (!periodText) problem('monitoring.import.problems.periodMissing');
    else if (!period) problem('monitoring.import.problems.periodInvalid', { value: periodText });

    const valueText = cell('value');
    const value = parseNumber(valueText);
    if (!valueText) problem('monitoring.import.problems.valueMissing');
    else if (value === null) problem('monitoring.import.problems.valueInvalid', { value: valueText });

    const unit = cell('unit');
    const note = cell('note');
    if (unit.length > 20) problem('monitoring.import.problems.unitTooLong');
    if (note.length > 500) problem('monitoring.import.problems.noteTooLong');

    if (problems.length > rowProblems || matches.length !== 1 || !period || value === null) continue;
    const key = `${matches[0]}|${period.kind}|${period.start}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem('monitoring.import.problems.duplicate', { line: earlier, period: periodCode(period.kind, period.start) });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, coreIndicatorId: matches[0]!, period, value, unit, note });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
