import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

// Made here with a name and a number no other spec uses (specs share one server and run in parallel).
const run = Date.now().toString(36);

test('an admin adds a respondent group: an empty or taken name is refused, the typed name stays', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Groepen respondenten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Groepen respondenten' })).toBeVisible();
  const groups = page.getByRole('table', { name: 'Groepen respondenten' });
  await expect(groups.getByRole('row', { name: /Inburgeringscoaches/ })).toContainText('Vaste groep');
  await expectAccessible(page);

  const name = page.getByLabel('Naam van de groep');
  await name.fill('  inburgeraars ');
  await page.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(page.getByText('Er is al een groep met deze naam.')).toBeVisible();
  await expect(name).toHaveValue('  inburgeraars ');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await name.fill(`Werkgevers ${run}`);
  await page.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(page.getByRole('status')).toHaveText('De groep is toegevoegd.');
  const added = groups.getByRole('row', { name: new RegExp(`Werkgevers ${run}`) });
  await expect(added).toContainText('0');
  await added.getByRole('button', { name: `Groep Werkgevers ${run} verwijderen` }).click();
  await expect(page.getByRole('status')).toHaveText('De groep is verwijderd.');
  await expect(added).toHaveCount(0);
});

test('an admin adds, moves and removes a size class; a word or a taken start is refused', async ({ page }) => {
  // Above every Dutch municipality, so no comparison another spec reads changes.
  const start = 5_000_000 + (Date.now() % 1_000_000);
  const typed = start.toLocaleString('nl-NL');
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Grootteklassen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grootteklassen van gemeenten' })).toBeVisible();
  const classes = page.getByRole('table', { name: 'Grootteklassen' });
  await expect(classes.getByRole('row', { name: /^100\.000 tot en met 249\.999/ })).toBeVisible();
  await expectAccessible(page);

  const field = page.getByLabel('Begint bij (inwoners)');
  await field.fill('twintigduizend');
  await page.getByRole('button', { name: 'Klasse toevoegen' }).click();
  await expect(page.getByText('Geef een heel getal inwoners, zonder komma of letters')).toBeVisible();
  await expect(field).toHaveValue('twintigduizend');
  await field.fill('20.000');
  await page.getByRole('button', { name: 'Klasse toevoegen' }).click();
  await expect(page.getByText('Er begint al een klasse bij dit aantal inwoners.')).toBeVisible();
  await expect(field).toHaveValue('20.000');
  await expectAccessible(page);

  await field.fill(typed);
  await page.getByRole('button', { name: 'Klasse toevoegen' }).click();
  await expect(page.getByRole('status')).toHaveText('De klasse is toegevoegd.');
  const mine = classes.getByRole('row', { name: new RegExp(`^${typed.replace(/\./g, '\\.')} en meer`) });
  await expect(mine).toBeVisible();

  // Moving its start onto another class's is refused by that class's row, with the typed number kept.
  const startOf = mine.getByLabel(/Begin van de klasse/);
  await startOf.fill('250000');
  await mine.getByRole('button', { name: 'Opslaan' }).click();
  const refused = classes.getByRole('row', { name: new RegExp(`^${typed.replace(/\./g, '\\.')} en meer`) });
  await expect(refused.getByText('Er begint al een klasse bij dit aantal inwoners.')).toBeVisible();
  await expect(refused.getByLabel(/Begin van de klasse/)).toHaveValue('250000');

  const moved = start + 1;
  await refused.getByLabel(/Begin van de klasse/).fill(String(moved));
  await refused.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Het begin van de klasse is gewijzigd.');
  const label = moved.toLocaleString('nl-NL');
  await page.getByRole('button', { name: `Klasse ${label} en meer verwijderen` }).click();
  await expect(page.getByRole('status')).toHaveText('De klasse is verwijderd.');
  await expect(classes.getByRole('row', { name: new RegExp(`^${label.replace(/\./g, '\\.')}`) })).toHaveCount(0);
});

test("a policy officer sees Alkmaar's coaches beside its newcomers, also on a 360 px phone", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  // The experience data is on the core indicator's own page, one link from the overview.
  await page.getByRole('link', { name: 'Ervaren passendheid van het werk', exact: true }).click();
  const core = page.getByRole('main');
  const side = core.getByRole('region', { name: 'Groepen naast elkaar' });
  const table = side.getByRole('table', { name: 'Gemiddelde score per groep, laatste ronde' });
  await expect(table.getByRole('columnheader', { name: 'Inburgeraars' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Inburgeringscoaches' })).toBeVisible();
  // Each cell is a group's latest round, with its number of people.
  await expect(table.getByRole('row', { name: /^Werk/ })).toContainText(
    'Vragenlijst voor inburgeringscoaches: Najaar 2026',
  );
  await expect(table.getByRole('row', { name: /^Werk/ })).toContainText('personen');
  // The wave table says which group each round asked.
  await expect(core.getByRole('row', { name: /Vragenlijst voor inburgeringscoaches: Voorjaar 2026/ })).toContainText(
    'Inburgeringscoaches',
  );
  await expectAccessible(page);

  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 360, height: 800 } });
  const phone = await context.newPage();
  await signIn(phone, DEMO.gemeente);
  await phone.goto(page.url());
  await expect(
    phone.getByRole('main').getByRole('table', { name: 'Gemiddelde score per groep, laatste ronde' }),
  ).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(phone);
  await context.close();
});
