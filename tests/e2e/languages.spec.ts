import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, unfoldMenu } from './helpers';

/**
 * Issue 19: Tigrinya, Farsi and Turkish, chosen through the header's switcher as a person does, on a
 * 360 px phone. The language is chosen before signing in, so it lives in this browser's cookie only and the
 * demo member's own language (that of their mail, which other specs read) stays as it is.
 */
test.use({ viewport: { width: 360, height: 800 } });

/** A text of the language's files (app/i18n/<lang>/*.json), the same the page shows. */
function text(locale: string, file: string, key: string): string {
  const tree: unknown = JSON.parse(readFileSync(path.resolve('app/i18n', locale, `${file}.json`), 'utf8'));
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
  if (typeof value !== 'string') throw new Error(`${locale}/${file}.json has no text ${key}`);
  return value;
}

/** The page fits the phone's width (the open menu with the switcher included). */
async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

const LANGUAGES = [
  { locale: 'ti', name: 'ትግርኛ', dir: 'ltr' },
  { locale: 'fa', name: 'فارسی', dir: 'rtl' },
  { locale: 'tr', name: 'Türkçe', dir: 'ltr' },
] as const;

test('the switcher offers every language, each named in itself, and fits a 360 px phone', async ({ page }) => {
  await page.goto('/login');
  await unfoldMenu(page);
  const options = page.getByLabel('Taal', { exact: true }).locator('option');
  await expect(options).toHaveText(['Nederlands', 'English', 'العربية', 'ትግርኛ', 'فارسی', 'Türkçe']);
  for (const { locale } of LANGUAGES)
    await expect(options.and(page.locator(`[value="${locale}"]`))).toHaveAttribute('lang', locale);
  await expectFitsPhone(page);
});

for (const { locale, name, dir } of LANGUAGES) {
  test(`a member reads the app in ${name}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await unfoldMenu(page);
    await page.getByLabel('Taal', { exact: true }).selectOption({ label: name });
    await page.getByRole('button', { name: 'Taal wijzigen' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, 'common', 'login.title'));
    await expect(page).toHaveTitle(`${text(locale, 'common', 'login.title')} · Expertpool`);
    // The switcher now speaks the page's language, and the open menu still fits the phone.
    await unfoldMenu(page, text(locale, 'common', 'nav.menu'));
    await expect(page.getByLabel(text(locale, 'common', 'nav.language'), { exact: true })).toHaveValue(locale);
    await expectFitsPhone(page);
    await expectAccessible(page);

    await page.getByLabel(text(locale, 'common', 'login.email')).fill(DEMO.lid);
    await page.getByLabel(text(locale, 'common', 'login.password')).fill('expertpool');
    await page
      .getByRole('main')
      .getByRole('button', { name: text(locale, 'common', 'login.submit') })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, 'common', 'needs.pageTitle'));

    const pages = [
      ['/', 'common', 'needs.pageTitle'],
      ['/advice', 'advice', 'advice.register.title'],
      ['/sessions', 'sessions', 'sessions.title'],
      ['/profile', 'people', 'people.profile.title'],
    ] as const;
    for (const [url, file, key] of pages) {
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, file, key));
      await expectFitsPhone(page);
      await expectAccessible(page);
    }
  });
}
