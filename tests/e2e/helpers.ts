import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO = {
  coordinator: 'coordinator@demo.expertpool.nl',
  lid: 'lid@demo.expertpool.nl',
  gemeente: 'gemeente@demo.expertpool.nl',
  admin: 'admin@demo.expertpool.nl',
} as const;

/** Console errors of a page that renders differently in the browser than on the server, or without its texts. */
export const HYDRATION = /hydrat|did not match|Minified React error #(41[89]|42[2-5])/i;
export const MISSING_TEXT = /^Text missing in the browser/;

/** Fills in and sends the sign-in form, whatever the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** On a phone the header's menu is folded behind its "Menu" button: opens it when it is. */
export async function unfoldMenu(page: Page, button = 'Menu') {
  const summary = page.getByRole('banner').locator('summary', { hasText: button });
  if ((await summary.isVisible()) && !(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open))) {
    await summary.click();
  }
}

/** Follows a link of the header's main menu (the home page has links with the same words in them). */
export async function openFromMenu(page: Page, name: string) {
  await unfoldMenu(page);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();
}

/** Switches the interface language with the header's switcher (Dutch labels: the page is Dutch before). */
export async function chooseLanguage(page: Page, locale: string) {
  await unfoldMenu(page);
  await page.getByLabel('Taal', { exact: true }).selectOption(locale);
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/**
 * The searchable choice (`~/ui/Combobox`) once the page is hydrated. Until then it is a plain select, which
 * is a combobox to ARIA too: filling that one fails ("not an <input>"), as it did in CI.
 */
export function searchableChoice(page: Page, name: string): Locator {
  return page.getByRole('combobox', { name }).and(page.locator('input'));
}

/** Signs in with the demo password and waits until the app has let the person in. */
export async function signIn(page: Page, email: string) {
  await submitLogin(page, email, 'expertpool');
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * Every serious or critical axe finding (WCAG 2.1 A/AA rules) on the page, a line each.
 *
 * Legacy mode runs axe in the page itself; the default opens a blank page per check to finish the run
 * there, which only matters for cross-origin frames (the app has no frames) and took about half of each
 * check's time here. Only violations are reported in full: the passes' nodes are never read.
 */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A cell of a table found as a reader finds it: the row whose row header is `row` and the column under
 * the header `column`. Waits for the one table with that row.
 */
export async function cellOf(scope: Page | Locator, row: string, column: string): Promise<Locator> {
  const rowHeader = scope.getByRole('rowheader', { name: row, exact: true });
  const table = scope.getByRole('table').filter({ has: rowHeader });
  await expect(table).toHaveCount(1);
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((header) => header.trim());
  const index = headers.indexOf(column);
  expect(index, `a column "${column}" beside the row headers among ${headers.join(' | ')}`).toBeGreaterThan(0);
  return table
    .getByRole('row')
    .filter({ has: rowHeader })
    .getByRole('cell')
    .nth(index - 1);
}

/** Fails on any serious or critical axe finding (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page) {
  expect(await seriousAxeFindings(page)).toEqual([]);
}

/**
 * The dev outbox answers only admins (it holds reset links), so a test that follows a mailed link reads
 * it as the demo admin, in a browser context of its own. Returns that page, at the outbox.
 */
export async function openOutboxAsAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await signIn(page, DEMO.admin);
  await page.goto('/dev/outbox');
  return page;
}

/** A calendar date some days from now, as the date field wants it. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The coordinator plans a session for the Alkmaar pool; returns its page's URL. */
export async function planSession(
  page: Page,
  fields: { title: string; date: string; capacity?: string; weekly?: string },
) {
  await page.goto('/sessions');
  await page.getByRole('link', { name: 'Plan een bijeenkomst voor Expertpool Regio Alkmaar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bijeenkomst plannen' })).toBeVisible();
  await page.getByLabel('Titel').fill(fields.title);
  await page.getByLabel('Agenda').fill('1. Welkom\n2. **Ervaringen** delen');
  await page.getByLabel('Datum', { exact: true }).fill(fields.date);
  await page.getByLabel('Begintijd').fill('19:00');
  await page.getByLabel('Eindtijd').fill('21:00');
  await page.getByLabel('Link naar de online bijeenkomst').fill('https://meet.example.org/alkmaar');
  if (fields.capacity) await page.getByLabel('Maximaal aantal deelnemers').fill(fields.capacity);
  if (fields.weekly) {
    await page.getByRole('radio', { name: 'Wekelijks' }).check();
    await page.getByLabel('Aantal keer (wekelijks)').fill(fields.weekly);
  }
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page.getByRole('status')).toHaveText('De bijeenkomst is gepland en de leden zijn uitgenodigd.');
  await expect(page.getByRole('heading', { level: 1, name: fields.title })).toBeVisible();
  return page.url();
}

/**
 * Waits until the board page has loaded what it fetches when it opens: the comments and brainstorm
 * routes (their modules and data). Going offline before that makes Remix reload the page (it reloads when
 * a route module fails to load), which offline ends on the browser's own error page.
 */
export async function boardFetchesDone(page: Page) {
  const loaded = () =>
    page.evaluate(() => {
      const names = performance.getEntriesByType('resource').map((entry) => entry.name);
      return [
        '/build/routes/boards.$boardId_.comments-',
        '/build/routes/boards.$boardId_.brainstorm-',
        '/comments?_data=',
        '/brainstorm?_data=',
      ].every((part) => names.some((name) => name.includes(part)));
    });
  await expect.poll(loaded).toBe(true);
}

/** Opens a card's menu (its one button for everything but "recognise" and dots). */
export async function openCardMenu(card: Locator) {
  const button = card.getByRole('button', { name: /^Acties voor kaartje/ });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  return card.getByRole('menu');
}
