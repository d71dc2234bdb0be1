import { describe, expect, it } from 'vitest';
import { adviceSchema, commentSchema, parseRegisterFilters } from '~/advice/schema.server';
import { readForm, readFormBody } from '~/input/request.server';
import { integer, optionalText, requiredText } from '~/input/fields.server';
import { textFromElsewhere, uploadedFileName } from '~/input/text';
import { isCalendarDate, isLocalDateTime, isMonth } from '~/input/values';
import { deleteAccountSchema, profileSchema, signInSchema } from '~/people/schema.server';
import { stepAnswerSchema } from '~/questionnaires/schema.server';
import { calendarQuerySchema, planSessionSchema } from '~/sessions/schema.server';
import { monthGrid } from '~/sessions/time';
import { signalFiltersSchema } from '~/signals/filters.server';
import { parseForm } from '~/ui/forms';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
};

describe('typed text', () => {
  it('refuses NUL and other control characters with a translated message, keeping tab and newline', () => {
    expect(requiredText(100).safeParse('a\u0000b').error?.issues[0]?.message).toBe('errors.controlCharacters');
    expect(requiredText(100).safeParse('a\u001bb').error?.issues[0]?.message).toBe('errors.controlCharacters');
    expect(requiredText(100).parse('col 1\tcol 2\nnext line')).toBe('col 1\tcol 2\nnext line');
  });

  it('turns CR LF (and a word processor’s soft breaks) into LF and drops bidi controls, keeping the marks Arabic typing uses', () => {
    expect(requiredText(100).parse('one\r\ntwo\rthree\vfour\ffive')).toBe('one\ntwo\nthree\nfour\nfive');
    expect(requiredText(100).parse('\u202Etxt.exe\u202C \u2066x\u2069')).toBe('txt.exe x');
    expect(optionalText(100).parse('مرحبا\u200F 2025')).toBe('مرحبا\u200F 2025');
  });

  it('is what every form of the app uses: NUL in advice, a comment or a display name is refused, not stored', () => {
    expect(commentSchema.safeParse({ body: 'zeer\u0000 mee eens' }).error?.issues[0]?.message).toBe(
      'errors.controlCharacters',
    );
    const advice = adviceSchema.safeParse({
      title: 'Titel\u0000',
      insight: '<p>inzicht</p>',
      opportunities: 'kans',
      indicators: ['work'],
      processPart: 'pip',
      addressees: [],
      coreIndicators: [],
    });
    expect(advice.error?.issues.map((i) => [i.path[0], i.message])).toContainEqual([
      'title',
      'errors.controlCharacters',
    ]);
    const profile = profileSchema.safeParse({
      displayName: 'Yonas\u0000',
      municipalityId: '',
      arrivalYear: '',
      languages: [],
      themes: [],
      availability: [],
      contactPreference: '',
      route: '',
      phone: '',
    });
    expect(profile.error?.issues[0]?.message).toBe('errors.controlCharacters');
  });

  it('gives a refused form back without the control characters, so what is shown can be sent again', () => {
    const parsed = parseForm(commentSchema, form({ body: 'mee\u0000 eens' }));
    expect(parsed).toEqual({ ok: false, errors: { body: 'errors.controlCharacters' }, values: { body: 'mee eens' } });
  });

  it('drops what it cannot store from text the server takes from a live board (no one to tell)', () => {
    expect(textFromElsewhere('\u202EKaart\u0000 met\r\nregels\u202C ')).toBe('Kaart met\nregels');
  });

  it('keeps only the name of an upload, without controls or bidi tricks', () => {
    expect(uploadedFileName('C:\\Users\\x\\Overzicht Q1=2025.csv', 'import.csv')).toBe('Overzicht Q1=2025.csv');
    expect(uploadedFileName('\u202Evsc.exe', 'import.csv')).toBe('vsc.exe');
    expect(uploadedFileName('a\u0000\r\nb.csv', 'import.csv')).toBe('ab.csv');
    expect(uploadedFileName('\u0000', 'import.csv')).toBe('import.csv');
  });
});

describe('dates, months and numbers', () => {
  it('accepts real calendar days within 1900–2200 only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of [
      '2026-99-99',
      '2026-02-30',
      '2025-02-29',
      '0000-01-01',
      '1899-12-31',
      '2201-01-01',
      '2026-1-1',
    ]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    expect(isMonth('2026-12')).toBe(true);
    expect(isMonth('0000-01')).toBe(false);
    expect(isMonth('2026-13')).toBe(false);
    expect(isLocalDateTime('2026-03-01T19:30')).toBe(true);
    expect(isLocalDateTime('2026-02-30T19:30')).toBe(false);
    expect(isLocalDateTime('2026-03-01T24:00')).toBe(false);
  });

  it('reads whole numbers written in digits, within their range', () => {
    const capacity = integer(1, 1000, 'x');
    expect(capacity.parse(' 12 ')).toBe(12);
    for (const bad of ['1e308', '99999999999999999999', '-1', '0x10', '1.5', '', '1e2']) {
      expect(capacity.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('gives the calendar the current month for a month outside the window, instead of looping', () => {
    expect(calendarQuerySchema.parse({ month: '0000-01' })).toEqual({ month: undefined, view: undefined });
    expect(calendarQuerySchema.parse({ month: '2026-99', view: 'x' })).toEqual({ month: undefined, view: undefined });
    expect(() => monthGrid('0000-01', 'Europe/Amsterdam')).toThrow(RangeError);
  });

  it('lays out every month of the window in four to six whole weeks', () => {
    for (let year = 1900; year <= 2200; year += 1) {
      for (const month of ['01', '02', '06', '12']) {
        const { days } = monthGrid(`${year}-${month}`, 'Europe/Amsterdam');
        expect(days.length % 7).toBe(0);
        expect(days.length).toBeGreaterThanOrEqual(28);
        expect(days.length).toBeLessThanOrEqual(42);
      }
    }
  });

  it('leaves out query filters that are not real: /advice?from=2026-99-99 shows the register unfiltered', () => {
    const filters = parseRegisterFilters(new URLSearchParams({ from: '2026-99-99', to: '0000-01-01', page: '1e308' }));
    expect(filters).toMatchObject({ from: undefined, to: undefined, page: 1 });
    expect(signalFiltersSchema.parse({ month: '0000-01', page: '99999999999999999999', q: 'a\u0000b' })).toMatchObject({
      month: undefined,
      page: undefined,
      q: 'a b',
    });
  });

  it('refuses a session on a day that does not exist, and a series with one', () => {
    const base = { title: 'Sessie', date: '2026-02-30', startTime: '19:00', endTime: '21:00' };
    expect(planSessionSchema.safeParse(base).error?.issues[0]?.message).toBe('sessionErrors.date');
    const series = { ...base, date: '2026-03-02', repeat: 'dates', extraDates: '2026-03-09 2026-99-99' };
    expect(planSessionSchema.safeParse(series).error?.issues[0]?.message).toBe('sessionErrors.extraDates');
  });
});

describe('questionnaire answers', () => {
  const choice = { kind: 'single' as const, options: [{ id: 'a1' }, { id: 'a2' }] };

  it('takes only the question’s own options, one for a single choice, and open text the database can hold', () => {
    expect(stepAnswerSchema(choice).parse({ option: ['a2'] })).toEqual({ scale: null, options: ['a2'], text: null });
    expect(stepAnswerSchema(choice).safeParse({ option: ['not-an-option'] }).success).toBe(false);
    expect(stepAnswerSchema(choice).safeParse({ option: ['a1', 'a2'] }).success).toBe(false);
    expect(stepAnswerSchema({ kind: 'scale', options: [] }).safeParse({ scale: '99999999999999999999' }).success).toBe(
      false,
    );
    expect(stepAnswerSchema({ kind: 'open', options: [] }).safeParse({ text: 'x'.repeat(2001) }).success).toBe(false);
  });
});

describe('reading a form post', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request('http://localhost/x', { method: 'POST', body, headers });

  it('reads url-encoded and multipart forms alike', async () => {
    const urlencoded = await readFormBody(post(new URLSearchParams({ title: 'a' })));
    expect(urlencoded.ok && urlencoded.form.get('title')).toBe('a');
    const data = new FormData();
    data.set('file', new File(['x'], 'Overzicht Q1=2025.csv'));
    const body = await readFormBody(post(data));
    expect(body.ok && (body.form.get('file') as File).name).toBe('Overzicht Q1=2025.csv');
  });

  it('answers 400 for a JSON, text or broken multipart body, and 413 past the limit', async () => {
    const status = (request: Request, max?: number) =>
      readForm(request, max).then(
        () => 200,
        (response: Response) => response.status,
      );
    expect(await status(post('{"title":"a"}', { 'content-type': 'application/json' }))).toBe(400);
    expect(await status(post('title=a', { 'content-type': 'text/plain' }))).toBe(400);
    expect(await status(post('garbage', { 'content-type': 'multipart/form-data; boundary=zz' }))).toBe(400);
    expect(await status(post(new URLSearchParams({ title: 'x'.repeat(100) })), 50)).toBe(413);
  });
});

describe('confirming an account deletion', () => {
  const confirms = (confirm: string) => deleteAccountSchema.safeParse({ confirm }).success;

  it('takes the word each interface language asks for, in any case', () => {
    for (const word of ['VERWIJDER', 'verwijder', 'delete', 'احذف', 'ሰርዝ', 'حذف', 'SİL', 'sil', ' Delete ']) {
      expect(confirms(word), word).toBe(true);
    }
  });

  it('refuses anything else, with the translated reason', () => {
    for (const word of ['', 'yes', 'verwijderen', 'DELETE!', 'x'.repeat(101), 'de\u0000lete']) {
      expect(confirms(word), word).toBe(false);
    }
    const result = deleteAccountSchema.safeParse({ confirm: 'ja' });
    expect(result.error?.issues[0]?.message).toBe('people.errors.confirmDelete');
  });
});
