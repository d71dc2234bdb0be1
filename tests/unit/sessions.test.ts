import { describe, expect, it } from 'vitest';
import { renderAgenda } from '~/sessions/agenda.server';
import { formatRange } from '~/i18n/format';
import { isTimeZone, overlaps, wallClockToInstant, weeklyStarts } from '~/sessions/time';

describe('session times', () => {
  it('turns Amsterdam wall-clock time into the right UTC instant on both sides of a DST change', () => {
    expect(wallClockToInstant('2026-10-24', '19:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-10-24T17:00:00.000Z',
    );
    expect(wallClockToInstant('2026-10-25', '19:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-10-25T18:00:00.000Z',
    );
    expect(wallClockToInstant('2026-03-29', '12:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
  });

  it('repeats weekly at the same wall-clock time, spring forward too', () => {
    const starts = weeklyStarts(wallClockToInstant('2026-03-24', '19:00', 'Europe/Amsterdam'), 2, 'Europe/Amsterdam');
    expect(starts.map((d) => d.toISOString())).toEqual(['2026-03-24T18:00:00.000Z', '2026-03-31T17:00:00.000Z']);
  });

  it('formats a range in the viewer’s language, with one date when it is the same day', () => {
    const range = formatRange('2026-10-20T17:00:00Z', '2026-10-20T19:00:00Z', 'Europe/Amsterdam', 'nl');
    expect(range).toBe('dinsdag 20 oktober 2026, 19:00 – 21:00');
  });

  it('accepts real IANA zones only', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it('treats touching sessions as no clash and overlapping ones as a clash', () => {
    const a = { starts_at: '2026-11-01T18:00Z', ends_at: '2026-11-01T20:00Z' };
    expect(overlaps(a, { starts_at: '2026-11-01T20:00Z', ends_at: '2026-11-01T21:00Z' })).toBe(false);
    expect(overlaps(a, { starts_at: '2026-11-01T19:30Z', ends_at: '2026-11-01T21:00Z' })).toBe(true);
  });
});

describe('agenda text', () => {
  it('renders Markdown and strips scripts, handlers and images', () => {
    const html = renderAgenda(
      '1. **Welkom**\n2. [Uitleg](https://example.org)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>',
    );
    expect(html).toContain('<strong>Welkom</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">Uitleg</a>');
    expect(html).not.toMatch(/script|onerror|<img/);
  });

  it('drops javascript: links', () => {
    expect(renderAgenda('[klik](javascript:alert(1))')).not.toContain('javascript');
  });
});
