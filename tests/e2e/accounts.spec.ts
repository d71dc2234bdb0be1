import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

test.describe('the dev outbox (it holds reset links)', () => {
  test('is not there for a visitor or a coordinator', async ({ page }) => {
    expect((await page.goto('/dev/outbox'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
    await signIn(page, DEMO.coordinator);
    await expect(page.getByRole('link', { name: 'Verzonden e-mail (ontwikkeling)' })).toHaveCount(0);
    expect((await page.goto('/dev/outbox'))?.status()).toBe(404);
    await expectAccessible(page);
  });

  test('the admin opens it from the menu', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.getByRole('link', { name: 'Verzonden e-mail (ontwikkeling)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verzonden e-mail' })).toBeVisible();
    await expectAccessible(page);
  });
});
