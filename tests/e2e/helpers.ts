import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO = {
  coordinator: 'coordinator@demo.expertpool.nl',
  lid: 'lid@demo.expertpool.nl',
  gemeente: 'gemeente@demo.expertpool.nl',
  admin: 'admin@demo.expertpool.nl',
} as const;

/** Fills in and sends the sign-in form, whatever the outcome. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** Signs in with the demo password and waits until the app has let the person in. */
export async function signIn(page: Page, email: string) {
  await submitLogin(page, email, 'expertpool');
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Fails on any serious or critical axe finding (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
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
