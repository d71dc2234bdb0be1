import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { arSA, enUS, nl } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatDate,
  formatDateTime,
  formatInZone,
  formatMonth,
  formatNumber,
  formatRange,
  formatScore,
  type TimeStyle,
} from '~/i18n/format';
import { direction, intlLocale, localeName, LOCALES } from '~/i18n/locales';

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

  it('writes a plain space before PM, as Chromium does (Node writes a narrow one: a hydration error)', () => {
    expect(formatDateTime('2026-12-05T17:59:00Z', 'en')).toBe('Dec 5, 2026, 6:59 PM');
  });

  it('writes mean scores with two decimals and the reader decimal sign (a Dutch page reads "2,96", not "2.96")', () => {
    expect(formatScore(2.956, 'nl')).toBe('2,96');
    expect(formatScore(3, 'nl')).toBe('3,00');
    expect(formatScore(2.956, 'en')).toBe('2.96');
    expect(formatScore(2.956, 'ar')).toBe('2.96');
  });
});

describe('session times as date-fns wrote them', () => {
  // The pattern and locales formatInZone replaced (app/i18n/format.ts): its Intl text must not differ.
  const PATTERNS: Record<TimeStyle, string> = {
    full: 'EEEE d MMMM yyyy, HH:mm',
    date: 'EEEE d MMMM yyyy',
    time: 'HH:mm',
    day: 'd',
    weekday: 'EEEE',
    month: 'MMMM yyyy',
  };
  const DATE_LOCALES = { nl, en: enUS, ar: arSA };

  it('writes every style in nl, en and ar, in zones east and west and across clock changes, like date-fns', () => {
    const differences: string[] = [];
    // Every 31 hours through 2026 and 2027: each hour of the day, each weekday and month, both DST switches.
    for (let time = Date.UTC(2026, 0, 1, 0, 7); time < Date.UTC(2028, 0, 1); time += 31 * 3_600_000) {
      for (const zone of ['Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
        for (const locale of ['nl', 'en', 'ar'] as const) {
          for (const style of Object.keys(PATTERNS) as TimeStyle[]) {
            const expected = format(new TZDate(time, zone), PATTERNS[style], { locale: DATE_LOCALES[locale] });
            const actual = formatInZone(new Date(time), zone, locale, style);
            if (actual !== expected) differences.push(`${locale} ${zone} ${style}: ${actual} ≠ ${expected}`);
          }
        }
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('names the end time only when a range ends on its first day', () => {
    expect(formatRange('2026-10-24T17:00:00Z', '2026-10-25T09:30:00Z', 'Europe/Amsterdam', 'en')).toBe(
      'Saturday 24 October 2026, 19:00 – Sunday 25 October 2026, 10:30',
    );
    expect(formatRange('2026-10-20T17:00:00Z', '2026-10-20T19:00:00Z', 'Europe/Amsterdam', 'ar')).toBe(
      'الثلاثاء 20 أكتوبر 2026, 19:00 – 21:00',
    );
  });
});

describe('Tigrinya, Farsi and Turkish pages', () => {
  it('Farsi reads right to left like Arabic; the others left to right', () => {
    expect(LOCALES.filter((locale) => direction(locale) === 'rtl')).toEqual(['ar', 'fa']);
  });

  it('dates Farsi pages on the Gregorian calendar with Western digits, as sessions are dated in the Netherlands', () => {
    // Plain `fa` would write the Solar Hijri "۱۳ آذر ۱۴۰۵" in Persian digits.
    const texts = [
      formatDate('2026-12-04', 'fa', 'long'),
      formatDateTime('2026-12-04T18:30:00Z', 'fa'),
      formatMonth('2027-03-01', 'fa'),
      formatInZone('2026-12-04T18:30:00Z', 'Europe/Amsterdam', 'fa'),
      formatNumber(1234.5, 'fa'),
    ];
    for (const text of texts) expect(text).not.toMatch(/[\u06F0-\u06F9\u0660-\u0669]|1405/);
    expect(texts[0]).toBe('4 دسامبر 2026');
    expect(texts[2]).toBe('مارس 2027');
    expect(texts[3]).toBe('جمعه 4 دسامبر 2026, 19:30');
    expect(formatScore(2.956, 'fa')).toBe('2.96');
  });

  it('counts the decimals a figure was entered with, and cuts a computed one to the decimals asked for', () => {
    expect([decimalsOf(41), decimalsOf(43.5), decimalsOf(0.125), decimalsOf(-2.75), decimalsOf(1e21)]).toEqual([0, 1, 3, 2, 0]);
    // A sum of binary fractions is shown as entered (six decimals at most), so it counts as such.
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
    expect(formatNumber(43.40361445783, 'nl')).toBe('43,403614');
    expect(formatNumber(43.40361445783, 'nl', 1)).toBe('43,4');
  });

  it('writes Turkish with its own decimal comma, and Tigrinya dates in British English order with Tigrinya names', () => {
    expect(formatScore(2.956, 'tr')).toBe('2,96');
    expect(formatNumber(1234.5, 'tr')).toBe('1.234,5');
    expect(formatInZone('2026-12-04T18:30:00Z', 'Europe/Amsterdam', 'tr')).toBe('Cuma 4 Aralık 2026, 19:30');
    // Chromium has no Tigrinya date names (it would write American English where Node writes Tigrinya):
    // British English's order with our own Tigrinya names, the same in both.
    expect(formatDate('2026-12-04', 'ti', 'long')).toBe('4 ታሕሳስ 2026');
    expect(formatDate('2026-09-04', 'ti')).toBe('4 መስከረም 2026');
    expect(formatMonth('2027-03-01', 'ti')).toBe('መጋቢት 2027');
    expect(formatDateTime('2026-12-04T18:30:00Z', 'ti')).toBe('4 ታሕሳስ 2026, 19:30');
    expect(formatRange('2026-10-20T17:00:00Z', '2026-10-20T19:00:00Z', 'Europe/Amsterdam', 'ti')).toBe(
      'ሰሉስ 20 ጥቅምቲ 2026, 19:00 – 21:00',
    );
    expect(formatInZone('2026-11-01T12:00:00Z', 'Europe/Amsterdam', 'ti', 'weekday')).toBe('ሰንበት');
  });

  it('names every language in itself and formats it with a locale Intl knows', () => {
    expect(LOCALES.map(localeName)).toEqual(['Nederlands', 'English', 'العربية', 'ትግርኛ', 'فارسی', 'Türkçe']);
    for (const locale of LOCALES) expect(Intl.DateTimeFormat.supportedLocalesOf(intlLocale(locale))).toHaveLength(1);
  });
});
