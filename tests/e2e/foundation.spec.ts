import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, openOutboxAsAdmin, signIn, submitLogin } from './helpers';

test.describe('signing in as each demo account', () => {
  test('the coordinator sees the two pools they coordinate', async ({ page }) => {
    await signIn(page, DEMO.coordinator);
    await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Expertpool Regio Alkmaar' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Expertpool Twente' })).toBeVisible();
    await expect(page.getByText('Jouw rol: coördinator')).toHaveCount(2);
    await expectAccessible(page);
  });

  test('the member sees their one pool', async ({ page }) => {
    await signIn(page, DEMO.lid);
    await expect(page.getByText('Hallo Yonas')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Expertpool Regio Alkmaar' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Expertpool Twente' })).toHaveCount(0);
    await expect(page.getByText('Jouw rol: lid')).toBeVisible();
  });

  test('the municipality reader sees the pool serving Alkmaar, without its members', async ({ page }) => {
    await signIn(page, DEMO.gemeente);
    await expect(page.getByText('Je leest mee voor: Alkmaar')).toBeVisible();
    await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Expertpool Regio Alkmaar' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Leden' })).toHaveCount(0);
    await expect(page.getByText('Yonas')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('the admin sees every pool', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await expect(page.getByText('Je bent beheerder en ziet alle pools.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })).toHaveCount(6);
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, DEMO.lid);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page.getByRole('status')).toHaveText('Je bent uitgelogd.');
    await page.goto('/pools/00000000-0000-4000-8000-000000000000');
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
  });
});

test('a wrong password shows a clear error and keeps the e-mail address', async ({ page }) => {
  await submitLogin(page, DEMO.lid, 'wrong-password');
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(DEMO.lid);
  await expectAccessible(page);
});

test('switching to Arabic turns the page right-to-left and remembers it', async ({ page }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('Inloggen · Expertpool');
  await page.getByLabel('Taal').selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول');
  // The window's title is in the page's language too (screen readers announce it first).
  await expect(page).toHaveTitle('تسجيل الدخول · Expertpool');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(page);
  await page.getByLabel('اللغة').selectOption('en');
  await page.getByRole('button', { name: 'تغيير اللغة' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Expertpool');
});

test('a coordinator invites someone who accepts in another browser and lands in the pool', async ({
  page,
  browser,
}) => {
  const email = `nieuw-${Date.now()}@example.org`;
  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');
  await expectAccessible(page);

  const outbox = await openOutboxAsAdmin(browser);
  const mail = outbox.getByRole('article').filter({ hasText: email }).first();
  const link = (await mail.textContent())!.match(/http:\/\/\S+\/invite\/\S+/)![0];
  await outbox.context().close();

  const newcomer = await browser.newContext({ locale: 'nl-NL' });
  const other = await newcomer.newPage();
  await other.goto(link);
  await expect(other.getByText('Je bent uitgenodigd voor Expertpool Regio Alkmaar.')).toBeVisible();
  await other.getByLabel('Naam die anderen zien').fill('Selam');
  await other.getByLabel('Kies een wachtwoord').fill('kort');
  await other.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(other.getByText('Kies een wachtwoord van minstens 10 tekens.')).toBeVisible();
  await expect(other.getByLabel('Naam die anderen zien')).toHaveValue('Selam');
  await other.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
  await other.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(other.getByRole('status')).toHaveText('Welkom! Je bent nu lid van de pool.');
  await expect(other.getByRole('link', { name: 'Expertpool Regio Alkmaar' })).toBeVisible();
  await newcomer.close();

  await page.goto('/');
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Selam' })).toBeVisible();
});

test('pages that do not exist answer 404 and say so plainly', async ({ page }) => {
  const response = await page.goto('/bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expectAccessible(page);
});

test('the landing page and the health check', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Expertpool' })).toBeVisible();
  await expectAccessible(page);
  const health = await request.get('/healthz');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, db: 'pglite' });
});

test('a form posted from another site is refused', async ({ request }) => {
  const response = await request.post('/login', {
    headers: { Origin: 'https://evil.example' },
    form: { email: 'lid@demo.expertpool.nl', password: 'expertpool' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()['set-cookie']).toBeUndefined();
});

test('responses carry a strict content security policy', async ({ request }) => {
  const response = await request.get('/login');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
});

test('an id that cannot exist is a 404, not a server error', async ({ page }) => {
  await signIn(page, DEMO.lid);
  const response = await page.goto('/pools/not-a-uuid');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
});
