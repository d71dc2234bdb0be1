import { describe, expect, it } from 'vitest';
import { removeSizeClassSchema, sizeClassSchema } from '~/monitoring/schema.server';
import { respondentGroupSchema } from '~/questionnaires/schema.server';
import { parseForm } from '~/ui/forms';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe("the size classes' form", () => {
  it('takes a whole number of inhabitants as people write it', () => {
    for (const [typed, value] of [
      ['0', 0],
      ['20000', 20_000],
      ['20.000', 20_000],
      ['20 000', 20_000],
      [' 250000 ', 250_000],
      ['100.000.000', 100_000_000],
    ] as const) {
      expect(parseForm(sizeClassSchema, form({ minInhabitants: typed }))).toEqual({
        ok: true,
        data: { minInhabitants: value },
      });
    }
  });

  it('refuses anything else with a message by the field, and gives back what was typed', () => {
    const cases: [string, string][] = [
      ['', 'errors.required'],
      ['-1', 'monitoring.sizeClasses.errors.whole'],
      ['1,5', 'monitoring.sizeClasses.errors.whole'],
      ['1e5', 'monitoring.sizeClasses.errors.whole'],
      ['20.00', 'monitoring.sizeClasses.errors.whole'],
      ['0000020000000000', 'monitoring.sizeClasses.errors.whole'],
      ['twintig', 'monitoring.sizeClasses.errors.whole'],
      ['2\u00000', 'monitoring.sizeClasses.errors.whole'],
      ['9'.repeat(1_000_000), 'monitoring.sizeClasses.errors.whole'],
      ['100000001', 'monitoring.sizeClasses.errors.range'],
      ['999.999.999', 'monitoring.sizeClasses.errors.range'],
    ];
    for (const [typed, message] of cases) {
      const parsed = parseForm(sizeClassSchema, form({ minInhabitants: typed }));
      expect(parsed, typed.slice(0, 20)).toMatchObject({ ok: false, errors: { minInhabitants: message } });
    }
    expect(parseForm(sizeClassSchema, form({ minInhabitants: '1,5' }))).toMatchObject({
      values: { minInhabitants: '1,5' },
    });
  });

  it('names a class to change or remove only by its id', () => {
    expect(parseForm(sizeClassSchema, form({ id: 'abc', minInhabitants: '5' })).ok).toBe(false);
    expect(removeSizeClassSchema.safeParse({ id: "' or 1=1" }).success).toBe(false);
  });
});

describe("the respondent groups' form", () => {
  it('takes a name of 1–80 characters without control characters', () => {
    expect(parseForm(respondentGroupSchema, form({ name: ' Werkgevers ' }))).toEqual({
      ok: true,
      data: { name: 'Werkgevers' },
    });
    for (const name of ['', '   ', 'x'.repeat(81), 'Werk\u0000gevers']) {
      expect(parseForm(respondentGroupSchema, form({ name })).ok).toBe(false);
    }
  });
});
