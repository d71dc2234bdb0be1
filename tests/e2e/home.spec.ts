import { devices, expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, inDays, planSession, signIn } from './helpers';

/**
 * One list of the home page: a region named by its heading, which ends in how many items it holds. The
 * title is escaped: a heading may ask a question ("Bijeenkomsten: kom je?").
 */
const needList = (page: Page, title: string) =>
  page.getByRole('region', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`) });

async function home(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
}

test('a member sees a new session to answer on the home page of a phone, answers it, and it leaves the list', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const title = `Thuis beantwoorden ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await planSession(page, { title, date: inDays(9) });

  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const phone = await context.newPage();
  await home(phone, DEMO.lid);
  const toAnswer = needList(phone, 'Bijeenkomsten: kom je?');
  await expect(toAnswer.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(phone);
  // Nothing on the home page is wider than the phone.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phone.viewportSize()!.width,
  );

  await toAnswer.getByRole('link', { name: title }).click();
  await expect(phone.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await phone.getByRole('button', { name: 'Ja, ik kom' }).click();
  await expect(phone.getByRole('status')).toHaveText('Je antwoord is opgeslagen.');
  await phone.goto('/');
  await expect(phone.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
  await expect(phone.getByRole('link', { name: title })).toHaveCount(0);
  await context.close();
});

test("a coordinator's home lists what to triage and finish, and leads to the rest", async ({ page }) => {
  await home(page, DEMO.coordinator);
  await expect(needList(page, 'Reviews af te ronden')).toBeVisible();
  const signals = needList(page, 'Signalen om te beoordelen');
  await expect(signals.getByRole('listitem').first()).toBeVisible();
  await expectAccessible(page);
  await signals.getByRole('link', { name: /alle nieuwe signalen/ }).click();
  await expect(page).toHaveURL(/\/signals\?status=new$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test("a municipality's reader reads, in Arabic, which advice waits for their response", async ({ page }) => {
  await home(page, DEMO.gemeente);
  const awaiting = needList(page, 'Advies dat op jullie reactie wacht');
  await expect(awaiting.getByText(/wacht \d+ dagen/).first()).toBeVisible();
  await page.getByLabel('Taal').selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ما ينتظرك');
  await expect(needList(page, 'نصائح تنتظر ردكم').getByRole('link').first()).toBeVisible();
  await expectAccessible(page);
  // The oldest advice waiting comes first and opens on its own page.
  await needList(page, 'نصائح تنتظر ردكم').getByRole('listitem').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/advice\/[0-9a-f-]{36}$/);
});
