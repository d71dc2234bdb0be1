import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, searchableChoice, signIn } from './helpers';

// Issue 18: the register, signals, patterns and results pages no longer carry every municipality for
// their filter. The municipality is searched for on the server while it is typed; without JavaScript
// the field lists the chosen region's municipalities.

test('a reader finds a municipality by typing part of its name and filters the register with it', async ({ page }) => {
  await signIn(page, DEMO.gemeente);
  await page.goto('/advice');
  // The page's data names no municipality: the filter has nothing to list until something is typed.
  const data = await (await page.request.get('/advice?_data=routes/advice._index')).json();
  expect(data.place).toMatchObject({ municipality: null, inRegion: [] });
  expect(data).not.toHaveProperty('municipalities');

  const field = searchableChoice(page, 'Gemeente');
  await field.fill('castr');
  const option = page.getByRole('option', { name: /^Castricum/ });
  await expect(option).toContainText('Regio Alkmaar');
  await expect(page.getByText('1 gevonden')).toBeVisible();
  await expectAccessible(page);
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(field).toHaveValue('Castricum');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(page).toHaveURL(/[?&]municipality=[0-9a-f-]{36}/);
  await expect(searchableChoice(page, 'Gemeente')).toHaveValue('Castricum');

  // Emptied, the field is "all municipalities" again.
  await searchableChoice(page, 'Gemeente').fill('');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(page).toHaveURL(/[?&]municipality=(&|$)/);
  await expect(searchableChoice(page, 'Gemeente')).toHaveValue('');
});

test('a name typed out in full counts as chosen, also when it was not picked from the list', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await page.goto('/signals/patterns');
  const field = searchableChoice(page, 'Gemeente');
  await field.fill('heiloo');
  await expect(page.getByRole('option', { name: /^Heiloo/ })).toBeVisible();
  await field.press('Tab');
  await expect(field).toHaveValue('Heiloo');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/[?&]municipalityId=[0-9a-f-]{36}/);
  await expect(searchableChoice(page, 'Gemeente')).toHaveValue('Heiloo');
});

test('without JavaScript a coordinator picks a region first, then one of its municipalities', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, DEMO.coordinator);
  await page.goto('/signals');
  const municipality = page.getByLabel('Gemeente', { exact: true });
  await expect(municipality).toHaveJSProperty('tagName', 'SELECT');
  await expect(municipality.locator('option')).toHaveText(['Alle gemeenten']);
  await expect(page.getByText('Kies eerst een regio en pas de filters toe')).toBeVisible();

  await page.getByLabel('Regio', { exact: true }).selectOption({ label: 'Regio Alkmaar' });
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(municipality.locator('option')).toHaveText([
    'Alle gemeenten',
    'Alkmaar',
    'Bergen (NH)',
    'Castricum',
    'Dijk en Waard',
    'Heiloo',
    'Uitgeest',
  ]);
  await municipality.selectOption({ label: 'Castricum' });
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/[?&]municipalityId=[0-9a-f-]{36}/);
  await expect(municipality.locator('option:checked')).toHaveText('Castricum');
  await context.close();
});
