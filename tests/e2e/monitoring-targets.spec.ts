import { expect, test } from '@playwright/test';
import { cellOf, DEMO, expectAccessible, signIn, chooseLanguage } from './helpers';

const LANGUAGE = 'Zelf ervaren taalvaardigheid in contact met instanties';

test('a policy officer sets a target, sees the status change and reads it in Arabic on a phone', async ({
  page,
  browser,
}) => {
  // Eight axe checks, most of the monitoring page (slow: docs/benchmarks/2026-12-05-monitoring-2.md):
  // past 120 s on a busy machine.
  test.setTimeout(180_000);
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Monitoring Alkmaar' })).toBeVisible();
  const url = page.url();

  // The demo's other core indicators have targets, so each goal counts its statuses.
  const goalSummaries = page.getByRole('list', { name: /^Voortgang van de kernindicatoren van/ });
  await expect(goalSummaries.first()).toContainText('Op koers');
  // The sources the municipality keeps, with their kinds, on a page of their own.
  await page.getByRole('link', { name: 'Databronnen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Databronnen: Alkmaar' })).toBeVisible();
  const sources = page.getByRole('region', { name: 'Databronnen van deze gemeente' });
  await expect(sources.getByRole('listitem').filter({ hasText: 'RMW/CommUtr' })).toContainText(
    'Systeem van een partner',
  );
  await expect(sources.getByRole('listitem').filter({ hasText: 'Dit moet worden uitgezocht' })).toContainText(
    'Nog uit te zoeken',
  );
  await expectAccessible(page);
  await page.goto(url);

  const onOverview = (column: string) => cellOf(page, LANGUAGE, column);
  await expect(await onOverview('Streefwaarde')).toHaveText('Nog geen streefwaarde.');
  await expect(await onOverview('Voortgang')).toHaveText('– Geen gegevens');
  // Targets are set on the core indicator's own page.
  await page.getByRole('link', { name: LANGUAGE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kernindicator: ${LANGUAGE}`);
  const indicatorPage = page.url();
  const core = page.getByRole('main');
  const progress = core.getByRole('region', { name: 'Streefwaarde en voortgang' });
  await expect(progress).toContainText('Geen gegevens');
  await expect(progress).toContainText('Nog geen streefwaarde.');
  await expect(progress).toContainText('Hoger is beter');
  await expectAccessible(page);

  // Year 0000 and a number too large for any double are refused, and what was typed stays.
  const year = core.getByLabel('Te halen in (jaar)', { exact: true });
  const target = core.getByLabel('Streefwaarde', { exact: true });
  await year.fill('0000');
  await target.fill('1e309');
  await core.getByRole('button', { name: 'Streefwaarde opslaan' }).click();
  await expect(core.getByText('Schrijf een jaar van 1990 tot en met 2100, bijvoorbeeld 2027.')).toBeVisible();
  await expect(core.getByText('Vul een getal in, bijvoorbeeld 42 of 42,5.')).toBeVisible();
  await expect(year).toHaveValue('0000');
  await expect(target).toHaveValue('1e309');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  // Another municipality's (or a made-up) core indicator is not found, never a server error.
  const forged = await page.request.post(indicatorPage, {
    form: { intent: 'target', coreIndicatorId: '00000000-0000-4000-8000-000000000000', dueYear: '2027', value: '4' },
  });
  expect(forged.status()).toBe(404);

  // 2.6 in 2020 to 4 by the end of 2027: the line stands near 3.5 in 2025, where the figure is 3.3.
  await year.fill('2027');
  await target.fill('4');
  await core.getByRole('button', { name: 'Streefwaarde opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De streefwaarde is opgeslagen.');
  await expect(progress).toContainText('Achter');
  await expect(
    progress.getByRole('table', { name: `Streefwaarden: ${LANGUAGE}` }).getByRole('row', { name: /^2027/ }),
  ).toContainText('4');
  await expectAccessible(page);

  // A lower target for the same year replaces it, and the figure is on track.
  await year.fill('2027');
  await target.fill('3,2');
  await core.getByRole('button', { name: 'Streefwaarde opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De streefwaarde is opgeslagen.');
  await expect(progress).toContainText('Op koers');
  await expect(progress).toContainText(
    'Het laatste cijfer, 3,3 1–5 (2025), haalt de streefwaarde van 3,2 1–5 voor 2027 al.',
  );
  await expect(progress.getByRole('row', { name: /^2027/ })).toContainText('3,2');
  // Saved, the person is still on the core indicator's page; the overview shows the status too.
  expect(page.url()).toBe(indicatorPage);
  await page.goto(url);
  await expect(await onOverview('Streefwaarde')).toHaveText('3,2 1–5 in 2027');
  await expect(await onOverview('Voortgang')).toHaveText('✓ Op koers');
  await expectAccessible(page);

  // On a phone, in Arabic: the status in words, right to left, nothing wider than the screen.
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await signIn(phone, DEMO.gemeente);
  await phone.goto('/monitoring');
  await chooseLanguage(phone, 'ar');
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await phone.goto(url);
  await expect(await cellOf(phone, LANGUAGE, 'التقدم')).toContainText('على المسار');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(phone);
  await phone.goto(indicatorPage);
  const arabic = phone.getByRole('main').getByRole('region', { name: 'القيمة المستهدفة والتقدم' });
  await expect(arabic).toContainText('على المسار');
  await expect(arabic).toContainText('الأعلى أفضل');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("a coordinator of the region keeps Alkmaar's list of data sources and chooses a core indicator's source", async ({
  page,
}) => {
  await signIn(page, DEMO.coordinator);
  await page.goto('/monitoring');
  await page.getByRole('link', { name: 'Alkmaar', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Monitoring Alkmaar' })).toBeVisible();
  const monitoring = page.url();
  await page.getByRole('link', { name: 'Databronnen', exact: true }).click();
  const sources = page.getByRole('region', { name: 'Databronnen van deze gemeente' });
  const name = `Welkomhuis-registratie ${Date.now()}`;

  // An empty name is refused with its message, and the chosen kind stays.
  await sources.getByLabel('Soort', { exact: true }).selectOption({ label: 'Systeem van een partner' });
  await sources.getByRole('button', { name: 'Bron opslaan' }).click();
  await expect(sources.getByText('Vul dit veld in.')).toBeVisible();
  await expect(sources.getByLabel('Soort', { exact: true })).toHaveValue('partner');
  await expectAccessible(page);

  await sources.getByLabel('Naam', { exact: true }).fill(name);
  await sources.getByRole('button', { name: 'Bron opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De databron is opgeslagen.');
  await expect(sources.getByRole('listitem').filter({ hasText: name })).toContainText('Systeem van een partner');

  // On the core indicator's own page (one link from the overview) it takes its figures from the new
  // source, and says so when it is read again.
  await page.goto(monitoring);
  await page.getByRole('link', { name: LANGUAGE, exact: true }).click();
  const core = page.getByRole('main');
  await core.getByLabel('Bron van de cijfers', { exact: true }).selectOption({ label: name });
  await core.getByRole('button', { name: 'Bron opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De bron van deze kernindicator is opgeslagen.');
  await expect(core.getByRole('definition').first()).toContainText(`${name} (Systeem van een partner)`);
  await expectAccessible(page);
  await page.reload();
  await expect(core.getByRole('definition').first()).toContainText(`${name} (Systeem van een partner)`);
});

test('a policy officer compares a figure with other municipalities, never one of them alone', async ({ page }) => {
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  // The comparison is on the core indicator's own page, one link from the overview.
  await page
    .getByRole('link', { name: '% inburgeraars dat de leerroute binnen de termijn afrondt', exact: true })
    .click();
  const own = page.getByRole('main');
  const comparison = own.getByRole('region', { name: 'Vergelijking met andere gemeenten' });
  const table = comparison.getByRole('table', { name: /: deze gemeente naast andere gemeenten$/ });
  await expect(table.getByRole('row', { name: /^Deze gemeente/ })).toContainText('61 %');
  // 40 other municipalities share the measure; 5 in Regio Alkmaar; 3 of Alkmaar's size (under 5: no figure).
  await expect(table.getByRole('row', { name: /^Alle gemeenten met deze maat/ })).toContainText(
    /^Alle gemeenten met deze maat40/,
  );
  await expect(table.getByRole('row', { name: /^Gemeenten in dezelfde regio/ })).toContainText(
    /5\s*\d+ %\s*\d+ % – \d+ %/,
  );
  await expect(table.getByRole('row', { name: /^Gemeenten van dezelfde grootte/ })).toContainText(
    'Te weinig gemeenten (minder dan 5) om te vergelijken',
  );
  // Only municipalities that made their figures public are named.
  const named = comparison.getByRole('table', { name: /openbare cijfers$/ });
  await expect(named.getByRole('rowheader')).toHaveText(['Leeuwarden', 'Zwolle']);
  await expect(comparison).not.toContainText('Bergen');
  await expectAccessible(page);

  // The comparison follows the measure chosen: none chosen, none shown.
  await own.getByLabel('Vergelijken met (benchmark)').selectOption({ label: 'Niet vergelijken' });
  await own.getByRole('button', { name: 'Richting en eenheid opslaan' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(own.getByRole('region', { name: 'Vergelijking met andere gemeenten' })).toHaveCount(0);
  await own.getByLabel('Vergelijken met (benchmark)').selectOption({
    label: '% inburgeraars dat de leerroute binnen de termijn afrondt (DUO)',
  });
  await own.getByRole('button', { name: 'Richting en eenheid opslaan' }).click();
  await expect(own.getByRole('region', { name: 'Vergelijking met andere gemeenten' })).toBeVisible();
});
