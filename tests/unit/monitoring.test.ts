import { describe, expect, it } from 'vitest';
import { checkImport, coreIndicatorRows, municipalityRows } from '~/monitoring/csv-import';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '~/monitoring/limits';
import { readCsvUpload } from '~/monitoring/import-upload.server';
import { parseNumber, parsePeriod, periodCode } from '~/monitoring/periods';
import { managementDimensionSchema, managementSchema, managementValueSchema } from '~/monitoring/schema.server';

const CORES = [
  { id: '11111111-1111-4111-8111-111111111111', description: '% met werk' },
  { id: '22222222-2222-4222-8222-222222222222', description: 'Ervaren taalvaardigheid' },
  { id: '33333333-3333-4333-8333-333333333333', description: 'Ervaren taalvaardigheid' },
];

describe('periods', () => {
  it.each([
    ['2025', { kind: 'year', start: '2025-01-01' }],
    [' 2025-Q2 ', { kind: 'quarter', start: '2025-04-01' }],
    ['2025 K4', { kind: 'quarter', start: '2025-10-01' }],
    ['2025-q1', { kind: 'quarter', start: '2025-01-01' }],
    ['2025-03', { kind: 'month', start: '2025-03-01' }],
    ['3-2025', { kind: 'month', start: '2025-03-01' }],
  ])('reads %j', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
  });

  it.each(['', '25', '2025-13', '2025-Q5', '1850', '2025-03-01', 'maart 2025', '2025-00'])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('writes every period back the way it reads it', () => {
    for (const text of ['2024', '2024-Q3', '2024-11']) {
      const period = parsePeriod(text)!;
      expect(periodCode(period.kind, period.start)).toBe(text);
    }
  });
});

describe('numbers', () => {
  it.each([
    ['42', 42],
    ['42,5', 42.5],
    ['-3.25', -3.25],
    [' 7 ', 7],
    ["'-3", -3],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', 'veel', '1.234,5', '1,2,3', '12%', '1e5', '=1+1'])('refuses %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('checking an import file', () => {
  it('names the line of each bad row, counting the header as line 1 and skipping blank lines', () => {
    const check = checkImport(
      ['core_indicator,period,value', '% met werk,2024,40', '', '% met werk,2024-Q9,41', ',,,', 'Onbekend,2024,1'].join(
        '\n',
      ),
      coreIndicatorRows(CORES),
    );
    expect(check).toEqual({
      ok: false,
      problems: [
        { line: 4, reason: 'monitoring.import.problems.periodInvalid', params: { value: '2024-Q9' } },
        { line: 6, reason: 'monitoring.import.problems.coreIndicatorUnknown', params: { value: 'Onbekend' } },
      ],
    });
  });

  it('a benchmark file names municipalities, refuses unit and note columns and a municipality twice', () => {
    const places = [
      { id: 'a0000000-0000-4000-8000-000000000001', description: 'Alkmaar' },
      { id: 'a0000000-0000-4000-8000-000000000002', description: 'Bergen (NH)' },
    ];
    expect(
      checkImport('gemeente;periode;waarde\nALKMAAR;2025;61,5\nbergen  (nh);2025;40', municipalityRows(places)),
    ).toEqual({
      ok: true,
      rows: [
        expect.objectContaining({ line: 2, subjectId: places[0]!.id, value: 61.5 }),
        expect.objectContaining({ line: 3, subjectId: places[1]!.id, value: 40 }),
      ],
    });
    expect(checkImport('municipality,period,value,note\nAlkmaar,2025,1,x', municipalityRows(places))).toMatchObject({
      problems: [{ line: 1, reason: 'monitoring.import.problems.unknownColumn', params: { column: 'note' } }],
    });
    expect(checkImport('period,value\n2025,1', municipalityRows(places))).toMatchObject({
      problems: [{ line: 1, reason: 'monitoring.import.problems.missingColumn', params: { column: 'municipality' } }],
    });
    expect(
      checkImport('municipality,period,value\nAlkmaar,2025,1\nUtopia,2025,2\nAlkmaar,2025,3', municipalityRows(places)),
    ).toMatchObject({
      problems: [
        { line: 3, reason: 'monitoring.import.problems.municipalityUnknown', params: { value: 'Utopia' } },
        { line: 4, reason: 'monitoring.import.problems.municipalityDuplicate', params: { line: 2, period: '2025' } },
      ],
    });
  });

  it('asks for the id when a description matches two core indicators', () => {
    const check = checkImport('core_indicator,period,value\nervaren  taalvaardigheid,2024,3', coreIndicatorRows(CORES));
    expect(check).toMatchObject({
      ok: false,
      problems: [{ line: 2, reason: 'monitoring.import.problems.coreIndicatorAmbiguous' }],
    });
    const byId = checkImport(
      `core_indicator,period,value\n${CORES[2]!.id.toUpperCase()},2024,3`,
      coreIndicatorRows(CORES),
    );
    expect(byId).toMatchObject({ ok: true, rows: [{ subjectId: CORES[2]!.id, value: 3 }] });
  });

  it('refuses unknown and missing columns on line 1, and an unreadable file with its line', () => {
    expect(checkImport('indicator,period,amount\nx,2024,1', coreIndicatorRows(CORES))).toMatchObject({
      ok: false,
      problems: [
        { line: 1, reason: 'monitoring.import.problems.unknownColumn', params: { column: 'indicator' } },
        { line: 1, reason: 'monitoring.import.problems.unknownColumn', params: { column: 'amount' } },
        { line: 1, reason: 'monitoring.import.problems.missingColumn', params: { column: 'core_indicator' } },
        { line: 1, reason: 'monitoring.import.problems.missingColumn', params: { column: 'value' } },
      ],
    });
    expect(checkImport('core_indicator,period,value\n"% met werk,2024,1\n', coreIndicatorRows(CORES))).toMatchObject({
      ok: false,
      problems: [{ reason: 'monitoring.import.problems.unreadable' }],
    });
    expect(checkImport('', coreIndicatorRows(CORES))).toMatchObject({
      ok: false,
      problems: [{ reason: 'monitoring.import.problems.empty' }],
    });
    expect(checkImport('core_indicator,period,value\n', coreIndicatorRows(CORES))).toMatchObject({
      ok: false,
      problems: [{ reason: 'monitoring.import.problems.noRows' }],
    });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows as a whole`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `% met werk,${1990 + (i % 100)},${i}`);
    expect(checkImport(['core_indicator,period,value', ...rows].join('\n'), coreIndicatorRows(CORES))).toMatchObject({
      ok: false,
      problems: [{ line: 1, reason: 'monitoring.import.problems.tooManyRows' }],
    });
  });
});

describe('reading the upload', () => {
  const upload = (bytes: Uint8Array<ArrayBuffer> | string, name = 'cijfers.csv') => {
    const form = new FormData();
    form.set('file', new File([bytes], name, { type: 'text/csv' }));
    return new Request('http://localhost/monitoring/x/import', { method: 'POST', body: form });
  };

  it('reads a UTF-8 file with its name', async () => {
    expect(await readCsvUpload(upload('kernindicator,periode,waarde\nË,2025,1'))).toMatchObject({
      ok: true,
      fileName: 'cijfers.csv',
      text: 'kernindicator,periode,waarde\nË,2025,1',
    });
  });

  it('reads files named as spreadsheets and people name them (=, ;, quotes, bidi controls)', async () => {
    const text = 'kernindicator,periode,waarde\nË,2025,1';
    for (const [name, stored] of [
      ['Overzicht Q1=2025.csv', 'Overzicht Q1=2025.csv'],
      ['a;b"c.csv', 'a;b"c.csv'],
      ['\u202Evsc.exe', 'vsc.exe'],
    ]) {
      expect(await readCsvUpload(upload(text, name))).toMatchObject({ ok: true, fileName: stored, text });
    }
  });

  it('refuses a file over the limit, bytes that are not UTF-8, and no file', async () => {
    expect(await readCsvUpload(upload('x'.repeat(MAX_IMPORT_BYTES + 1)))).toMatchObject({
      ok: false,
      problem: 'tooLarge',
    });
    expect(await readCsvUpload(upload(new Uint8Array([0x57, 0x61, 0x61, 0x72, 0x64, 0x65, 0xeb])))).toMatchObject({
      ok: false,
      problem: 'notText',
    });
    expect(await readCsvUpload(upload(''))).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('refuses a declared size over the limit without keeping the body', async () => {
    const request = new Request('http://localhost/x', {
      method: 'POST',
      headers: { 'content-length': String(MAX_IMPORT_BYTES * 4), 'content-type': 'multipart/form-data; boundary=x' },
      body: 'never read',
    });
    expect(await readCsvUpload(request)).toMatchObject({ ok: false, problem: 'tooLarge' });
  });
});

describe('the form for a management indicator', () => {
  const base = {
    coreIndicatorId: '3f1b6a5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'Examen binnen 3 jaar',
    sourceId: '',
    unit: '%',
    direction: 'higher',
    breakdown: 'Leerroute',
    breakdownValues: ' B1 \r\nOnderwijs\n\nZ\nB1',
  };
  const errors = (input: Record<string, string>) => {
    const parsed = managementSchema.safeParse(input);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('takes breakdown values one per line, trimmed, each once', () => {
    expect(managementSchema.parse(base)).toMatchObject({ sourceId: null, breakdownValues: ['B1', 'Onderwijs', 'Z'] });
  });

  it('refuses values without a breakdown name, too many or too long values, NUL bytes and a made-up direction', () => {
    expect(errors({ ...base, breakdown: '' })).toEqual({ breakdown: 'monitoring.errors.breakdownNameMissing' });
    const many = Array.from({ length: 21 }, (_, i) => `Waarde ${i}`).join('\n');
    expect(errors({ ...base, breakdownValues: many })).toEqual({
      breakdownValues: 'monitoring.errors.breakdownValuesTooMany',
    });
    expect(errors({ ...base, breakdownValues: 'x'.repeat(101) })).toEqual({
      breakdownValues: 'monitoring.errors.breakdownValueTooLong',
    });
    expect(errors({ ...base, breakdownValues: 'x'.repeat(1_000_000) })).toEqual({ breakdownValues: 'errors.tooLong' });
    expect(errors({ ...base, name: 'Examen\u0000' })).toEqual({ name: 'errors.controlCharacters' });
    expect(errors({ ...base, direction: 'sideways' })).toEqual({ direction: 'monitoring.errors.direction' });
  });

  it('refuses a figure for year 0000 or a number no double can hold', () => {
    const figure = { managementIndicatorId: base.coreIndicatorId, period: '0000', value: '1e309', breakdown: '' };
    const parsed = managementValueSchema.safeParse(figure);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['period', 'monitoring.errors.period'],
      ['value', 'monitoring.errors.value'],
    ]);
  });

  it("reads the figure's choice as the total or a dimension's value, and refuses anything else by that field", () => {
    const id = base.coreIndicatorId;
    const figure = (breakdown: string) =>
      managementValueSchema.safeParse({ managementIndicatorId: id, period: '2025', value: '1', breakdown });
    expect(figure('').data?.breakdown).toEqual({ dimensionId: null, value: '' });
    expect(figure(`${id}:B1: met dubbele punt`).data?.breakdown).toEqual({
      dimensionId: id,
      value: 'B1: met dubbele punt',
    });
    for (const bad of [
      'B1',
      `${id}:`,
      'niet-een-id:B1',
      `${id}:${'x'.repeat(101)}`,
      `${id}:B1\u0000`,
      'x'.repeat(1_000_000),
    ]) {
      expect(figure(bad).error?.issues.map((i) => [i.path[0], i.message])).toEqual([
        [
          'breakdown',
          expect.stringMatching(/^(monitoring\.errors\.breakdownValue|errors\.tooLong|errors\.controlCharacters)$/),
        ],
      ]);
    }
  });
});

describe('the form for another breakdown dimension', () => {
  const id = '3f1b6a5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
  const errors = (input: Record<string, string>) => {
    const parsed = managementDimensionSchema.safeParse({ managementIndicatorId: id, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('takes a name and values one per line', () => {
    expect(
      managementDimensionSchema.parse({ managementIndicatorId: id, name: ' Leerroute ', values: 'B1\nZ\nB1' }),
    ).toEqual({
      managementIndicatorId: id,
      name: 'Leerroute',
      values: ['B1', 'Z'],
    });
  });

  it('refuses no name, no values, 21 values, values twice in other case, a 1 MB value and NUL bytes', () => {
    expect(errors({ name: '', values: 'a' })).toEqual({ name: 'errors.required' });
    expect(errors({ name: 'Route', values: ' \n ' })).toEqual({ values: 'monitoring.errors.breakdownValuesMissing' });
    expect(errors({ name: 'Route', values: Array.from({ length: 21 }, (_, i) => `w${i}`).join('\n') })).toEqual({
      values: 'monitoring.errors.breakdownValuesTooMany',
    });
    expect(errors({ name: 'Route', values: 'B1\nb1' })).toEqual({ values: 'monitoring.errors.breakdownValuesTwice' });
    expect(errors({ name: 'Route', values: 'x'.repeat(1_000_000) })).toEqual({ values: 'errors.tooLong' });
    expect(errors({ name: 'x'.repeat(1_000_000), values: 'a' })).toEqual({ name: 'errors.tooLong' });
    expect(errors({ name: 'Route\u0000', values: 'a\u0000' })).toEqual({
      name: 'errors.controlCharacters',
      values: 'errors.controlCharacters',
    });
  });
});
