import { describe, expect, it } from 'vitest';
import { localDateOf, nextDailyRun } from '~/jobs/daily.server';

/** Daily jobs (digests at 08:00, due events at 07:00) on the Amsterdam wall clock, across DST changes. */
describe('nextDailyRun', () => {
  it('runs at 08:00 Amsterdam time: 07:00 UTC in winter, 06:00 UTC in summer', () => {
    expect(nextDailyRun(new Date('2026-12-07T05:00:00Z'), 8)).toEqual({
      runAt: new Date('2026-12-07T07:00:00Z'),
      localDate: '2026-12-07',
    });
    expect(nextDailyRun(new Date('2027-06-01T05:00:00Z'), 8)).toEqual({
      runAt: new Date('2027-06-01T06:00:00Z'),
      localDate: '2027-06-01',
    });
  });

  it('at or after today’s run, the next is tomorrow’s', () => {
    expect(nextDailyRun(new Date('2026-12-07T07:00:00Z'), 8).runAt).toEqual(new Date('2026-12-08T07:00:00Z'));
    expect(nextDailyRun(new Date('2026-12-07T22:59:59Z'), 8).localDate).toBe('2026-12-08');
    // 00:30 in Amsterdam is still the evening before in UTC: the day counts on the local clock.
    expect(nextDailyRun(new Date('2026-12-07T23:30:00Z'), 8)).toEqual({
      runAt: new Date('2026-12-08T07:00:00Z'),
      localDate: '2026-12-08',
    });
  });

  it('spring forward (Sunday 28 March 2027): Saturday 08:00 CET, Sunday 08:00 CEST, 23 hours apart', () => {
    const saturday = nextDailyRun(new Date('2027-03-27T06:00:00Z'), 8);
    expect(saturday).toEqual({ runAt: new Date('2027-03-27T07:00:00Z'), localDate: '2027-03-27' });
    const sunday = nextDailyRun(saturday.runAt, 8);
    expect(sunday).toEqual({ runAt: new Date('2027-03-28T06:00:00Z'), localDate: '2027-03-28' });
    expect(sunday.runAt.getTime() - saturday.runAt.getTime()).toBe(23 * 3_600_000);
    // Monday's weekly digest: 08:00 CEST.
    expect(nextDailyRun(sunday.runAt, 8)).toEqual({ runAt: new Date('2027-03-29T06:00:00Z'), localDate: '2027-03-29' });
  });

  it('fall back (Sunday 25 October 2026): Saturday 08:00 CEST, Sunday 08:00 CET, 25 hours apart', () => {
    const saturday = nextDailyRun(new Date('2026-10-24T05:00:00Z'), 8);
    expect(saturday).toEqual({ runAt: new Date('2026-10-24T06:00:00Z'), localDate: '2026-10-24' });
    const sunday = nextDailyRun(saturday.runAt, 8);
    expect(sunday).toEqual({ runAt: new Date('2026-10-25T07:00:00Z'), localDate: '2026-10-25' });
    expect(sunday.runAt.getTime() - saturday.runAt.getTime()).toBe(25 * 3_600_000);
    // The hour that happens twice (02:00–03:00) does not make the 07:00 events job run twice.
    expect(nextDailyRun(new Date('2026-10-25T00:30:00Z'), 7)).toEqual({
      runAt: new Date('2026-10-25T06:00:00Z'),
      localDate: '2026-10-25',
    });
    expect(nextDailyRun(new Date('2026-10-25T01:30:00Z'), 7).runAt).toEqual(new Date('2026-10-25T06:00:00Z'));
  });

  it('the local day of an instant', () => {
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(localDateOf(new Date('2027-03-28T21:59:59Z'))).toBe('2027-03-28');
  });
});
