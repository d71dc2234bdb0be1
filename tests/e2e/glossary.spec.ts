import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

const PHONE = { width: 360, height: 740 };

/** How far the page reaches past the window sideways (0 when nothing sticks out). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The demo member on a touch phone, at their pool's boards. Arabic comes from the browser's language
 * (signed in through a Dutch browser first): the switcher would save it in the member's profile, which
 * other specs read.
 */
async function memberOnPhone(browser: Browser, options: { arabic?: boolean } = {}) {
  let context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'nl-NL' });
  let page = await context.newPage();
  await signIn(page, DEMO.lid);
  if (options.arabic) {
    const storageState = await context.storageState();
    await context.close();
    context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'ar', storageState });
    page = await context.newPage();
  }
  await page.goto('/');
  await page
    .getByRole('link', { name: /Expertpool Regio Alkmaar/ })
    .first()
    .click();
  await page.waitForURL(/\/pools\/[0-9a-f-]{36}$/);
  await page.goto(`${new URL(page.url()).pathname}/boards`);
  return { page, context };
}

test('a member on a phone opens a word’s explanation by keyboard and by tap, in Dutch; Escape closes it', async ({
  browser,
}) => {
  const { page, context } = await memberOnPhone(browser);
  const button = page.getByRole('button', { name: 'Uitleg: Brede Intake' }).first();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const tip = page.getByText('Het eerste grote gesprek met de gemeente.', { exact: false });
  await expect(tip).toBeVisible();
  expect(await pageOverflow(page)).toBe(0);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(tip).toHaveCount(0);
  await expect(button).toBeFocused();

  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText('Het eerste grote gesprek met de gemeente.', { exact: false })).toBeVisible();
  // A tap anywhere else closes it as well.
  await page.getByRole('heading', { level: 1 }).tap();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await context.close();
});

test('in Arabic the explanation reads right to left and fits a 360 px phone', async ({ browser }) => {
  const { page, context } = await memberOnPhone(browser, { arabic: true });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const button = page.getByRole('button', { name: 'شرح: المقابلة الشاملة (Brede Intake)' }).first();
  await button.focus();
  await page.keyboard.press('Enter');
  const tip = page.getByText('أول محادثة كبيرة مع البلدية.', { exact: false });
  await expect(tip).toBeVisible();
  expect(await tip.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const box = (await tip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(await pageOverflow(page)).toBe(0);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await context.close();
});

test('the glossary page, linked from every page’s footer, lists every word in the reader’s language', async ({
  page,
  browser,
}) => {
  await page.goto('/login');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Woordenlijst: moeilijke woorden uitgelegd' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Woordenlijst' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'PIP (Plan Inburgering en Participatie)' })).toBeVisible();
  await expect(page.getByText('Je eigen plan voor de inburgering.', { exact: false })).toBeVisible();
  await expect(page.getByRole('term')).toHaveCount(15);
  await expectAccessible(page);

  const arabic = await browser.newContext({ locale: 'ar', viewport: PHONE });
  const reader = await arabic.newPage();
  await reader.goto('/glossary');
  await expect(reader.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(reader.getByRole('heading', { level: 1, name: 'قاموس الكلمات' })).toBeVisible();
  await expect(reader.getByRole('term').filter({ hasText: 'المعرفة بالمجتمع الهولندي (KNM)' })).toBeVisible();
  expect(await pageOverflow(reader)).toBe(0);
  await expectAccessible(reader);
  await arabic.close();
});

test('the coordinator of a new pool is told to invite members first, on the pool, onboarding and planning pages', async ({
  page,
}) => {
  await signIn(page, DEMO.coordinator);
  await page.goto('/pools/new');
  // A name that sorts after the demo pools: other specs open the first pool on their home page.
  const name = `Zonder leden ${Date.now()}`;
  await page.getByLabel('Naam', { exact: true }).fill(name);
  await page.getByLabel('Regio').selectOption({ label: 'Regio Alkmaar' });
  await page.getByRole('button', { name: 'Pool aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const members = page.getByRole('region', { name: 'Leden' });
  await expect(members).toContainText('Deze pool heeft nog geen leden. Nodig je eerste leden uit');
  await expectAccessible(page);
  const poolPath = new URL(page.url()).pathname;

  await page.goto(`${poolPath}/onboarding`);
  await expect(page.getByText('Er staat nog niemand op deze lijst.', { exact: false })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(`${poolPath}/sessions/new`);
  await expect(
    page.getByText('Deze pool heeft nog geen leden, dus niemand krijgt een uitnodiging', { exact: false }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Eerst leden uitnodigen' }).click();
  await expect(page).toHaveURL(`${poolPath}/invitations`);

  await page.goto(poolPath);
  await members.getByRole('link', { name: 'Leden uitnodigen' }).click();
  await expect(page).toHaveURL(`${poolPath}/invitations`);
});

test('a member of a full pool sees no empty state and no invite link', async ({ page }) => {
  await signIn(page, DEMO.lid);
  await page
    .getByRole('link', { name: /Expertpool Regio Alkmaar/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Leden' })).toBeVisible();
  await expect(page.getByText('Je bent een van de eerste leden', { exact: false })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Leden uitnodigen' })).toHaveCount(0);
});
