import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, openFromMenu, searchableChoice, signIn } from './helpers';

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

test('a flash message shows once: not again on the next page', async ({ page }) => {
  await signIn(page, DEMO.gemeente);
  await page.goto('/notifications/preferences');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Je keuzes voor e-mail zijn opgeslagen.' });
  await expect(saved).toBeVisible();
  await expectAccessible(page);
  // A link followed in the app (no full page load) and then a reload: the message is gone both times.
  await openFromMenu(page, 'Adviezen');
  await expect(page.getByRole('heading', { level: 1, name: 'Adviesregister' })).toBeVisible();
  await expect(saved).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mail over meldingen' })).toBeVisible();
  await expect(saved).toHaveCount(0);
  await page.reload();
  await expect(saved).toHaveCount(0);
});

test('on a phone the calendar opens as an agenda; the person can still switch to the month grid', async ({ page }) => {
  await signIn(page, DEMO.lid);
  await page.goto('/sessions/calendar');
  const agendaDay = page.getByRole('heading', { level: 2 }).first();
  await expect(agendaDay).toBeVisible();
  await expect(page.getByRole('table')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Maand', exact: true }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Maand', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(0);
  // The next month keeps the chosen view.
  await page.getByRole('link', { name: 'Volgende maand' }).click();
  await expect(page).toHaveURL(/view=month/);
  await expect(page.getByRole('table')).toBeVisible();
});

test('on a desktop the calendar opens as the month grid', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(page, DEMO.lid);
  await page.goto('/sessions/calendar');
  await expect(page.getByRole('table')).toBeVisible();
  await page.context().close();
});

test('on a phone the register shows results first, its filters behind a button that counts the chosen ones', async ({
  page,
}) => {
  await signIn(page, DEMO.gemeente);
  await page.goto('/advice');
  const filters = page.getByRole('search').locator('summary', { hasText: 'Filters' });
  await expect(filters).toHaveText('Filters');
  await expect(page.getByLabel('Indicator', { exact: true })).toBeHidden();
  // The number of results is on the first screen.
  await expect(page.getByRole('heading', { level: 2, name: /adviezen gevonden/ })).toBeInViewport();
  await expectAccessible(page);

  await filters.click();
  await page.getByLabel('Indicator', { exact: true }).selectOption('work');
  await page.getByLabel('Status', { exact: true }).selectOption('published');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/indicator=work/);
  await expect(filters).toHaveText('Filters (2 gekozen)');
  await expect(page.getByLabel('Indicator', { exact: true })).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: /gevonden/ })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});

test('on a desktop the register shows its filters as before', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto('/advice?indicator=work');
  await expect(page.getByLabel('Indicator', { exact: true })).toBeVisible();
  await expect(page.getByRole('search').locator('summary')).toBeHidden();
  await page.context().close();
});

/** The first signal the coordinator's list links to. */
async function firstSignal(page: Page): Promise<string> {
  await page.goto('/signals');
  const hrefs = await page
    .locator('main a[href^="/signals/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const found = hrefs.find((href) => /^\/signals\/[0-9a-f-]{36}$/.test(href));
  expect(found).toBeTruthy();
  return found!;
}

test('on a phone a coordinator finds the advice to link by typing, and picks it with the keyboard', async ({
  page,
}) => {
  await signIn(page, DEMO.coordinator);
  await page.goto(await firstSignal(page));
  const picker = searchableChoice(page, 'Advies');
  await picker.fill('brede intake');
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  const options = page.getByRole('listbox', { name: 'Advies' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  // Every option says where it comes from and in which state it is, so same titles can be told apart.
  await expect(options.first()).toContainText(/Expertpool .* · .* · \d+ signa/);
  // Each of those parts keeps its own direction (a Latin pool name in an Arabic line reads right).
  await expect(options.first().locator('.combobox-detail bdi').first()).toHaveText(/^Expertpool /);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await picker.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const title = (await options.first().locator('span').first().textContent())!.trim();
  await picker.press('Enter');
  await expect(picker).toHaveValue(title);
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await expect(page.getByRole('status')).toHaveText('Het signaal is gekoppeld aan het advies.');
});

test('the advice picker without a choice, or with a tampered id, is refused with a message in words', async ({
  page,
}) => {
  await signIn(page, DEMO.coordinator);
  const signal = await firstSignal(page);
  await page.goto(signal);
  await searchableChoice(page, 'Advies').fill('geen advies heet zo');
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await expect(page.getByText('Vul dit veld in.')).toBeVisible();

  // An id of an advice this person may not link (here one that does not exist): 403, said plainly.
  const refused = await page.request.post(signal, {
    form: { intent: 'link', adviceId: '00000000-0000-4000-8000-000000000000' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('Je kunt dit signaal niet wijzigen.');
});

test('without JavaScript the advice picker is a plain list that still links', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 390, height: 844 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await signIn(page, DEMO.coordinator);
  await page.goto(await firstSignal(page));
  const select = page.getByLabel('Advies', { exact: true });
  await expect(select).toHaveJSProperty('tagName', 'SELECT');
  await select.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await expect(page.getByRole('status')).toHaveText('Het signaal is gekoppeld aan het advies.');
  await context.close();
});
