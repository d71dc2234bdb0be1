import { describe, expect, it } from 'vitest';
import { formatDate } from '~/i18n/format';
import { organisationMemberSchema } from '~/organisations/schema.server';
import { createWaveSchema, questionnaireDetailsSchema, waveDatesSchema } from '~/questionnaires/schema.server';
import { suggestNextWave, todayInAmsterdam } from '~/questionnaires/waves';
import { parseForm } from '~/ui/forms';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe('suggesting the next wave', () => {
  it('every six months after the latest wave opened, open as long as that one was', () => {
    const waves = [
      { opens_on: '2026-03-01', closes_on: '2026-03-29' },
      { opens_on: '2026-09-01', closes_on: '2026-09-15' },
    ];
    expect(suggestNextWave(waves, 6, '2026-11-23')).toEqual({
      opensOn: '2027-03-01',
      closesOn: '2027-03-15',
      dueOn: '2027-03-01',
    });
  });

  it('never suggests a start in the past; four weeks when the latest wave had no end', () => {
    expect(suggestNextWave([{ opens_on: '2025-01-10', closes_on: null }], 6, '2026-11-23')).toEqual({
      opensOn: '2026-11-23',
      closesOn: '2026-12-21',
      dueOn: '2025-07-10',
    });
  });

  it('without a rhythm or an earlier wave: from today, nothing due', () => {
    expect(suggestNextWave([], 6, '2026-11-23')).toEqual({
      opensOn: '2026-11-23',
      closesOn: '2026-12-21',
      dueOn: null,
    });
    expect(suggestNextWave([{ opens_on: '2026-01-01', closes_on: '2026-01-31' }], null, '2026-11-23').dueOn).toBeNull();
  });

  it('the month arithmetic keeps to real days (31 August + 6 months is the end of February)', () => {
    expect(suggestNextWave([{ opens_on: '2026-08-31', closes_on: null }], 6, '2026-01-01').opensOn).toBe('2027-02-28');
  });

  it('today is the Dutch date, also late in the evening UTC', () => {
    expect(todayInAmsterdam(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(formatDate('2027-03-01', 'nl', 'long')).toBe('1 maart 2027');
    // Arabic with Latin digits on every runtime, so server and browser render the same text.
    expect(formatDate('2027-03-01', 'ar', 'long')).toMatch(/^1 .+ 2027$/);
  });
});

describe('forms of the builder', () => {
  it('a wave may not end before it starts, and the typed dates come back', () => {
    const parsed = parseForm(
      createWaveSchema,
      form({
        name: 'Ronde 2',
        mode: 'anonymous',
        respondentGroupId: crypto.randomUUID(),
        opensOn: '2027-03-01',
        closesOn: '2027-02-01',
      }),
    );
    expect(parsed).toMatchObject({
      ok: false,
      errors: { closesOn: 'questionnaires.errors.closesBeforeOpens' },
      values: { opensOn: '2027-03-01', closesOn: '2027-02-01' },
    });
  });

  it('a wave names the group it asks by id; anything else is refused with its message', () => {
    for (const respondentGroupId of ['', 'coaches', "1' or '1'='1", '\u0000']) {
      const parsed = parseForm(
        createWaveSchema,
        form({ name: 'Ronde 2', mode: 'anonymous', respondentGroupId, opensOn: '2027-03-01' }),
      );
      expect(parsed).toMatchObject({
        ok: false,
        errors: { respondentGroupId: 'questionnaires.errors.respondentGroup' },
      });
    }
  });

  it('an impossible day is refused; an empty end means open-ended', () => {
    const wrong = parseForm(
      waveDatesSchema,
      form({ waveId: crypto.randomUUID(), opensOn: '2027-02-30', closesOn: '' }),
    );
    expect(wrong).toMatchObject({ ok: false, errors: { opensOn: 'questionnaires.errors.date' } });
    const open = parseForm(waveDatesSchema, form({ waveId: crypto.randomUUID(), opensOn: '2027-02-28', closesOn: '' }));
    expect(open).toMatchObject({ ok: true, data: { closesOn: null } });
  });

  it('the rhythm is a number of months from the list, or none', () => {
    const base = { titleNl: 'T', titleEn: '', titleAr: '', introNl: '', introEn: '', introAr: '' };
    expect(parseForm(questionnaireDetailsSchema, form({ ...base, repeatMonths: '6' }))).toMatchObject({
      ok: true,
      data: { repeatMonths: 6 },
    });
    expect(parseForm(questionnaireDetailsSchema, form({ ...base, repeatMonths: '' }))).toMatchObject({
      ok: true,
      data: { repeatMonths: null },
    });
    expect(parseForm(questionnaireDetailsSchema, form({ ...base, repeatMonths: '99' }))).toMatchObject({
      ok: false,
      errors: { repeatMonths: 'questionnaires.errors.repeat' },
    });
  });

  it('adding a person needs a valid e-mail address, and keeps what was typed', () => {
    expect(parseForm(organisationMemberSchema, form({ intent: 'addMember', email: 'niet-een-adres' }))).toMatchObject({
      ok: false,
      errors: { email: 'errors.email' },
      values: { email: 'niet-een-adres' },
    });
    expect(
      parseForm(organisationMemberSchema, form({ intent: 'addMember', email: ' Lid@Demo.Expertpool.nl ' })),
    ).toMatchObject({
      ok: true,
      data: { email: 'lid@demo.expertpool.nl' },
    });
  });
});
