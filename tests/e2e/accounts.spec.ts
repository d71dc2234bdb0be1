import { devices, expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn, submitLogin } from './helpers';

test.describe('the dev outbox (it holds reset links)', () => {
  test('is not there for a visitor or a coordinator', async ({ page }) => {
    expect((await page.goto('/dev/outbox'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
    await signIn(page, DEMO.coordinator);
    await expect(page.getByRole('link', { name: 'Verzonden e-mail (ontwikkeling)' })).toHaveCount(0);
    expect((await page.goto('/dev/outbox'))?.status()).toBe(404);
    await expectAccessible(page);
  });

  test('the admin opens it from the menu', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.getByRole('link', { name: 'Verzonden e-mail (ontwikkeling)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verzonden e-mail' })).toBeVisible();
    await expectAccessible(page);
  });
});

// A member no other spec signs in as: this test signs her out everywhere else and switches her language
// (signed in, that is also the language of her mail), which would change what other specs see of lid@.
const ZAINAB = 'zainab@demo.expertpool.nl';

test('the profile shows where one is signed in, and "sign out everywhere else" ends the other browser', async ({
  page,
  browser,
}) => {
  await signIn(page, ZAINAB);
  const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'nl-NL' });
  const other = await phone.newPage();
  await signIn(other, ZAINAB);

  await page.goto('/profile');
  const devicesRegion = page.getByRole('region', { name: 'Waar je bent ingelogd' });
  const listed = devicesRegion.getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await expect(listed.filter({ hasText: '(dit apparaat)' })).toContainText('Chrome op');
  await expect(listed.filter({ hasNotText: '(dit apparaat)' })).toContainText('Chrome op Android');
  await expectAccessible(page);

  await devicesRegion.getByRole('button', { name: 'Overal anders uitloggen' }).click();
  await expect(page.getByRole('status')).toHaveText('Je bent op al je andere apparaten uitgelogd.');
  await expect(listed).toHaveCount(1);
  await expect(devicesRegion.getByText('Je bent alleen op dit apparaat ingelogd.')).toBeVisible();

  // The phone's cookie is still there, but its session is not.
  await other.goto('/profile');
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Fprofile/);
  await phone.close();

  // The same section in Arabic, right to left.
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'الأجهزة التي سجّلت الدخول عليها' })).toBeVisible();
  await expect(page.getByText('(هذا الجهاز)')).toBeVisible();
  await expectAccessible(page);
});

test('after five wrong passwords the sign-in page says how long to wait, and keeps the address', async ({ page }) => {
  const email = `vergeten-${Date.now()}@example.org`;
  for (let i = 0; i < 4; i++) {
    await submitLogin(page, email, `fout-${i}`);
    await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
  }
  await submitLogin(page, email, 'fout-4');
  await expect(page.getByRole('alert')).toHaveText(
    'Het e-mailadres of het wachtwoord klopt niet. Je kunt het over 1 minuut opnieuw proberen.',
  );
  await page.getByLabel('Wachtwoord').fill('fout-5');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /^Je hebt het te vaak geprobeerd\. Probeer het over (1 minuut|\d+ seconden) opnieuw\.$/,
  );
  await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
  await expectAccessible(page);
});
