import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, openFromMenu, signIn } from './helpers';

/** A 390 × 844 phone, where members mostly are. */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the header is brand, bell and a menu that opens, closes with Escape and gives focus back', async ({
  page,
}) => {
  await signIn(page, DEMO.lid);
  const header = page.getByRole('banner');
  const menuButton = header.locator('summary', { hasText: 'Menu' });
  // The bar is small: the page starts within the first 80 px.
  expect((await header.boundingBox())!.height).toBeLessThan(80);
  await expect(header.getByRole('link', { name: /^Meldingen/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeHidden();
  await expectAccessible(page);

  // By keyboard: Enter opens it, Escape closes it and leaves focus on the menu button.
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(nav.getByRole('link', { name: 'Bijeenkomsten' })).toBeVisible();
  await expect(page.getByLabel('Taal', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  // The development outbox is for admins only; a member does not see it in the menu.
  await expect(header.getByRole('link', { name: 'Verzonden e-mail (ontwikkeling)' })).toHaveCount(0);
  await expectAccessible(page);
  await nav.getByRole('link', { name: 'Bijeenkomsten' }).focus();
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Following a link of the menu closes it on the next page.
  await openFromMenu(page, 'Mijn profiel');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();
  await expect(nav).toBeHidden();

  // In Arabic the bar mirrors: the menu button sits at the left edge.
  await menuButton.click();
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const arabicButton = header.locator('summary', { hasText: 'القائمة' });
  expect((await arabicButton.boundingBox())!.x).toBeLessThan(100);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});

test('on a desktop the navigation stays in the bar, no menu button', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(page, DEMO.admin);
  await expect(page.getByRole('banner').locator('summary', { hasText: 'Menu' })).toBeHidden();
  await expect(
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Adviezen' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  // Embedded mode: the admin finds the outbox among the menu's links.
  await openFromMenu(page, 'Verzonden e-mail (ontwikkeling)');
  await expect(page).toHaveURL(/\/dev\/outbox$/);
  await page.context().close();
});
