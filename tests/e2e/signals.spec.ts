import { devices, expect, test } from '@playwright/test';
import { DEMO, expectAccessible, openOutboxAsAdmin, signIn } from './helpers';

test('a newcomer asks in Arabic on a phone, a coordinator tags it, links it as evidence and answers', async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const marker = `${Date.now()}`.slice(-6);
  const email = `nieuwkomer-${marker}@example.org`;

  const phone = await browser.newContext({ ...devices['Pixel 5'], locale: 'nl-NL' });
  const newcomer = await phone.newPage();
  await newcomer.goto('/');
  await newcomer.getByLabel('Taal').selectOption('ar');
  await newcomer.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(newcomer.locator('html')).toHaveAttribute('dir', 'rtl');
  await newcomer.getByRole('link', { name: 'هل أنت جديد في هولندا؟ اسألنا' }).click();
  await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('هل أنت جديد في هولندا؟ اسألنا');
  await expectAccessible(newcomer);

  // An empty question is refused in Arabic, and what was typed elsewhere stays.
  await newcomer.getByLabel('البريد الإلكتروني').fill(email);
  await newcomer.getByRole('button', { name: 'أرسل سؤالك' }).click();
  await expect(newcomer.getByText('املأ هذا الحقل.')).toBeVisible();
  await expect(newcomer.getByLabel('البريد الإلكتروني')).toHaveValue(email);

  await newcomer.getByLabel('سؤالك أو ما حدث معك').fill(`لا أفهم رسالة البلدية عن موعد المقابلة ${marker}`);
  await newcomer.getByLabel('بلديتك (اختياري)').selectOption({ label: 'Heiloo' });
  await newcomer.getByRole('button', { name: 'أرسل سؤالك' }).click();
  await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('شكرًا، وصلنا سؤالك');
  const reference = (await newcomer.locator('.reference-code').textContent())!.trim();
  expect(reference).toMatch(/^EP-[A-Z0-9]{6}$/);
  await expectAccessible(newcomer);
  await phone.close();

  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Signalen' }).click();
  await expectAccessible(page);
  await page.getByLabel('Zoeken in de tekst').fill(marker);
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Signaal ${reference}`);
  await expect(page.getByText(email)).toBeVisible();
  // The keyword list suggests "Links" (the word for municipality); the coordinator confirms it.
  const links = page.getByRole('checkbox', { name: /Verbindingen met instanties/ });
  await expect(
    page.getByText(/Voorgesteld op basis van woorden in de tekst: .*Verbindingen met instanties/),
  ).toBeVisible();
  await links.check();
  await page.getByRole('checkbox', { name: 'Brede Intake' }).check();
  await page.getByRole('button', { name: 'Labels opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De labels zijn opgeslagen.');
  await expect(links).toBeChecked();
  await expectAccessible(page);

  const option = page
    .getByLabel('Advies', { exact: true })
    .locator('option', { hasText: 'Leg de inburgeringsbrief uit in de eigen taal' });
  const before = Number((await option.textContent())!.match(/(\d+) signa/)![1]);
  await page.getByLabel('Advies', { exact: true }).selectOption({ label: (await option.textContent())!.trim() });
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await expect(page.getByRole('status')).toHaveText('Het signaal is gekoppeld aan het advies.');
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Leg de inburgeringsbrief uit in de eigen taal' }),
  ).toContainText(`${before + 1} signalen`);

  await page
    .getByLabel('Antwoord', { exact: true })
    .fill('Bel de gemeente op 14 072; zij leggen de brief in het Arabisch uit.');
  await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Het antwoord is opgeslagen en gemaild.');
  const outbox = await openOutboxAsAdmin(browser);
  await expect(outbox.getByRole('article').filter({ hasText: email })).toContainText(reference);
});

test('the patterns page shows counts per indicator with the signals one click away', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
  await page.goto('/signals/patterns');
  await expect(page.getByRole('heading', { level: 1, name: 'Patronen in signalen' })).toBeVisible();
  await expectAccessible(page);
  const row = page.getByRole('row', { name: /^Wonen/ });
  const total = row.getByRole('cell').last().getByRole('link');
  const count = Number(await total.textContent());
  expect(count).toBeGreaterThan(0);
  await total.click();
  await expect(page).toHaveURL(/\/signals\?.*indicator=housing/);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByLabel('Indicator')).toHaveValue('housing');
});
