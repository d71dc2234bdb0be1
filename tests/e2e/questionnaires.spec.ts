import { expect, test, type Browser } from '@playwright/test';
import { DEMO, expectAccessible, signIn, openFromMenu, chooseLanguage, searchableChoice } from './helpers';

/** One person answering every screen: the first choice on scale and choice questions, skipping open ones. */
async function answer(browser: Browser, link: string, municipality: string, switchToArabic = false) {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('In welke gemeente woon je? (mag je leeg laten)').selectOption({ label: municipality });
  await page.getByRole('button', { name: 'Beginnen' }).click();
  const total = Number((await page.locator('#progress-text').textContent())!.match(/van (\d+)/)![1]);
  for (let step = 1; step <= total; step++) {
    await expect(page.locator('#progress-text')).toHaveText(new RegExp(`^(Vraag|السؤال) ${step} (van|من) ${total}$`));
    if (switchToArabic && step === 2) {
      await chooseLanguage(page, 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('أسكن في بيت أشعر فيه بالراحة.');
      await expectAccessible(page);
    }
    const choice = page.locator('input[type=radio], input[type=checkbox]').first();
    if (await choice.count()) {
      await choice.check();
      await page.getByRole('button', { name: /^(Volgende|Klaar, versturen|التالي|انتهيت، أرسل)$/ }).click();
    } else {
      await page.getByRole('button', { name: /^(Overslaan|تخطَّ)$/ }).click();
    }
  }
  await expect(page.getByRole('heading', { level: 1, name: /^(Bedankt!|شكرًا!)$/ })).toBeVisible();
  await context.close();
}

test('six people answer a new wave and the results appear, while a group of four shows "<5"', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const wave = `Ronde e2e ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await expect(page.getByRole('heading', { level: 1, name: 'Wat op je wacht' })).toBeVisible();
  await openFromMenu(page, 'Vragenlijsten');
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Beheren\s*:\s*Hoe gaat het met je inburgering\?/ }).click();
  await expectAccessible(page);
  await page.getByLabel('Naam van de ronde').fill(wave);
  await page.getByRole('button', { name: 'Nieuwe ronde' }).click();
  await expect(page.getByRole('status')).toHaveText('De ronde is gemaakt. Deel de link.');
  const link = await page.getByRole('listitem').filter({ hasText: wave }).getByRole('textbox').inputValue();
  expect(link).toMatch(/\/q\/[\w-]+$/);

  // One respondent checks the start screen and the first question with axe, and switches to Arabic mid-way.
  const first = await browser.newContext({ locale: 'nl-NL' });
  const start = await first.newPage();
  await start.goto(link);
  await expect(start.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat het met je inburgering?');
  await expectAccessible(start);
  await first.close();

  await answer(browser, link, 'Heiloo', true);
  for (const place of ['Heiloo', 'Heiloo', 'Heiloo', 'Castricum', 'Castricum']) await answer(browser, link, place);

  await page.getByRole('link', { name: 'Resultaten' }).click();
  await page.getByLabel('Ronde', { exact: true }).selectOption({ label: wave });
  await page.getByRole('button', { name: 'Toon' }).click();
  const perIndicator = page.getByRole('table', { name: 'Per indicator' });
  await expect(perIndicator.getByRole('row', { name: /^Werk/ })).toContainText('6');
  await expectAccessible(page);

  await searchableChoice(page, 'Gemeente').fill('heil');
  await page.getByRole('option', { name: /^Heiloo/ }).click();
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(perIndicator.getByRole('row', { name: /^Werk/ })).toContainText('<5');
  await expect(perIndicator.getByRole('cell', { name: '4' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Per vraag' }).getByRole('cell', { name: '<5' }).first()).toBeVisible();
  await expectAccessible(page);
});
