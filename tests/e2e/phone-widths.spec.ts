import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './helpers';
import { ROLE_PAGES } from './pages';

/**
 * No page is wider than a small phone (360 px): wide tables scroll in their own region, selects and
 * cards shrink. Each kind of page is opened with real ids, found the way a person finds them: by the
 * links on the pages before.
 */
test.use({ viewport: { width: 360, height: 800 } });

/** The pages among these that are wider than the phone, with their width. */
async function tooWide(page: Page, urls: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const url of urls) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) found.push(`${url}: ${width} px`);
  }
  return found;
}

test('every kind of page fits a 360 px phone', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.coordinator);
  expect(await tooWide(page, await ROLE_PAGES.coordinator(page))).toEqual([]);
});

test("a member's pages fit a 360 px phone", async ({ page }) => {
  await signIn(page, DEMO.lid);
  expect(await tooWide(page, await ROLE_PAGES.lid(page))).toEqual([]);
});

test("a municipality reader's pages fit a 360 px phone", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.gemeente);
  expect(await tooWide(page, await ROLE_PAGES.gemeente(page))).toEqual([]);
});
