import { describe, expect, it } from 'vitest';
import { countProgress, judgeProgress } from '~/monitoring/progress';
import { measureSchema, targetSchema } from '~/monitoring/schema.server';

const CORE = '11111111-1111-4111-8111-111111111111';
const years = (...values: number[]) => values.map((value, i) => ({ start: `${2022 + i}-01-01`, value }));

describe('progress to a target', () => {
  it('is no data without a direction, a target or a figure', () => {
    const target = [{ dueYear: 2027, value: 70 }];
    expect(judgeProgress(null, years(40, 50), target).status).toBe('no_data');
    expect(judgeProgress('higher', years(40, 50), []).status).toBe('no_data');
    expect(judgeProgress('higher', [], target).status).toBe('no_data');
  });

  it('is on track when the latest figure lies on the good side of the line to the target', () => {
    // 2022: 40, 2027 ends at 70 → the line gains 5 a year: 45 expected in 2023.
    const progress = judgeProgress('higher', years(40, 46), [{ dueYear: 2027, value: 70 }]);
    expect(progress.status).toBe('on_track');
    expect(progress.expected).toBeCloseTo(45, 1);
  });

  it('is behind when the latest figure lags the line', () => {
    expect(judgeProgress('higher', years(40, 42), [{ dueYear: 2027, value: 70 }]).status).toBe('behind');
  });

  it('honours "lower is better": falling towards a lower target is on track, rising is behind', () => {
    const target = [{ dueYear: 2027, value: 10 }];
    expect(judgeProgress('lower', years(40, 33), target).status).toBe('on_track');
    expect(judgeProgress('lower', years(40, 45), target).status).toBe('behind');
    // The same figures with "higher is better" turn around.
    expect(judgeProgress('higher', years(40, 45), [{ dueYear: 2027, value: 70 }]).status).toBe('on_track');
  });

  it('is on track as soon as the target is reached, even from one figure', () => {
    const progress = judgeProgress('higher', years(75), [{ dueYear: 2027, value: 70 }]);
    expect(progress).toEqual({ status: 'on_track', target: { dueYear: 2027, value: 70 }, expected: null });
  });

  it('says nothing about a course from a single figure short of the target', () => {
    expect(judgeProgress('higher', years(40), [{ dueYear: 2027, value: 70 }]).status).toBe('no_data');
  });

  it('is behind once the year of the target has passed without reaching it', () => {
    // 2022–2026, last figure 2026 but the target was due in 2024: the line stays at 70.
    const progress = judgeProgress('higher', years(40, 50, 60, 65, 69), [{ dueYear: 2024, value: 70 }]);
    expect(progress.status).toBe('behind');
    expect(progress.expected).toBe(70);
  });

  it('judges against the first target due in or after the latest figure', () => {
    const targets = [
      { dueYear: 2030, value: 90 },
      { dueYear: 2023, value: 45 },
      { dueYear: 2025, value: 60 },
    ];
    expect(judgeProgress('higher', years(40, 45, 50), targets).target).toEqual({ dueYear: 2025, value: 60 });
  });

  it('takes figures in period order, whatever order they come in', () => {
    const series = [
      { start: '2023-04-01', value: 47 }, // the line stands at 46.25 on 1 April 2023
      { start: '2022-01-01', value: 40 },
    ];
    expect(judgeProgress('higher', series, [{ dueYear: 2027, value: 70 }]).status).toBe('on_track');
  });

  it('counts a goal’s core indicators per status', () => {
    expect(countProgress(['on_track', 'behind', 'no_data', 'behind'])).toEqual({ on_track: 1, behind: 2, no_data: 1 });
  });
});

describe('target and measure forms', () => {
  it.each([
    ['0000', 'monitoring.errors.dueYear'],
    ['1989', 'monitoring.errors.dueYear'],
    ['2101', 'monitoring.errors.dueYear'],
    ['2027.5', 'monitoring.errors.dueYear'],
    ['20x7', 'monitoring.errors.dueYear'],
    ['', 'errors.required'],
  ])('refuses the year %j', (dueYear, message) => {
    const result = targetSchema.safeParse({ coreIndicatorId: CORE, dueYear, value: '70' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it.each(['NaN', '1e309', 'Infinity', '-', '1.234,5', '7'.repeat(41), '70\u0000'])('refuses the value %j', (value) => {
    const result = targetSchema.safeParse({ coreIndicatorId: CORE, dueYear: '2027', value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['value']);
  });

  it('reads a year and a decimal comma', () => {
    expect(targetSchema.parse({ coreIndicatorId: CORE, dueYear: ' 2027 ', value: '62,5' })).toEqual({
      coreIndicatorId: CORE,
      dueYear: 2027,
      value: 62.5,
    });
  });

  it('refuses a direction that is not one of the two, and a unit with a NUL byte', () => {
    expect(measureSchema.safeParse({ coreIndicatorId: CORE, direction: 'sideways', unit: '%' }).success).toBe(false);
    expect(measureSchema.safeParse({ coreIndicatorId: CORE, direction: 'lower', unit: '%\u0000' }).success).toBe(false);
    expect(measureSchema.parse({ coreIndicatorId: CORE, direction: 'lower', unit: '%' }).direction).toBe('lower');
  });
});
