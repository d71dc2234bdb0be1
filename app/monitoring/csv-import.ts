import { parse } from 'csv-parse/sync';
import { withoutFormulaGuard } from '~/spreadsheet-formula';
import { MAX_IMPORT_ROWS } from './limits';
import { parseNumber, parsePeriod, periodCode, type Period } from './periods';

/** Column names the import understands besides the subject's, with the Dutch names an export may carry. */
const COLUMNS = {
  period: ['period', 'periode'],
  value: ['value', 'waarde'],
  unit: ['unit', 'eenheid'],
  note: ['note', 'toelichting', 'opmerking'],
  management: ['management_indicator', 'management indicator', 'stuurindicator', 'indicator managementinformatie'],
  dimension: ['dimension', 'dimensie', 'uitgesplitst naar', 'uitgesplitst_naar'],
  breakdown: ['breakdown', 'uitsplitsing'],
  kind: ['kind', 'soort'],
  // The report's export names each row's place in the goal tree and its source: read, not imported.
  context: ['goal', 'doel', 'output', 'resultaat', 'source', 'databron'],
} as const;
/** What a row of a municipality's own file sets: a figure (the default) or a target for the year in `period`. */
const KINDS = { figure: ['figure', 'cijfer', ''], target: ['target', 'streefwaarde'] } as const;
export type ImportKind = keyof typeof KINDS;
type Column = 'subject' | keyof typeof COLUMNS;
const REQUIRED: Column[] = ['subject', 'period', 'value'];

/**
 * What each row of a file is about: a core indicator of one municipality (its own figures), or a
 * municipality (one measure's figures for many). The column that names it, its other names, what it
 * may name (by id or exact description), and the problems' i18n keys.
 */
export interface ImportSubject {
  column: string;
  aliases: readonly string[];
  known: KnownSubject[];
  /** Unit and note columns (a municipality's own figures have them; a benchmark file does not). */
  details: boolean;
  /**
   * The management indicators under the subjects, when a row may name one (and a value of one of its
   * dimensions) instead of the subject's own figure.
   */
  management?: KnownManagement[];
  problems: { missing: string; unknown: string; ambiguous: string; duplicate: string };
}

export interface KnownSubject {
  id: string;
  description: string;
}

export interface KnownManagement {
  id: string;
  /** The subject (core indicator) it is under: a name needs only be unique there. */
  parentId: string;
  name: string;
  /** Its breakdown dimensions, each with its values. */
  dimensions: { id: string; name: string; values: string[] }[];
}

/**
 * A municipality's own figures: each row names one of its core indicators, and optionally one of the
 * management indicators under it with a value of one of its dimensions.
 */
export const coreIndicatorRows = (known: KnownSubject[], management: KnownManagement[] = []): ImportSubject => ({
  column: 'core_indicator',
  aliases: ['core_indicator', 'kernindicator', 'core indicator'],
  known,
  details: true,
  management,
  problems: {
    missing: 'monitoring.import.problems.coreIndicatorMissing',
    unknown: 'monitoring.import.problems.coreIndicatorUnknown',
    ambiguous: 'monitoring.import.problems.coreIndicatorAmbiguous',
    duplicate: 'monitoring.import.problems.duplicate',
  },
});

/** One measure's figures for many municipalities: each row names a municipality. */
export const municipalityRows = (known: KnownSubject[]): ImportSubject => ({
  column: 'municipality',
  aliases: ['municipality', 'gemeente'],
  known,
  details: false,
  problems: {
    missing: 'monitoring.import.problems.municipalityMissing',
    unknown: 'monitoring.import.problems.municipalityUnknown',
    ambiguous: 'monitoring.import.problems.municipalityAmbiguous',
    duplicate: 'monitoring.import.problems.municipalityDuplicate',
  },
});

export interface ImportRow {
  line: number;
  kind: ImportKind;
  subjectId: string;
  /** A figure of this management indicator under the subject, rather than of the subject itself. */
  managementId: string | null;
  /** The dimension of the management indicator the figure is for; null for its total. */
  dimensionId: string | null;
  /** The dimension's value the figure is for; '' is the total. */
  breakdown: string;
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

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Reads a CSV file and checks every row against what it may be about (`subject`). It returns
 * either every row, ready to store, or every problem with its line number; never part of the file.
 * Comma or semicolon separated (Dutch spreadsheets write `;`), UTF-8 with or without a byte order mark.
 */
export function checkImport(text: string, subject: ImportSubject): ImportCheck {
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
  const names: Partial<Record<Column, readonly string[]>> = {
    subject: subject.aliases,
    period: COLUMNS.period,
    value: COLUMNS.value,
    ...(subject.details ? { unit: COLUMNS.unit, note: COLUMNS.note } : {}),
    ...(subject.management
      ? {
          management: COLUMNS.management,
          dimension: COLUMNS.dimension,
          breakdown: COLUMNS.breakdown,
          kind: COLUMNS.kind,
          context: COLUMNS.context,
        }
      : {}),
  };
  header!.record.forEach((name, index) => {
    const column = (Object.keys(names) as Column[]).find((c) => names[c]!.includes(normalise(name)));
    if (column === 'context') return;
    if (column && !positions.has(column)) positions.set(column, index);
    else if (!column && name.trim()) {
      problems.push({ line: 1, reason: 'monitoring.import.problems.unknownColumn', params: { column: name.trim() } });
    }
  });
  for (const column of REQUIRED) {
    if (!positions.has(column)) {
      const named = column === 'subject' ? subject.column : column;
      problems.push({ line: 1, reason: 'monitoring.import.problems.missingColumn', params: { column: named } });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (body.length === 0) return { ok: false, problems: [{ line: 1, reason: 'monitoring.import.problems.noRows' }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      problems: [{ line: 1, reason: 'monitoring.import.problems.tooManyRows', params: { max: MAX_IMPORT_ROWS } }],
    };
  }

  const byId = new Map(subject.known.map((c) => [c.id.toLowerCase(), c.id]));
  const byDescription = new Map<string, string[]>();
  for (const c of subject.known)
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

    const reference = cell('subject');
    const matches = byId.has(reference.toLowerCase())
      ? [byId.get(reference.toLowerCase())!]
      : (byDescription.get(normalise(reference)) ?? []);
    if (!reference) problem(subject.problems.missing);
    else if (matches.length === 0) problem(subject.problems.unknown, { value: reference });
    else if (matches.length > 1) problem(subject.problems.ambiguous, { value: reference });

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

    const { managementId, dimensionId, breakdown } = matchManagement(
      subject.management ?? [],
      matches.length === 1 ? matches[0]! : null,
      cell('management'),
      cell('dimension'),
      cell('breakdown'),
      problem,
    );

    const kindText = cell('kind');
    const kind = (Object.keys(KINDS) as ImportKind[]).find((k) =>
      (KINDS[k] as readonly string[]).includes(normalise(kindText)),
    );
    if (!kind) problem('monitoring.import.problems.kindUnknown', { value: kindText });
    else if (kind === 'target' && period && period.kind !== 'year') {
      problem('monitoring.import.problems.targetPeriod', { value: periodText });
    } else if (kind === 'target' && breakdown) problem('monitoring.import.problems.targetBreakdown');

    if (problems.length > rowProblems || !kind || matches.length !== 1 || !period || value === null) continue;
    const key = `${kind}|${matches[0]}|${managementId ?? ''}|${dimensionId ?? ''}|${breakdown}|${period.kind}|${period.start}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem(subject.problems.duplicate, { line: earlier, period: periodCode(period.kind, period.start) });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, kind, subjectId: matches[0]!, managementId, dimensionId, breakdown, period, value, unit, note });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/**
 * The management indicator a row names under its subject (by id or exact name), the dimension (by id or
 * name) and its value, written as the dimension's list writes it. A dimension or value needs a management
 * indicator, and a dimension a value. Without a dimension (a file from before there were several) the
 * value is looked up in all the indicator's dimensions, and must be in exactly one.
 */
function matchManagement(
  known: KnownManagement[],
  subjectId: string | null,
  reference: string,
  dimensionText: string,
  breakdownText: string,
  problem: (reason: string, params?: ImportProblem['params']) => void,
): { managementId: string | null; dimensionId: string | null; breakdown: string } {
  const none = { managementId: null, dimensionId: null, breakdown: '' };
  if (!reference) {
    if (breakdownText || dimensionText) problem('monitoring.import.problems.breakdownWithoutManagement');
    return none;
  }
  if (!subjectId) return none;
  const under = known.filter((m) => m.parentId === subjectId);
  const found =
    under.find((m) => m.id.toLowerCase() === reference.toLowerCase()) ??
    under.find((m) => normalise(m.name) === normalise(reference));
  if (!found) {
    problem('monitoring.import.problems.managementUnknown', { value: reference });
    return none;
  }
  const total = { managementId: found.id, dimensionId: null, breakdown: '' };
  if (!breakdownText) {
    if (dimensionText) problem('monitoring.import.problems.breakdownMissing', { dimension: dimensionText });
    return total;
  }
  let dimensions = found.dimensions;
  if (dimensionText) {
    const dimension =
      found.dimensions.find((d) => d.id.toLowerCase() === dimensionText.toLowerCase()) ??
      found.dimensions.find((d) => normalise(d.name) === normalise(dimensionText));
    if (!dimension) {
      problem('monitoring.import.problems.dimensionUnknown', { value: dimensionText });
      return total;
    }
    dimensions = [dimension];
  }
  const holding = dimensions.flatMap((d) =>
    d.values.filter((v) => normalise(v) === normalise(breakdownText)).map((value) => ({ dimension: d, value })),
  );
  if (holding.length === 0) {
    problem('monitoring.import.problems.breakdownUnknown', { value: breakdownText });
    return total;
  }
  if (holding.length > 1) {
    problem('monitoring.import.problems.breakdownAmbiguous', {
      value: breakdownText,
      dimensions: holding.map((h) => h.dimension.name).join(', '),
    });
    return total;
  }
  return { managementId: found.id, dimensionId: holding[0]!.dimension.id, breakdown: holding[0]!.value };
}
