import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

// Coordinators work in the regions an admin assigned them (issue 16, item 3). The demo coordinator
// Samira has Regio Alkmaar and Regio Twente. These tests change her regions for a while, so they run
// one after the other.
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await signIn(page, email);
  return page;
}

/** The regions the new-pool form offers this person. */
async function regionChoices(page: Page) {
  await page.goto('/pools/new');
  return page.getByLabel('Regio').locator('option').allTextContents();
}

test('an admin gives a coordinator a region and takes it away again, in Dutch and in Arabic', async ({ browser }) => {
  const admin = await as(browser, DEMO.admin);
  const coordinator = await as(browser, DEMO.coordinator);
  expect(await regionChoices(coordinator)).toEqual(['Regio Alkmaar', 'Regio Twente']);

  await admin.getByRole('link', { name: 'Beheer' }).click();
  const samira = admin.getByRole('list', { name: "Regio's van Samira" });
  await expect(samira.getByRole('listitem')).toHaveText([/Regio Alkmaar/, /Regio Twente/]);
  await admin.getByLabel('Regio voor Samira').selectOption({ label: 'Regio Zwolle' });
  await admin.getByRole('button', { name: 'Regio toewijzen aan Samira' }).click();
  await expect(admin.getByRole('status')).toHaveText('Opgeslagen.');
  await expect(samira.getByRole('listitem')).toHaveText([/Regio Alkmaar/, /Regio Twente/, /Regio Zwolle/]);
  await expectAccessible(admin);

  // What the coordinator may choose follows at once: the database decides.
  expect(await regionChoices(coordinator)).toEqual(['Regio Alkmaar', 'Regio Twente', 'Regio Zwolle']);

  // The admin works in Arabic now, right to left, and takes the region away again.
  await admin.getByLabel('Taal').selectOption('ar');
  await admin.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(admin.locator('html')).toHaveAttribute('dir', 'rtl');
  await admin.getByRole('button', { name: 'سحب Regio Zwolle من Samira' }).click();
  await expect(admin.getByRole('status')).toHaveText('تم الحفظ.');
  await expect(admin.getByRole('list', { name: 'مناطق Samira' }).getByRole('listitem')).toHaveCount(2);
  await expect(admin.getByLabel('منطقة لـ Samira')).toBeVisible();
  await expectAccessible(admin);

  expect(await regionChoices(coordinator)).toEqual(['Regio Alkmaar', 'Regio Twente']);
});

test('a coordinator who picks a region that is not theirs is told why, and keeps what they typed', async ({
  browser,
}) => {
  const coordinator = await as(browser, DEMO.coordinator);
  // The register's region filter shows every region with its id.
  await coordinator.goto('/advice');
  const rotterdam = await coordinator
    .getByLabel('Regio', { exact: true })
    .locator('option', { hasText: 'Regio Rotterdam' })
    .getAttribute('value');

  await coordinator.goto('/pools/new');
  await coordinator.getByLabel('Naam', { exact: true }).fill('Expertpool Rijnmond');
  // What someone could send by editing the page: a region the list does not offer.
  await coordinator.getByLabel('Regio').evaluate((select: HTMLSelectElement, id) => {
    select.add(new Option('Regio Rotterdam', id!));
    select.value = id!;
  }, rotterdam);
  await coordinator.getByRole('button', { name: 'Pool aanmaken' }).click();
  await expect(
    coordinator.getByText('Je mag een pool alleen in een regio zetten die een beheerder je heeft toegewezen.', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(coordinator.getByLabel('Naam', { exact: true })).toHaveValue('Expertpool Rijnmond');
  await expect(coordinator.getByLabel('Regio')).toHaveAttribute('aria-invalid', 'true');
  await expect(
    coordinator.getByText("Hier staan alleen de regio's waarin je mag werken.", { exact: false }),
  ).toBeVisible();
  await expectAccessible(coordinator);
});

test('a coordinator cannot delete a goal that has monitoring figures, and reads why', async ({ browser }) => {
  const coordinator = await as(browser, DEMO.coordinator);
  await coordinator.goto('/goals');
  await expect(coordinator.getByRole('heading', { level: 2, name: 'Alkmaar' })).toBeVisible();
  const goal = 'Meedoen naar vermogen: werk, opleiding of vrijwilligerswerk';
  await coordinator.getByRole('button', { name: `Doel verwijderen: ${goal}` }).click();
  await expect(coordinator.getByRole('alert')).toContainText(
    'Dit doel is niet verwijderd: bij de kernindicatoren eronder horen monitoringcijfers',
  );
  await expect(coordinator.getByRole('heading', { level: 3, name: `Doel: ${goal}` })).toBeVisible();
  await expectAccessible(coordinator);

  // Its figures are still there for Alkmaar's reader, e.g. work after three years in 2024 (a year no
  // other test changes: monitoring.spec.ts deletes 2018 and may run first).
  const reader = await as(browser, DEMO.gemeente);
  await reader.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  const work = '% inburgeraars met betaald werk na drie jaar';
  await reader.getByRole('link', { name: work, exact: true }).click();
  await expect(
    reader
      .getByRole('main')
      .getByRole('table', { name: `Cijfers: ${work}` })
      .getByRole('row', { name: /^2024/ }),
  ).toContainText('38 %');

  // In a region that is not hers the tree is for reading only.
  await coordinator.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Rotterdam' });
  await coordinator.getByRole('button', { name: 'Toon' }).click();
  await expect(coordinator.getByRole('heading', { level: 2, name: 'Rotterdam' })).toBeVisible();
  await expect(
    coordinator.getByText('Alleen beheerders en de coördinatoren van de regio van deze gemeente', { exact: false }),
  ).toBeVisible();
  await expect(coordinator.getByRole('button', { name: 'Doel toevoegen' })).toHaveCount(0);
});
