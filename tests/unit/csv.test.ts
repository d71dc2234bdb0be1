import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '~/people/csv.server';

describe('the member CSV', () => {
  it('keeps a name that looks like a formula as text', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+31 6', '-2+3', '@SUM(A1)', '\tcmd']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
    }
    expect(neutraliseFormula('Amal')).toBe('Amal');
  });

  it('quotes commas and quotes, keeps Arabic, and neutralises every cell', () => {
    const csv = toCsv(
      ['Naam', 'Gemeente'],
      [
        ['=1+1', 'Bergen (NH), "oud"'],
        ['أمل', null],
      ],
    ).replace(/^\uFEFF/, '');
    expect(csv.split('\n')).toEqual(['Naam,Gemeente', `'=1+1,"Bergen (NH), ""oud"""`, 'أمل,', '']);
  });
});
