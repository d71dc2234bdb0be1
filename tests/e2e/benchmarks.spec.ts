import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

const MEASURE = '% inburgeraars dat de leerroute binnen de termijn afrondt (DUO)';
const csv = (text: string) => ({ name: 'duo-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

// Not Alkmaar: the policy officer's comparison in monitoring-targets.spec reads Alkmaar's latest figure.
test('an admin imports a file of many municipalities’ figures: a bad line stores nothing and is named', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Benchmarks beheren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Benchmarks: maten die gemeenten delen' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: MEASURE });
  const before = Number((await row.getByRole('cell').last().textContent())!.replace(/\D/g, ''));
  await expectAccessible(page);

  await page.getByLabel('Voor de maat').selectOption({ label: MEASURE });
  await page
    .getByLabel('Bestand', { exact: true })
    .setInputFiles(csv('gemeente;periode;waarde\nCastricum;2026;60\nAtlantis;2026;5'));
  await page.getByRole('button', { name: 'Inlezen' }).click();
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('Regel 3');
  await expect(problems).toContainText('"Atlantis" is geen bekende gemeente.');
  // The choice of measure is kept for the next try.
  await expect(page.getByLabel('Voor de maat')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(row.getByRole('cell').last()).toHaveText(String(before));

  await page
    .getByLabel('Bestand', { exact: true })
    .setInputFiles(csv('gemeente;periode;waarde\nCastricum;2026;60\nHeiloo;2026;52,5'));
  await page.getByRole('button', { name: 'Inlezen' }).click();
  await expect(page.getByRole('status')).toHaveText('De cijfers zijn ingelezen.');
  await expect(row.getByRole('cell').last()).toHaveText(String(before + 2));
});
