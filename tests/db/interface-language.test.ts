import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { localeCookie } from '~/i18n/locale.server';
import { LOCALES } from '~/i18n/locales';
import { requestContext } from '../request-context';
import { seededAppWorld } from './app-database';
import { PEOPLE } from './fixtures';
import { signInCookie } from './sign-in';

// Issue 17: mail is written in the recipient's interface language. The language switch kept the
// choice in a cookie only, so every notification mail went out in Dutch; signed in, it is now saved
// with the person too.
const world = seededAppWorld();

async function switchTo(lang: string, cookie?: string) {
  const { action } = await import('~/routes/set-language');
  const request = new Request('http://localhost/set-language', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams({ lang, redirectTo: '/notifications' }),
  });
  return action({ request, params: {}, context: requestContext() });
}

const localeOf = (email: string) =>
  runAsSystem(world().database, (tx) =>
    tx.selectFrom('profiles').select('locale').where('id', '=', world().idOf(email)).executeTakeFirstOrThrow(),
  ).then((row) => row.locale);

describe('the language switch', () => {
  it('signed in: the choice is saved as the language of their mail, and the cookie set', async () => {
    const cookie = await signInCookie(PEOPLE.memberA);
    const response = await switchTo('ar', cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/notifications');
    expect(await localeCookie.parse(response.headers.get('Set-Cookie'))).toBe('ar');
    expect(await localeOf(PEOPLE.memberA)).toBe('ar');
    expect(await localeOf(PEOPLE.memberB)).not.toBe('ar');
  });

  it('signed in: Tigrinya, Farsi and Turkish are saved like the others', async () => {
    const cookie = await signInCookie(PEOPLE.memberB);
    for (const lang of ['ti', 'fa', 'tr']) {
      const response = await switchTo(lang, cookie);
      expect(await localeCookie.parse(response.headers.get('Set-Cookie'))).toBe(lang);
      expect(await localeOf(PEOPLE.memberB)).toBe(lang);
    }
  });

  it('a language the app does not have changes nothing', async () => {
    const cookie = await signInCookie(PEOPLE.memberA);
    for (const lang of ['xx', 'ar\u0000', 'a'.repeat(10_000), "nl'; --"]) {
      const response = await switchTo(lang, cookie);
      expect(response.status).toBe(302);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect(await localeOf(PEOPLE.memberA)).toBe('ar');
  });

  it('not signed in: only the cookie', async () => {
    const before = await localeOf(PEOPLE.coordinator);
    const response = await switchTo('en');
    expect(await localeCookie.parse(response.headers.get('Set-Cookie'))).toBe('en');
    expect(await localeOf(PEOPLE.coordinator)).toBe(before);
  });
});

// Migrations 20261208300000 and 20261210200000 (a board's language): a language added to
// app/i18n/locales.ts needs these lists widened too.
describe('the database knows exactly the interface languages', () => {
  it("in the checks on a person, a questionnaire response, a keyword and a board's language, and in the public form", async () => {
    const { checks, form } = await runAsSystem(world().database, async (tx) => ({
      checks: (
        await sql<{ name: string; definition: string }>`
          select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
          where conname in ('profiles_locale_check', 'questionnaire_responses_locale_check',
                            'indicator_keywords_language_check', 'boards_language_check')`.execute(tx)
      ).rows,
      form: (
        await sql<{ source: string }>`
          select prosrc as source from pg_proc where oid = 'private.submit_public_signal'::regproc`.execute(tx)
      ).rows[0]!.source,
    }));
    const codes = (text: string) => [...text.matchAll(/'([a-z]+)'/g)].map((m) => m[1]).sort();
    expect(checks).toHaveLength(4);
    for (const { name, definition } of checks) expect(codes(definition), name).toEqual([...LOCALES].sort());
    expect(codes(/not in \(([^)]*)\)/.exec(form)![1]!)).toEqual([...LOCALES].sort());
  });
});
