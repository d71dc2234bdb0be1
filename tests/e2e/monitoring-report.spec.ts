import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

const EXAM = '% mensen die inburgeren dat examen doet en slaagt voor het taalexamen binnen 3 jaar';

async function openReport(page: Page) {
  await signIn(page, DEMO.gemeente);
  await page.getByRole('link', { name: 'Monitoring van Alkmaar' }).click();
  await page.getByRole('link', { name: 'Rapportage voor de raad' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Monitoringsrapportage Alkmaar');
}

for (const viewport of [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
]) {
  test(`a policy officer reads the council report for a period on a ${viewport.name}, downloads its CSV and the import takes it back`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await openReport(page);

    // A period that is none: the field says so, keeps what was typed, and the answer is a 400.
    const period = page.getByLabel('Periode', { exact: true });
    await period.fill('2025-K5');
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await expect(page).toHaveURL(/period=2025-K5/);
    // The page itself answers 400, not only the form in the browser.
    expect((await page.request.get(page.url())).status()).toBe(400);
    await expect(page.getByText('Schrijf de periode als 2025, 2025-K2 of 2025-03.')).toBeVisible();
    await expect(period).toHaveValue('2025-K5');
    await expect(period).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    await period.fill('2024');
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await expect(page.getByText(/^Stand aan het eind van 2024/)).toBeVisible();
    // Management indicators with their source, targets and figures up to 2024 only.
    const exam = page.getByRole('region', { name: EXAM, exact: true });
    await expect(exam.getByRole('definition').first()).toContainText('DUO');
    await expect(exam.getByRole('table', { name: `Streefwaarden: ${EXAM}` })).toBeVisible();
    const figures = exam.getByRole('table', { name: `Cijfers: ${EXAM}` });
    await expect(figures.getByRole('row', { name: /^2024/ }).first()).toBeVisible();
    await expect(figures.getByRole('row', { name: /^2025/ })).toHaveCount(0);
    // The goal tree rolls progress up per goal.
    await expect(page.getByRole('list', { name: /^Voortgang/ }).first()).toContainText('Op koers');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await expectAccessible(page);

    // Printing hides the form and the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Rapportage tonen' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Printen of opslaan als PDF' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Cijfers en streefwaarden (CSV, weer in te lezen)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/2024\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('target');
    expect(csv).toContain(EXAM);

    await page.goBack();
    await page.getByRole('link', { name: /^← Monitoring Alkmaar/ }).click();
    await page.getByRole('link', { name: 'Cijfers importeren (CSV)' }).click();
    await page.getByLabel('Bestand').setInputFiles({
      name: file.suggestedFilename(),
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expect(page.getByRole('status')).toHaveText('Het bestand is ingelezen. Alle regels zijn opgeslagen.');
  });
}

test('the council report in Arabic is right-to-left and fits a phone', async ({ page }) => {
  test.setTimeout(90_000);
  await openReport(page);
  const report = new URL(page.url()).pathname;
  await page.goto('/monitoring');
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto(`${report}?period=2025`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('تقرير المتابعة Alkmaar');
  await expect(page.getByText('الوضع في نهاية 2025')).toBeVisible();
  await expect(page.getByRole('region', { name: EXAM, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});
