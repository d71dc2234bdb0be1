import { readFile } from 'node:fs/promises';
import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { isolated } from '~/bidi';
import { DEMO, expectAccessible, inDays, openOutboxAsAdmin, planSession, signIn, openFromMenu } from './helpers';

/** Signs in and waits until it has landed, so the next navigation does not cut the sign-in short. */
async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('banner').getByRole('link', { name: /^Meldingen/ })).toBeVisible();
}

async function asPerson(browser: Browser, email: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signedIn(page, email);
  return page;
}

test('a coordinator plans a series, a member answers on a phone, the next lands on the waiting list, attendance is recorded', async ({
  page,
  browser,
}) => {
  // Three people in three browsers on a shared 2-core machine: give the whole flow more time.
  test.setTimeout(90_000);
  const title = `Reeks ontwerpen ${Date.now()}`;
  await signedIn(page, DEMO.coordinator);
  await openFromMenu(page, 'Bijeenkomsten');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Plan een bijeenkomst voor Expertpool Regio Alkmaar' }).click();
  await expectAccessible(page);
  const url = await planSession(page, { title, date: inDays(14), capacity: '1', weekly: '3' });
  await expect(page.getByText('Deel van een reeks van 3 bijeenkomsten')).toBeVisible();
  await expect(page.getByText('0 van 1 plaatsen bezet')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Agenda' })).toBeVisible();
  await expect(page.getByText('Ervaringen', { exact: true })).toBeVisible();
  await expectAccessible(page);

  // Yonas answers on a phone and adds the session to his calendar.
  const phone = await asPerson(browser, DEMO.lid, {
    ...devices['Pixel 7'],
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  await phone.goto(url);
  await phone.getByRole('button', { name: 'Ja, ik kom' }).click();
  await expect(phone.getByRole('status')).toHaveText('Je antwoord is opgeslagen.');
  await expect(phone.getByText('Jouw antwoord: Ja, ik kom')).toBeVisible();
  await expectAccessible(phone);
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    phone.getByRole('link', { name: 'Zet in je agenda' }).click(),
  ]);
  // The title as typed (RFC 6266 filename*), with an ASCII fallback for old clients.
  expect(download.suggestedFilename()).toBe(`${title}.ics`);
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`SUMMARY:${title} (Expertpool Regio Alkmaar)`);
  await phone.context().close();

  // The one place is taken: Amal says yes and lands on the waiting list.
  const amal = await asPerson(browser, 'amal@demo.expertpool.nl');
  await amal.goto(url);
  await amal.getByRole('button', { name: 'Ja, ik kom' }).click();
  await expect(amal.getByRole('status')).toHaveText('De bijeenkomst is vol. Je staat op de wachtlijst.');
  await expect(amal.getByText('Jouw antwoord: Op de wachtlijst')).toBeVisible();
  await expect(amal.getByText(/Komt er een plaats vrij\? Dan krijg je die vanzelf/)).toBeVisible();
  await amal.context().close();

  // The coordinator sees both answers and records who came, with an allowance.
  await page.reload();
  await expect(page.getByText('1 van 1 plaatsen bezet · 1 op de wachtlijst')).toBeVisible();
  const answers = page.getByRole('table');
  await expect(answers.getByRole('row', { name: /Yonas/ })).toContainText('Ja, ik kom');
  await expect(answers.getByRole('row', { name: /Amal/ })).toContainText('Op de wachtlijst');
  await expect(page.getByLabel('Yonas was aanwezig')).toBeChecked();
  await page.getByLabel('Vergoeding voor Yonas (euro)').fill('7,50');
  await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De aanwezigheid is opgeslagen.');
  await page.reload();
  await expect(page.getByLabel('Vergoeding voor Yonas (euro)')).toHaveValue('7.50');
  await expect(page.getByLabel('Amal was aanwezig')).not.toBeChecked();
  await expectAccessible(page);

  // A reminder on demand goes through the job runner into the (dev) outbox.
  await page.getByRole('button', { name: 'Stuur nu een herinnering' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'De herinnering wordt verstuurd naar iedereen die niet heeft afgezegd.',
  );
  const outbox = await openOutboxAsAdmin(browser);
  await expect(async () => {
    await outbox.reload();
    await expect(outbox.getByRole('heading', { name: `Herinnering: ${isolated(title)}` }).first()).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
});

test('the second of two editors gets a clear conflict and keeps what they typed', async ({ page, browser }) => {
  await signedIn(page, DEMO.coordinator);
  const url = await planSession(page, { title: `Conflict ${Date.now()}`, date: inDays(21) });
  const admin = await asPerson(browser, DEMO.admin);
  await page.goto(`${url}/edit`);
  await admin.goto(`${url}/edit`);
  await page.getByLabel('Titel').fill('Titel van de coördinator');
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De wijzigingen zijn opgeslagen.');

  await admin.getByLabel('Titel').fill('Titel van de beheerder');
  await admin.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(admin.getByRole('alert')).toContainText('Iemand anders heeft deze bijeenkomst net gewijzigd');
  await expect(admin.getByRole('alert')).toContainText('“Titel van de coördinator”');
  await expect(admin.getByLabel('Titel')).toHaveValue('Titel van de beheerder');
  await expectAccessible(admin);
  await admin.context().close();
});

test('an end time before the start time is refused and the form keeps what was typed', async ({ page }) => {
  await signedIn(page, DEMO.coordinator);
  await page.goto('/sessions');
  await page.getByRole('link', { name: 'Plan een bijeenkomst voor Expertpool Twente' }).click();
  await page.getByLabel('Titel').fill('Omgekeerd');
  await page.getByLabel('Datum', { exact: true }).fill(inDays(10));
  await page.getByLabel('Begintijd').fill('20:00');
  await page.getByLabel('Eindtijd').fill('19:00');
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page.getByText('De eindtijd moet na de begintijd liggen.')).toBeVisible();
  await expect(page.getByLabel('Titel')).toHaveValue('Omgekeerd');
  await expect(page.getByLabel('Eindtijd')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('the coordinator’s calendar flags the two pools meeting at the same time', async ({ page }) => {
  await signedIn(page, DEMO.coordinator);
  await page.goto(`/sessions/calendar?month=${inDays(5).slice(0, 7)}&view=agenda`);
  const clashing = page.getByRole('listitem').filter({ hasText: 'Op dezelfde tijd als een andere bijeenkomst' });
  await expect(clashing.filter({ hasText: 'Samen de Brede Intake ontwerpen' })).toHaveCount(1);
  await expect(clashing.filter({ hasText: 'Maatschappelijke begeleiding in Twente' })).toHaveCount(1);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Maand', exact: true }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page);
});

test('a municipality reader sees the sessions of the pool serving them only as title and date', async ({ page }) => {
  await signedIn(page, DEMO.gemeente);
  await page.goto('/sessions');
  const card = page.getByRole('listitem').filter({ hasText: 'Samen de Brede Intake ontwerpen' });
  await expect(card).toContainText('Je ziet van deze bijeenkomst alleen de titel en de datum.');
  await expect(card.getByRole('link')).toHaveCount(0);
  await expect(page.getByText('Yonas')).toHaveCount(0);
  await expectAccessible(page);
});

test('a personal calendar feed works until it is revoked, then answers 404', async ({ page }) => {
  await signedIn(page, 'tesfay@demo.expertpool.nl');
  await page.goto('/sessions');
  await page.getByRole('button', { name: 'Maak een agenda-link' }).click();
  const link = await page.getByLabel('Jouw agenda-link').inputValue();
  const feed = await page.request.get(link);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('Samen de Brede Intake ontwerpen');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Link intrekken' }).click();
  await expect(page.getByRole('status')).toHaveText('De agenda-link is ingetrokken. Hij werkt niet meer.');
  expect((await page.request.get(link)).status()).toBe(404);
});

test('in Arabic the sessions page is right-to-left with Arabic dates', async ({ page }) => {
  await signedIn(page, DEMO.lid);
  await page.goto('/sessions');
  await page.getByLabel('Taal').selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الجلسات');
  await expect(page.getByRole('heading', { name: 'الجلسات القادمة' })).toBeVisible();
  // Month names come from date-fns' Arabic locale.
  await expect(page.locator('time').first()).toHaveText(
    /(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)/,
  );
  // Right-to-left: a session card's heading starts at the right edge of the card.
  const card = page.getByRole('listitem').filter({ hasText: 'Samen de Brede Intake ontwerpen' });
  const cardBox = (await card.boundingBox())!;
  const headingBox = (await card.getByRole('heading').boundingBox())!;
  expect(cardBox.x + cardBox.width - (headingBox.x + headingBox.width)).toBeLessThan(40);
  await expectAccessible(page);
});

test('a coordinator opens a board from the session page; board and session point at each other', async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Met een bord ${Date.now()}`;
  await signedIn(page, DEMO.coordinator);
  await planSession(page, { title, date: inDays(12) });
  const boards = page.getByRole('region', { name: 'Bord' });
  await expect(boards.getByText('Er is nog geen bord voor deze bijeenkomst.')).toBeVisible();
  await boards.getByRole('link', { name: 'Open een bord voor deze bijeenkomst' }).click();
  await expect(page.getByText(`Dit bord hoort bij de bijeenkomst ${title}`)).toBeVisible();
  await page.getByLabel('Naam van het bord').fill(`Bord voor ${title}`);
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bord voor ${title}` })).toBeVisible();
  await expect(page.getByText('Bij de bijeenkomst')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('link', { name: `Naar het bord: Bord voor ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bord voor ${title}` })).toBeVisible();
});
