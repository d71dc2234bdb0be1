import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn, openFromMenu } from './helpers';

// A word no demo advice uses, so the reader's search finds exactly this one.
const TITLE = 'Wachtlijst voor de taalcursus in Alkmaar is te lang';

async function signedIn(page: Page, email: string): Promise<Page> {
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
  return page;
}

async function as(browser: Browser, email: string): Promise<Page> {
  return signedIn(await (await browser.newContext()).newPage(), email);
}

test('a draft is reviewed, published, found and answered by the municipality, and the member sees the answer', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // The member drafts it.
  const member = await as(browser, DEMO.lid);
  await openFromMenu(member, 'Adviezen');
  await member.getByRole('link', { name: 'Nieuw advies schrijven' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Nieuw advies' })).toBeVisible();
  await expectAccessible(member);
  await member.getByLabel('Titel').fill(TITLE);
  await member
    .getByLabel('Inzicht', { exact: true })
    .fill('Nieuwkomers wachten maanden op een plek bij de taalschool. <script>alert(1)</script>');
  await member.getByLabel('Kansen').fill('Start een tijdelijke wachtlijstklas met vrijwilligers.');
  await member.getByLabel('Gouden tips').fill('Bel iedereen op de wachtlijst één keer per maand.');
  await member.getByRole('checkbox', { name: 'Taal en communicatie' }).check();
  await member.getByLabel('Onderdeel van de inburgering').selectOption('leerroute');
  await member.getByRole('checkbox', { name: 'Alkmaar', exact: true }).check();
  await member.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(member.getByRole('status')).toHaveText('Het concept is opgeslagen.');
  await expect(member.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(member.getByText('alert(1)')).toHaveCount(0);
  await member.getByRole('button', { name: 'Ter bespreking aan de pool voorleggen' }).click();
  await expect(member.getByText('In bespreking in de pool')).toBeVisible();
  const adviceUrl = member.url();
  // In review it is no longer the author's to change: the page offers only what the database allows.
  await expect(member.getByRole('button', { name: 'Ik herken dit' })).toBeVisible();
  await expect(member.getByRole('link', { name: 'Bewerken' })).toHaveCount(0);

  // The pool reviews; the coordinator edits and publishes to the addressees.
  const coordinator = await as(browser, DEMO.coordinator);
  await coordinator.goto(adviceUrl);
  await coordinator.getByLabel('Je opmerking').fill('Goed! Noem ook de bibliotheek.');
  await coordinator.getByRole('button', { name: 'Opmerking plaatsen' }).click();
  await expect(coordinator.getByText('Goed! Noem ook de bibliotheek.')).toBeVisible();
  await coordinator.getByRole('button', { name: 'Ik herken dit' }).click();
  await expect(coordinator.getByText('1 lid herkent dit')).toBeVisible();
  await coordinator.getByRole('link', { name: 'Bewerken' }).click();
  await coordinator
    .getByRole('textbox', { name: 'Kansen' })
    .fill('Start een tijdelijke wachtlijstklas in de bibliotheek.');
  await coordinator.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await coordinator.getByRole('link', { name: 'Versies en wijzigingen' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Versie 2' })).toBeVisible();
  await expect(coordinator.getByRole('insertion').filter({ hasText: 'bibliotheek' })).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.goto(adviceUrl);
  await coordinator.getByRole('radio', { name: 'Alleen voor wie het gericht is' }).check();
  await coordinator.getByRole('button', { name: 'Publiceren' }).click();
  await expect(coordinator.getByRole('status')).toHaveText('Het advies is gepubliceerd.');

  // The municipality reader finds it by search and filter, and answers.
  const reader = await as(browser, DEMO.gemeente);
  await openFromMenu(reader, 'Adviezen');
  await reader.getByLabel('Zoeken in adviezen').fill('wachtlijst taalschool');
  await reader.getByLabel('Indicator', { exact: true }).selectOption('language');
  await reader.getByLabel('Onderdeel van de inburgering').selectOption('leerroute');
  await reader.getByRole('button', { name: 'Zoeken' }).click();
  await expect(reader.getByRole('heading', { level: 2, name: '1 advies gevonden' })).toBeVisible();
  await expect(reader.locator('mark').first()).toBeVisible();
  await expectAccessible(reader);

  // CSV of the current selection.
  const [download] = await Promise.all([
    reader.waitForEvent('download'),
    reader.getByRole('link', { name: 'Exporteer selectie als CSV' }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString('utf8')).toContain(TITLE);

  await reader.getByRole('link', { name: TITLE }).click();
  await reader.getByRole('radio', { name: 'Deels overgenomen' }).check();
  await reader.getByLabel('Toelichting').fill('We starten met één klas in de bibliotheek.');
  await reader.getByLabel('Wat gaat er gebeuren?').fill('Klas start na de zomer.');
  await reader.getByLabel('Wanneer (datum)').fill('2027-09-01');
  await reader.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(reader.getByRole('status')).toHaveText('Je reactie is opgeslagen. De pool ziet haar nu.');
  await expectAccessible(reader);

  // The loop is closed: the member sees the answer.
  await member.goto(adviceUrl);
  await expect(member.getByRole('heading', { name: 'Alkmaar: Deels overgenomen' })).toBeVisible();
  await expect(member.getByText('We starten met één klas in de bibliotheek.')).toBeVisible();
});

test('anyone reads public advice at its own address, and the feed lists it', async ({ page, request }) => {
  await page.goto('/advice?q=helpdesk');
  await page
    .getByRole('link', { name: 'Overheidsdiensten zijn moeilijk bereikbaar, voor nieuwkomers nog meer' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Overheidsdiensten zijn moeilijk bereikbaar, voor nieuwkomers nog meer',
  );
  await expect(page.getByText('Investeer in een eigen helpdesk')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bespreking in de pool' })).toHaveCount(0);
  await expectAccessible(page);
  const feed = await request.get('/advice/feed.xml');
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  expect(await feed.text()).toContain('Overheidsdiensten zijn moeilijk bereikbaar');
});

test('overviews, golden tips, report and goal tree are readable and accessible', async ({ page }) => {
  await signedIn(page, DEMO.gemeente);
  await page.goto('/advice/overview');
  await expect(page.getByRole('table', { name: /Aantal gepubliceerde adviezen/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /adviezen voor Regio Alkmaar over Werk/ }).click();
  await expect(page.getByLabel('Indicator', { exact: true })).toHaveValue('work');
  await page.goto('/advice/tips');
  await expect(page.getByRole('heading', { level: 1, name: 'Gouden tips' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/advice/report?indicator=language');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport adviezen' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/goals');
  await expect(page.getByText('Doel: Nederlands leren en gebruiken in het dagelijks leven')).toBeVisible();
  await expectAccessible(page);
});

test('an admin edits an indicator text', async ({ page }) => {
  await signedIn(page, DEMO.admin);
  await page.goto('/admin/indicators');
  await page.getByText('Digitale vaardigheden').click();
  await page.locator('details[open]').getByLabel('Toelichting (Nederlands)').fill('Omgaan met DigiD en apps.');
  await page.locator('details[open]').getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De teksten van de indicator zijn opgeslagen.');
  await expectAccessible(page);
});

test('the register in Arabic is right-to-left', async ({ page }) => {
  await page.goto('/advice');
  await page.getByLabel('Taal').selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('سجل النصائح');
  await expect(page.getByLabel('البحث في النصائح')).toBeVisible();
  await expectAccessible(page);
});
