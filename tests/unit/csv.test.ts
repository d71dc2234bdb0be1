import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '~/csv.server';
import { checkImport, coreIndicatorRows } from '~/monitoring/csv-import';
import { templateCsv } from '~/monitoring/export.server';
import { safeRecords, exported, HOSTILE_TEXTS, readCsv } from '../exported-csv';

describe('the CSV writer', () => {
  it('keeps every hostile text in its own cell, as typed, guarded where a spreadsheet could run it', () => {
    const header = ['Naam', 'Toelichting', 'Aantal'];
    const rows = HOSTILE_TEXTS.map((text, i) => [text, `${text} (${i})`, i]);
    const [head, ...body] = safeRecords(toCsv(header, rows));
    expect(head).toEqual(header);
    expect(body).toEqual(HOSTILE_TEXTS.map((text, i) => [exported(text), exported(`${text} (${i})`), String(i)]));
  });

  it('guards formulas after line breaks, blanks and in full-width forms', () => {
    const cells = ['\n=1+1', '\r\n@SUM(1)', ' =1', '\u00A0-1+1', '＋1', '－1', '＠A1', '﹦1', '\tx', '\rx', '=1'];
    const [, ...body] = readCsv(
      toCsv(
        ['Naam'],
        cells.map((cell) => [cell]),
      ),
    );
    expect(body.map(([cell]) => cell)).toEqual(cells.map((cell) => `'${cell}`));
  });

  it('leaves honest numbers and ordinary text alone', () => {
    const [, ...body] = readCsv(
      toCsv(
        ['a', 'b'],
        [
          [-3, '-3'],
          [-2.5, '-2.5'],
          ['Amal', 'Bergen (NH), "oud"'],
          ['أمل', null],
        ],
      ),
    );
    expect(body).toEqual([
      ['-3', '-3'],
      ['-2.5', '-2.5'],
      ['Amal', 'Bergen (NH), "oud"'],
      ['أمل', ''],
    ]);
  });

  it('quotes every text cell and separates records with CRLF only', () => {
    const csv = toCsv(['Naam'], [['een\ntwee'], ['drie']]);
    expect(csv).toBe('\uFEFF"Naam"\r\n"een\ntwee"\r\n"drie"\r\n');
  });
});

describe('the monitoring template', () => {
  it('reads back through the import, with guarded descriptions and negative figures', () => {
    const cores = [
      { id: '00000000-0000-4000-8000-000000000001', description: '-% schulden na ontzorging' },
      { id: '00000000-0000-4000-8000-000000000002', description: '=aantal statushouders' },
    ];
    const template = readCsv(templateCsv(cores, 2026));
    expect(template.slice(1).map(([description]) => description)).toEqual([
      "'-% schulden na ontzorging",
      "'=aantal statushouders",
    ]);
    // Saved by a spreadsheet with the figures typed in: the apostrophe kept as read, or taken as the
    // spreadsheet's own text prefix and so gone.
    for (const keepsApostrophe of [true, false]) {
      const filledIn = stringify([
        template[0]!,
        ...template
          .slice(1)
          .map(([description, period], i) => [
            keepsApostrophe ? description! : description!.slice(1),
            period!,
            i === 0 ? -3 : '-4.5',
            '',
            '',
          ]),
      ]);
      expect(checkImport(filledIn, coreIndicatorRows(cores))).toEqual({
        ok: true,
        rows: [
          expect.objectContaining({ subjectId: cores[0]!.id, value: -3 }),
          expect.objectContaining({ subjectId: cores[1]!.id, value: -4.5 }),
        ],
      });
    }
  });
});
