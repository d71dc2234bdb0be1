import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn, openFromMenu } from './helpers';

/*
 * Issue 16, item 4: beside a municipality with fewer than five respondents ("<5"), a second figure is
 * hidden so that the small one cannot be worked out from the region's total. In the demo data Uitgeest
 * has three respondents in each round of the Alkmaar pool's questionnaire.
 */
test('the results page says which figures are hidden so that a small group cannot be worked out', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await openFromMenu(page, 'Vragenlijsten');
  await page.getByRole('link', { name: /^Resultaten\s*:\s*Hoe gaat het met je inburgering\?/ }).click();
  await page.getByLabel('Ronde', { exact: true }).selectOption({ label: 'Voorjaar 2026' });
  await page.getByRole('button', { name: 'Toon' }).click();

  const perPlace = page.getByRole('table', { name: 'Per gemeente' });
  const uitgeest = perPlace.getByRole('columnheader', { name: 'Uitgeest' });
  await expect(uitgeest).toBeVisible();
  await expect(perPlace.getByRole('cell', { name: '<5' }).first()).toBeVisible();
  const hidden = perPlace.getByRole('cell', { name: 'verborgen' }).first();
  await expect(hidden).toBeVisible();
  await expect(hidden).toHaveAccessibleDescription(
    /verborgen: weggelaten zodat een groep van minder dan 5 mensen niet uit de andere cijfers te berekenen is/,
  );
  await expect(page.getByText(/weggelaten zodat een groep van minder dan 5 mensen/)).toBeVisible();
  await expectAccessible(page);

  // The same in Arabic, right to left.
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const hiddenAr = page.getByRole('table', { name: 'حسب البلدية' }).getByRole('cell', { name: 'مخفي' }).first();
  await expect(hiddenAr).toBeVisible();
  await expect(hiddenAr).toHaveAccessibleDescription(/حتى لا يمكن حساب مجموعة من أقل من 5 أشخاص/);
  await expectAccessible(page);
});
