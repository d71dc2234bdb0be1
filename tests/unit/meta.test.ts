import type { MetaArgs } from '@remix-run/react';
import { describe, expect, it } from 'vitest';
import { pageTitle, storedTitle } from '~/ui/meta';

/** What Remix hands a meta function: the matched routes with their loader data. */
const args = (locale: unknown, data?: unknown) =>
  ({ matches: [{ id: 'root', data: { locale } }], data }) as unknown as MetaArgs<() => Promise<unknown>>;

describe('page titles', () => {
  it("translate the route's title into the page's language", () => {
    expect(pageTitle('login.title')(args('nl'))).toEqual([{ title: 'Inloggen · Expertpool' }]);
    expect(pageTitle('login.title')(args('en'))).toEqual([{ title: 'Sign in · Expertpool' }]);
    expect(pageTitle('login.title')(args('ar'))).toEqual([{ title: 'تسجيل الدخول · Expertpool' }]);
  });

  it('fall back to Dutch without a known language, and fill placeholders from the data', () => {
    expect(pageTitle('login.title')(args(undefined))).toEqual([{ title: 'Inloggen · Expertpool' }]);
    const versions = pageTitle<{ title: string }>('advice.versions.title', (d) => ({ title: d.title }));
    expect(versions(args('en', { title: 'Intake' }))).toEqual([{ title: 'Versions of “Intake” · Expertpool' }]);
    // A page whose loader failed has no data to fill in.
    expect(versions(args('en'))).toEqual([{ title: 'Expertpool' }]);
  });

  it('drop direction controls from stored text, so it cannot reverse the rest of the title', () => {
    const versions = pageTitle<{ title: string }>('advice.versions.title', (d) => ({ title: d.title }));
    expect(versions(args('nl', { title: 'Intake \u202Egnp.exe' }))).toEqual([
      { title: 'Versies van “Intake gnp.exe” · Expertpool' },
    ]);
    expect(storedTitle('Bord \u2067مرحبا', 'Alkmaar\u202C')).toBe('Bord مرحبا · Alkmaar · Expertpool');
  });
});
