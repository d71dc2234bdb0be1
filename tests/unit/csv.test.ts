import { describe, expect, it } from 'vitest';
import { toCsv } from '~/csv.server';

describe('CSV exports', () => {
  it('keep a value that looks like a formula as text', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+31 6', '-2+3', '@SUM(A1)', '\tcmd']) {
      const [, cell] = toCsv(['Naam'], [[evil]])
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(cell?.replace(/^"|"$/g, '').replace(/""/g, '"')).toBe(`'${evil}`);
    }
    expect(
      toCsv(['Naam'], [['Amal']])
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1],
    ).toBe('Amal');
  });

  it('quote commas and quotes, keep Arabic, and neutralise every cell', () => {
    const csv = toCsv(
      ['Naam', 'Gemeente'],
      [
        ['=1+1', 'Bergen (NH), "oud"'],
        ['أمل', null],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Naam,Gemeente',
      `'=1+1,"Bergen (NH), ""oud"""`,
      'أمل,',
      '',
    ]);
  });
});
