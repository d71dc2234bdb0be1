import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatScore } from '~/i18n/format';

describe('dates and numbers in the reader language', () => {
  it('writes Arabic dates, moments and figures with Latin digits, so server and browser render the same text', () => {
    const arabicIndicDigit = /[\u0660-\u0669]/;
    const texts = [
      formatDateTime('2026-12-04T18:30:00Z', 'ar'),
      formatDate('2026-12-04T18:30:00Z', 'ar', 'long'),
      formatMonth('2027-03-01', 'ar'),
      formatNumber(12.5, 'ar'),
    ];
    for (const text of texts) expect(text).not.toMatch(arabicIndicDigit);
    expect(texts[0]).toMatch(/2026.*7:30/);
    expect(texts[3]).toMatch(/^12.5$/);
  });

  it('reads moments on the Dutch clock whatever the server zone', () => {
    expect(formatDateTime('2026-07-01T22:30:00Z', 'nl')).toBe('2 jul 2026, 00:30');
    expect(formatDate('2026-07-01T22:30:00Z', 'en')).toBe('Jul 2, 2026');
  });

  it('writes mean scores with two decimals and the reader decimal sign (a Dutch page reads "2,96", not "2.96")', () => {
    expect(formatScore(2.956, 'nl')).toBe('2,96');
    expect(formatScore(3, 'nl')).toBe('3,00');
    expect(formatScore(2.956, 'en')).toBe('2.96');
    expect(formatScore(2.956, 'ar')).toBe('2.96');
  });
});
