import { devices, expect, test } from '@playwright/test';
import { DEMO, expectAccessible, openOutboxAsAdmin, signIn, openFromMenu, chooseLanguage, searchableChoice } from './helpers';

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
  await chooseLanguage(newcomer, 'ar');
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
  // With the code alone, typed carelessly, the newcomer sees that the question arrived.
  await newcomer.getByRole('link', { name: 'تابع سؤالك بهذا الرمز' }).click();
  await newcomer.getByLabel('الرمز المرجعي').fill(reference.toLowerCase().replace('-', ' '));
  await newcomer.getByRole('button', { name: 'عرض' }).click();
  await expect(newcomer.locator('[aria-current="step"]')).toContainText('تم الاستلام');
  await expect(newcomer.getByText(email)).toHaveCount(0);
  await expectAccessible(newcomer);
  await phone.close();

  await signIn(page, DEMO.coordinator);
  await openFromMenu(page, 'Signalen');
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

  await searchableChoice(page, 'Advies').fill('inburgeringsbrief eigen taal');
  const option = page.getByRole('option', { name: /Leg de inburgeringsbrief uit in de eigen taal/ }).first();
  const before = Number((await option.textContent())!.match(/(\d+) signa/)![1]);
  await option.click();
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
  // The mail is a job the answer woke: it reaches the outbox a moment later, with the status page's link.
  const outbox = await openOutboxAsAdmin(browser);
  const answerMail = outbox.getByRole('article').filter({ hasText: email });
  await expect(async () => {
    await outbox.reload();
    await expect(answerMail).toContainText(reference, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(answerMail).toContainText('/ask/status');

  // Later, on any device and without signing in, the code shows the question answered, and nothing of it.
  const later = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await later.goto('/ask/status');
  await later.getByLabel('Referentiecode').fill(reference);
  await later.getByRole('button', { name: 'Bekijken' }).click();
  await expect(later.locator('[aria-current="step"]')).toContainText('Beantwoord');
  await expect(later.getByText('14 072')).toHaveCount(0);
  await expect(later.getByText(marker)).toHaveCount(0);
});

test('the question status page refuses a malformed code with what was typed kept, and finds nothing for a wrong one', async ({
  page,
}) => {
  await page.goto('/ask');
  await page.getByRole('link', { name: 'Al een vraag gesteld? Bekijk hoe die ervoor staat' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoe staat mijn vraag ervoor?');
  await page.getByLabel('Referentiecode').fill('EP-12');
  await page.getByRole('button', { name: 'Bekijken' }).click();
  await expect(page.getByText('Een code ziet eruit als EP-7K3M9Q: zes tot tien letters en cijfers.')).toBeVisible();
  await expect(page.getByLabel('Referentiecode')).toHaveValue('EP-12');
  await expect(page.getByLabel('Referentiecode')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Referentiecode').fill('EP-ZZZZZZ');
  await page.getByRole('button', { name: 'Bekijken' }).click();
  await expect(
    page.getByText('We vinden geen vraag met deze code. Kijk of je hem goed hebt overgenomen.'),
  ).toBeVisible();
  await expectAccessible(page);
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
