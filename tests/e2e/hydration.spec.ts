import { expect, test, type Page } from '@playwright/test';
import { LOCALES, localeName } from '~/i18n/locales';
import { DEMO, signIn } from './helpers';
import { ROLE_PAGES } from './pages';

/**
 * Every kind of page hydrates without React finding that the browser's first render differs from the
 * server's HTML (a date formatted on another clock, a text in another language, a random id): React then
 * throws the server's page away and renders again, and says so on the console. Production builds name the
 * errors by number: 418 (text), 423 (root re-rendered), 425 (text content), 422 / 419 (hydration failed).
 * In every interface language (asked for by the browser, so no one's settings change): Farsi's Gregorian
 * dates and Tigrinya's month names come from the browser's Intl as much as from the server's.
 */
const HYDRATION = /hydrat|did not match|Minified React error #(41[89]|42[2-5])/i;

/** The hydration errors on the console while each page loads and settles. */
async function hydrationErrors(page: Page, urls: string[]): Promise<string[]> {
  const found: string[] = [];
  let current = '';
  const record = (text: string) => {
    if (HYDRATION.test(text)) found.push(`${current}: ${text.slice(0, 200)}`);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') record(message.text());
  });
  page.on('pageerror', (error) => record(error.message));
  for (const url of urls) {
    current = url;
    await page.goto(url, { waitUntil: 'load' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Hydration runs once the route modules have loaded: wait until Remix's router exists in the page.
    await page.waitForFunction(() => '__remixRouter' in window);
    await page.waitForTimeout(150);
  }
  return found;
}

for (const language of LOCALES) {
  test.describe(`in ${localeName(language)}`, () => {
    for (const role of ['coordinator', 'lid', 'gemeente', 'admin'] as const) {
      test(`the ${role}'s pages hydrate without a mismatch`, async ({ page }) => {
        test.setTimeout(150_000);
        await signIn(page, DEMO[role]);
        const urls = await ROLE_PAGES[role](page);
        await page.setExtraHTTPHeaders({ 'Accept-Language': language });
        expect(await hydrationErrors(page, urls)).toEqual([]);
      });
    }
    test('the pages anyone may open hydrate without a mismatch', async ({ page }) => {
      await page.setExtraHTTPHeaders({ 'Accept-Language': language });
      expect(await hydrationErrors(page, ['/', '/advice', '/advice/tips', '/ask', '/ask/status', '/login'])).toEqual(
        [],
      );
    });
  });
}
