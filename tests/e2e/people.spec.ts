import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, openFromMenu, openOutboxAsAdmin, signIn, submitLogin } from './helpers';

/** Signs in and waits for the dashboard, so the next navigation does not cut the sign-in short. */
async function signInFully(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
}

const peerList = (page: Page) => page.getByRole('region', { name: 'Leden' }).getByRole('listitem');

test('an invited person accepts on a phone, completes the profile and shows up in the pool', async ({
  page,
  browser,
}) => {
  const email = `telefoon-${Date.now()}@example.org`;
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status')).toHaveText('De uitnodiging is verstuurd.');
  const outbox = await openOutboxAsAdmin(browser);
  const mail = outbox.getByRole('article').filter({ hasText: email }).first();
  const link = (await mail.textContent())!.match(/http:\/\/\S+\/invite\/\S+/)![0];
  await outbox.context().close();

  const phone = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const newcomer = await phone.newPage();
  await newcomer.goto(link);
  await newcomer.getByLabel('Naam die anderen zien').fill('Ruta');
  await newcomer.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
  await newcomer.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Mijn profiel' })).toBeVisible();
  // The header's menu (folded on the phone) names the person from the session, which started with the name just given.
  await expect(newcomer.getByRole('banner').getByText('Ingelogd als Ruta')).toBeAttached();
  await expectAccessible(newcomer);

  await newcomer.getByLabel('Gemeente waar je woont').selectOption({ label: 'Heiloo' });
  await newcomer.getByLabel('In welk jaar kwam je naar Nederland?').fill('3000');
  await newcomer.getByLabel('Tigrinya').selectOption('native');
  await newcomer.getByLabel('Nederlands').selectOption('basic');
  await newcomer.getByRole('checkbox', { name: 'Werk' }).check();
  await newcomer.getByRole('group', { name: 'Dinsdag' }).getByRole('checkbox', { name: 'avond' }).check();
  await newcomer.getByRole('radio', { name: 'WhatsApp' }).check();
  await newcomer.getByRole('radio', { name: 'B1-route' }).check();
  await newcomer.getByRole('button', { name: 'Profiel opslaan' }).click();
  // A year in the future is refused; everything else stays as typed.
  await expect(newcomer.getByText('Vul een jaartal in, zoals 2019.')).toBeVisible();
  await expect(newcomer.getByLabel('Tigrinya')).toHaveValue('native');
  await expect(newcomer.getByRole('checkbox', { name: 'Werk' })).toBeChecked();
  await newcomer.getByLabel('In welk jaar kwam je naar Nederland?').fill('2023');
  await newcomer.getByLabel('Naam die anderen zien').fill('Ruta T.');
  await newcomer.getByRole('button', { name: 'Profiel opslaan' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('Je profiel is opgeslagen.');
  // A new name shows in the header at once (it is read with the session on every request).
  await expect(newcomer.getByRole('banner').getByText('Ingelogd als Ruta T.')).toBeAttached();
  await expect(newcomer.getByLabel('Gemeente waar je woont')).toHaveValue(/.+/);
  await expect(newcomer.getByRole('group', { name: 'Dinsdag' }).getByRole('checkbox', { name: 'avond' })).toBeChecked();
  await phone.close();

  await page.goto('/');
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await expect(peerList(page).filter({ hasText: 'Ruta' })).toBeVisible();
});

test('a member withdraws a consent and disappears from their co-members’ view', async ({ page, browser }) => {
  await signInFully(page, DEMO.lid);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await expect(peerList(page).filter({ hasText: 'Layla' })).toBeVisible();

  const other = await browser.newContext({ locale: 'nl-NL' });
  const layla = await other.newPage();
  await signInFully(layla, 'layla@demo.expertpool.nl');
  await openFromMenu(layla, 'Mijn profiel');
  await layla.getByRole('button', { name: 'Toestemming intrekken: Profiel zichtbaar voor andere leden' }).click();
  await expect(layla.getByRole('status')).toHaveText('Je toestemming is ingetrokken. Dat werkt meteen.');
  await expect(
    layla.getByRole('button', { name: 'Toestemming geven: Profiel zichtbaar voor andere leden' }),
  ).toBeVisible();
  await expectAccessible(layla);
  await other.close();

  await page.reload();
  await expect(peerList(page).filter({ hasText: 'Yonas' })).toBeVisible();
  await expect(peerList(page).filter({ hasText: 'Layla' })).toHaveCount(0);
});

test('a file that is not a photo is refused with a clear message', async ({ page }) => {
  await signInFully(page, 'amal@demo.expertpool.nl');
  await page.goto('/profile');
  await page
    .getByLabel('Kies een foto')
    .setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('dit is tekst') });
  await page.getByRole('button', { name: 'Foto opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-bestand.');
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  await page.getByLabel('Kies een foto').setInputFiles({ name: 'ik.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Foto opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Je foto is opgeslagen.');
  await expect(page.getByRole('img', { name: 'Foto van Amal' })).toBeVisible();
});

test('the profile reads right-to-left in Arabic', async ({ page }) => {
  await signInFully(page, 'tesfay@demo.expertpool.nl');
  await page.goto('/profile');
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ملفي الشخصي');
  await expect(page.getByRole('button', { name: 'حفظ الملف الشخصي' })).toBeVisible();
  await expectAccessible(page);
});

test('a member downloads their data and is asked to confirm before deletion', async ({ page }) => {
  await signInFully(page, 'mehmet@demo.expertpool.nl');
  const exported = await page.request.get('/profile/export');
  expect(exported.headers()['content-disposition']).toContain('attachment');
  const data = (await exported.json()) as { account: { email: string }; profile: { display_name: string } };
  expect(data.account.email).toBe('mehmet@demo.expertpool.nl');
  expect(data.profile.display_name).toBe('Mehmet');

  await page.goto('/profile');
  await page.getByRole('link', { name: 'Mijn account en gegevens verwijderen' }).click();
  await page.getByLabel('Typ VERWIJDER om te bevestigen').fill('ja');
  await page.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await expect(page.getByText('Typ VERWIJDER om te bevestigen.')).toBeVisible();
  await expectAccessible(page);
});

test('someone who joined through a sign-up link deletes their account, and it no longer signs in', async ({
  page,
  browser,
}) => {
  const email = `weg-${Date.now()}@example.org`;
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Twente' }).click();
  await page.getByRole('link', { name: 'Uitnodigingen beheren' }).click();
  await page.getByLabel('Hoogstens zoveel aanmeldingen').fill('1');
  await page.getByRole('button', { name: 'Link maken' }).click();
  await expect(page.getByRole('status')).toHaveText('De aanmeldlink is gemaakt.');
  const link = await page.getByRole('textbox', { name: 'Aanmeldlink', exact: true }).first().inputValue();

  const context = await browser.newContext({ locale: 'nl-NL' });
  const person = await context.newPage();
  await person.goto(link);
  await person.getByLabel('Je e-mailadres').fill(email);
  await person.getByLabel('Naam die anderen zien').fill('Dawit');
  await person.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
  await person.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(person.getByRole('banner').getByText('Ingelogd als Dawit')).toBeVisible();
  await page.goto('/');
  await page.getByRole('link', { name: 'Expertpool Twente' }).click();
  await expect(peerList(page).filter({ hasText: 'Dawit' })).toBeVisible();

  await person.getByRole('link', { name: 'Mijn account en gegevens verwijderen' }).click();
  await person.getByLabel('Typ VERWIJDER om te bevestigen').fill('VERWIJDER');
  await person.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await expect(person.getByRole('status')).toHaveText('Je account en gegevens zijn verwijderd.');
  await expectAccessible(person);

  await submitLogin(person, email, 'een-lang-wachtwoord');
  await expect(person.getByText('Het e-mailadres of het wachtwoord klopt niet.')).toBeVisible();
  await context.close();

  // The coordinator's list no longer holds the person.
  await page.reload();
  await expect(peerList(page).first()).toBeVisible();
  await expect(peerList(page).filter({ hasText: 'Dawit' })).toHaveCount(0);
});
