import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, searchableChoice, signIn } from './helpers';
import { readCsv } from '../exported-csv';

async function signInFully(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
}

test('a coordinator creates a pool, fixing a date mistake, and edits it', async ({ page }) => {
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Nieuwe pool' }).click();
  await expectAccessible(page);
  await page.getByLabel('Naam', { exact: true }).fill('Expertpool Zaanstreek');
  await page.getByLabel('Regio').selectOption({ label: 'Regio Alkmaar' });
  await page.getByLabel('Begindatum').fill('2026-03-01');
  await page.getByLabel('Einddatum').fill('2026-02-01');
  await page.getByRole('button', { name: 'Pool aanmaken' }).click();
  await expect(page.getByText('De einddatum ligt voor de begindatum.')).toBeVisible();
  await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Expertpool Zaanstreek');
  await page.getByLabel('Einddatum').fill('2026-12-01');
  await page.getByRole('button', { name: 'Pool aanmaken' }).click();
  await expect(page.getByRole('status')).toHaveText('De pool is aangemaakt.');
  await expect(page.getByRole('heading', { level: 1, name: 'Expertpool Zaanstreek' })).toBeVisible();
  await page.getByRole('link', { name: 'Pool bewerken' }).click();
  await expect(page.getByRole('region', { name: 'Coördinatoren' })).toContainText('Samira');
  await expectAccessible(page);
  await page.getByLabel('Status').selectOption('active');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De pool is opgeslagen.');
  await expect(page.getByText('actief', { exact: true })).toBeVisible();
});

test('a pasted list invites the valid lines and reports the rest; a sign-up link stops when full', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Twente' }).click();
  await page.getByRole('link', { name: 'Uitnodigingen beheren' }).click();
  await page
    .getByLabel('E-mailadressen')
    .fill(
      [`a-${stamp}@example.org`, 'dit is geen adres', `b-${stamp}@example.org`, 'reza@demo.expertpool.nl'].join('\n'),
    );
  await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
  const report = page.getByRole('status').filter({ hasText: 'Verstuurd' });
  await expect(report).toContainText('Verstuurd: 2. Al lid: 1. Al uitgenodigd: 0. Geen e-mailadres: 1.');
  await expect(report.getByRole('listitem').filter({ hasText: 'dit is geen adres' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`a-${stamp}`) })).toContainText('verstuurd');
  await expectAccessible(page);

  await page.getByRole('button', { name: `Intrekken voor b-${stamp}@example.org` }).click();
  await expect(page.getByRole('status')).toHaveText('De uitnodiging is ingetrokken.');
  await expect(page.getByRole('row', { name: new RegExp(`b-${stamp}`) })).toContainText('ingetrokken');

  await page.getByLabel('Hoogstens zoveel aanmeldingen').fill('1');
  await page.getByRole('button', { name: 'Link maken' }).click();
  await expect(page.getByRole('status')).toHaveText('De aanmeldlink is gemaakt.');
  const link = await page.getByRole('textbox', { name: 'Aanmeldlink', exact: true }).first().inputValue();

  const context = await browser.newContext({ locale: 'nl-NL' });
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByText('Meld je aan voor Expertpool Twente.')).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel('Je e-mailadres').fill(`link-${stamp}@example.org`);
  await newcomer.getByLabel('Naam die anderen zien').fill('Saba');
  await newcomer.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
  await newcomer.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('Welkom! Je bent nu lid van de pool. Maak je profiel af.');
  await context.close();

  const late = await browser.newContext({ locale: 'nl-NL' });
  const second = await late.newPage();
  await second.goto(link);
  await expect(second.getByRole('alert')).toHaveText(
    'Er hebben zich al genoeg mensen aangemeld met deze link. Vraag je coördinator om een nieuwe link.',
  );
  await late.close();
});

test('the pool page shows its coming sessions, and its coordinator plans the next one from there', async ({ page }) => {
  await signInFully(page, DEMO.lid);
  await page.goto('/');
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  const sessions = page.getByRole('region', { name: 'Bijeenkomsten' });
  await expect(sessions.getByRole('listitem').first()).toBeVisible();
  await expect(sessions.getByRole('link', { name: 'Bijeenkomst plannen' })).toHaveCount(0);
  await expect(sessions.getByRole('link', { name: 'Alle bijeenkomsten en de kalender' })).toBeVisible();

  await page.context().clearCookies();
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await expectAccessible(page);
  await page.getByRole('region', { name: 'Bijeenkomsten' }).getByRole('link', { name: 'Bijeenkomst plannen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bijeenkomst plannen' })).toBeVisible();
});

test('a coordinator ticks an onboarding step and sees who is stuck', async ({ page }) => {
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Onboarding bijhouden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Onboarding' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Intakegesprek afvinken voor Yonas' }).click();
  await expect(page.getByRole('status')).toHaveText('Vastgelegd.');
  await expect(page.getByRole('button', { name: 'Intakegesprek ongedaan maken voor Yonas' })).toBeVisible();
});

test('a coordinator searches members by language and exports them as CSV', async ({ page }) => {
  await signInFully(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Leden zoeken' }).click();
  await page.getByRole('search').getByRole('combobox', { name: 'Taal', exact: true }).selectOption('ti');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/language=ti/);
  await expect(page.getByRole('row', { name: /Yonas/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Reza/ })).toHaveCount(0);
  await expectAccessible(page);
  const csv = await page.request.get('/people/export.csv?language=ti');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const [header, ...rows] = readCsv(await csv.text());
  expect(header!.slice(0, 3)).toEqual(['Pool', 'Naam', 'Gemeente']);
  const names = rows.map((row) => row[header!.indexOf('Naam')]);
  expect(names.some((name) => name?.includes('Yonas'))).toBe(true);
  expect(names.some((name) => name?.includes('Reza'))).toBe(false);
});

test('an admin pages through every pool’s members, fifty at a time; a page past the last shows the last', async ({
  page,
}) => {
  await signInFully(page, DEMO.admin);
  await page.goto('/people');
  const pager = page.getByRole('navigation', { name: 'Paginering' });
  const rows = page.getByRole('table').getByRole('row');
  await expect(pager).toContainText(/Pagina 1 van \d+/);
  await expect(page.getByText(/leden gevonden \(hieronder 1 tot en met 50\)/)).toBeVisible();
  await expect(rows).toHaveCount(51); // the header and fifty members
  await expect(pager.getByRole('link', { name: 'Vorige pagina' })).toHaveCount(0);
  const firstOfPageOne = (await rows.nth(1).textContent())!;
  const pages = Number((await pager.textContent())!.match(/Pagina 1 van (\d+)/)![1]);
  expect(pages).toBeGreaterThan(1);

  await pager.getByRole('link', { name: 'Volgende pagina' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toContainText(`Pagina 2 van ${pages}`);
  await expect(page.getByText(/\(hieronder 51 tot en met/)).toBeVisible();
  await expect(rows.nth(1)).not.toHaveText(firstOfPageOne);
  await expectAccessible(page);

  // An old bookmark past the end, and a page that is no number.
  await page.goto('/people?page=9999');
  await expect(pager).toContainText(`Pagina ${pages} van ${pages}`);
  await expect(pager.getByRole('link', { name: 'Volgende pagina' })).toHaveCount(0);
  await page.goto('/people?page=twee');
  await expect(pager).toContainText(`Pagina 1 van ${pages}`);

  // A search that fits on one page has no pages, and the filters stay on the next page's link.
  await page.getByRole('searchbox', { name: 'Naam' }).fill('Yonas');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/q=Yonas/);
  await expect(page.getByRole('row', { name: /Yonas/ }).first()).toBeVisible();
  await expect(pager).toHaveCount(0);

  // Where members live: the municipality is searched for as it is typed (issue 18), and the CSV follows.
  await page.getByRole('searchbox', { name: 'Naam' }).fill('');
  await searchableChoice(page, 'Gemeente').fill('castr');
  await page.getByRole('option', { name: /^Castricum/ }).click();
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/municipalityId=[0-9a-f-]{36}/);
  const places = page.getByRole('table').getByRole('row');
  await expect(places.nth(1)).toBeVisible();
  for (const row of await places.all())
    if ((await row.getByRole('cell').count()) > 0) await expect(row).toContainText('Castricum');
  await expect(page.getByRole('link', { name: /CSV/ })).toHaveAttribute('href', /municipalityId=[0-9a-f-]{36}/);
  await expectAccessible(page);
});

test('a municipality reader sees the pool’s make-up as aggregates, with small groups as <5', async ({ page }) => {
  await signInFully(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  const overview = page.getByRole('region', { name: 'Samenstelling van de pool' });
  await expect(overview.getByRole('table', { name: 'Jaren in Nederland' })).toBeVisible();
  await expect(overview.getByRole('cell', { name: '<5' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Leden' })).toHaveCount(0);
  await expectAccessible(page);
});

test('an admin adds a region and a pool is handed over to a municipality', async ({ page }) => {
  await signInFully(page, DEMO.admin);
  await page.getByRole('link', { name: 'Beheer' }).click();
  await expectAccessible(page);
  await page.getByLabel('Naam van de regio').fill('Regio Utrecht');
  await page.getByLabel('Korte naam (voor links)').fill('utrecht');
  await page.getByRole('button', { name: 'Regio toevoegen' }).click();
  await expect(page.getByRole('status')).toHaveText('Opgeslagen.');
  await expect(page.getByRole('region', { name: "Regio's" })).toContainText('Regio Utrecht');
  await page.getByLabel('E-mailadres van de coördinator').fill('niemand@example.org');
  await page.getByRole('button', { name: 'Coördinator maken' }).click();
  await expect(page.getByText('Er is geen account met dit e-mailadres. Nodig de persoon eerst uit.')).toBeVisible();

  await page.getByRole('link', { name: 'Expertpool Regio Zwolle' }).click();
  await page.getByRole('link', { name: 'Beheer overdragen aan een gemeente' }).click();
  await expectAccessible(page);
  await page.getByLabel('Gemeente of organisatie').selectOption({ label: 'Gemeente Alkmaar' });
  await page.getByLabel('E-mailadressen van de nieuwe coördinatoren').fill(`staf-${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Beheer overdragen' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Het beheer is overgedragen. De nieuwe coördinatoren zijn uitgenodigd.',
  );
  await expect(page.getByText('overgedragen', { exact: true })).toBeVisible();
});
