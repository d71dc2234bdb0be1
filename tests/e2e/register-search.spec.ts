import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

// Issue 19: the register finds what a reader means (synonyms), suggests a word for a typo, and an
// admin keeps the synonym dictionary.

const HOUSING_ADVICE = 'Klachten over de woning blijven liggen';

async function search(page: import('@playwright/test').Page, words: string) {
  await page.getByLabel('Zoeken in adviezen').fill(words);
  await page.getByLabel('Zoeken in adviezen').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(words)}`));
}

test('"huisvesting" finds housing advice, and a typo gets a suggestion that one click searches', async ({ page }) => {
  await page.goto('/advice');
  await search(page, 'huisvesting');
  // No demo advice says "huisvesting"; the dictionary widens it to "woning", "wonen" …
  await expect(page.getByRole('link', { name: HOUSING_ADVICE }).first()).toBeVisible();
  await expectAccessible(page);

  await search(page, 'huisvestign');
  await expect(page.getByRole('heading', { level: 2, name: /0 adviezen gevonden/ })).toBeVisible();
  await expect(page.getByText('Bedoelde u:')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'huisvesting', exact: true }).click();
  await expect(page).toHaveURL(/q=huisvesting(&|$)/);
  await expect(page.getByLabel('Zoeken in adviezen')).toHaveValue('huisvesting');
  await expect(page.getByRole('link', { name: HOUSING_ADVICE }).first()).toBeVisible();
});

test('an admin adds a synonym group, and the register searches with it', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Synoniemen voor het zoeken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synoniemen voor het zoeken' })).toBeVisible();
  // Each group is a folded section titled by its words.
  await expect(page.getByRole('group').filter({ hasText: 'huisvesting, huurwoning' })).toBeVisible();
  await expectAccessible(page);

  const words = page.getByRole('textbox', { name: 'Woorden', exact: true });
  // A word belongs to one group: the form says which, and keeps what was typed.
  await words.fill('vochtplek, woning');
  await page.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(page.getByText('Al in een andere groep: woning')).toBeVisible();
  await expect(words).toHaveValue('vochtplek, woning');
  await expect(words).toHaveAccessibleDescription(/Een woord staat in één groep/);
  await expectAccessible(page);

  await words.fill('x');
  await page.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(page.getByText('Elk woord heeft minstens twee tekens.')).toBeVisible();

  await words.fill('Vochtplek, schimmel');
  await page.getByRole('button', { name: 'Groep toevoegen' }).click();
  await expect(page.getByRole('status')).toHaveText('De groep is toegevoegd.');
  await expect(page.getByRole('group').filter({ hasText: 'schimmel, vochtplek' })).toBeVisible();

  await page.goto('/advice');
  await search(page, 'vochtplek');
  await expect(page.getByRole('link', { name: HOUSING_ADVICE }).first()).toBeVisible();
});

test('hostile searches and dictionary input are refused or cut, never a 500', async ({ page }) => {
  // A search is never refused: controls become spaces, anything past 500 characters is cut, and only
  // ten words are widened and eight looked up for a suggestion.
  for (const q of ['huis\u0000vesting', 'huisvestign '.repeat(400), 'x'.repeat(6000)]) {
    const response = await page.request.get(`/advice?q=${encodeURIComponent(q)}`);
    expect(response.status()).toBe(200);
  }
  await signIn(page, DEMO.admin);
  await page.goto('/admin/synonyms');
  const origin = new URL(page.url()).origin;
  for (const words of [
    'a'.repeat(1_000_000),
    'fiets,\u0000rijwiel',
    Array.from({ length: 30 }, (_, i) => `w${i}x`).join(','),
  ]) {
    const refused = await page.request.post('/admin/synonyms', { form: { words }, headers: { Origin: origin } });
    expect([400, 413]).toContain(refused.status());
  }
});
