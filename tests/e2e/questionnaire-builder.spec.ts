import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn, chooseLanguage } from './helpers';

test('a coordinator edits and reorders questions, closes a wave, and its link then refuses answers', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `Wonen en werk ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await page.goto('/questionnaires');
  await expectAccessible(page);
  await page.getByLabel('Titel (Nederlands)').fill(title);
  await page.getByRole('button', { name: 'Vragenlijst maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Three questions: a scale, an open question and a single choice.
  const questions = page.getByRole('region', { name: 'Vragen' }).getByRole('listitem');
  const addQuestion = async (fill: () => Promise<void>) => {
    const before = await questions.count();
    await page.locator('summary').filter({ hasText: 'Vraag toevoegen' }).click();
    await fill();
    await page.getByRole('button', { name: 'Vraag toevoegen' }).click();
    // The flash reads the same after every question: wait for the list to grow instead.
    await expect(questions).toHaveCount(before + 1);
    await expect(page.getByRole('status')).toHaveText('De vraag is toegevoegd.');
  };
  await addQuestion(async () => {
    await page.getByLabel('Indicator').selectOption({ label: 'Wonen' });
    await page.getByLabel('Vraag (Nederlands)').fill('Ik woon prettig.');
    await page.getByLabel('Label bij 1 (Nederlands)').fill('Helemaal niet');
    await page.getByLabel('Label bij 5 (Nederlands)').fill('Helemaal wel');
  });
  await addQuestion(async () => {
    await page.getByLabel('Soort vraag').selectOption({ label: 'Open vraag' });
    await page.getByLabel('Vraag (Nederlands)').fill('Wat zou helpen?');
  });
  await addQuestion(async () => {
    await page.getByLabel('Soort vraag').selectOption({ label: 'Eén keuze' });
    await page.getByLabel('Vraag (Nederlands)').fill('Heb je werk?');
    await page.getByLabel('Keuzes (Nederlands), één per regel').fill('Ja\nNee');
  });
  await expect(questions).toHaveCount(3);
  await expectAccessible(page);

  // Reorder with the keyboard: the choice question moves up to second place.
  await page.getByRole('button', { name: /^Omhoog\s*:\s*Vraag 3$/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('De volgorde is veranderd.');
  await expect(questions.nth(1)).toContainText('Heb je werk?');
  await expect(questions.nth(2)).toContainText('Wat zou helpen?');

  // Edit the first question: an empty Dutch text is refused and what was typed stays.
  await page.getByRole('link', { name: /^Bewerken\s*:\s*Vraag 1$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ik woon prettig.' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Vraag (Nederlands)').fill('');
  await page.getByLabel('Vraag (Engels)').fill('I like where I live.');
  await page.getByLabel('Vraag (Arabisch)').fill('أحب المكان الذي أسكن فيه.');
  await page.getByRole('button', { name: 'Vraag opslaan' }).click();
  await expect(page.getByText('Vul dit veld in.')).toBeVisible();
  await expect(page.getByLabel('Vraag (Engels)')).toHaveValue('I like where I live.');
  await expect(page.getByLabel('Label bij 1 (Nederlands)')).toHaveValue('Helemaal niet');
  await expectAccessible(page);
  await page.getByLabel('Vraag (Nederlands)').fill('Ik woon op een fijne plek.');
  await page.getByRole('button', { name: 'Vraag opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('De vraag is opgeslagen.');
  await expect(questions.first()).toContainText('Ik woon op een fijne plek.');

  // Open it, with a wave; the suggested dates come filled in, an end before the start is refused.
  await page.getByRole('button', { name: 'Vragenlijst openen' }).click();
  const newWave = page.getByRole('form', { name: 'Nieuwe ronde' });
  await newWave.getByLabel('Naam van de ronde').fill('Voorjaar');
  await expect(newWave.getByLabel('Open vanaf')).not.toHaveValue('');
  await newWave.getByLabel('Open tot en met (mag leeg)').fill('2000-01-01');
  await newWave.getByRole('button', { name: 'Nieuwe ronde' }).click();
  await expect(newWave.getByText('De einddatum moet op of na de begindatum liggen.')).toBeVisible();
  await expect(newWave.getByLabel('Naam van de ronde')).toHaveValue('Voorjaar');
  await newWave.getByLabel('Open tot en met (mag leeg)').fill('');
  await newWave.getByRole('button', { name: 'Nieuwe ronde' }).click();
  await expect(page.getByRole('status')).toHaveText('De ronde is gemaakt. Deel de link.');
  const wave = page.getByRole('listitem', { name: 'Voorjaar' });
  // The state badge reads exactly "open" (not "nog niet open", not "gesloten").
  await expect(wave.getByText('open', { exact: true })).toBeVisible();
  const link = await wave.getByRole('textbox').inputValue();

  // Someone starts answering on a phone and stops after the first question.
  const respondent = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  const phone = await respondent.newPage();
  await phone.goto(link);
  await expectAccessible(phone);
  await phone.getByRole('button', { name: 'Beginnen' }).click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Ik woon op een fijne plek.');
  await expectAccessible(phone);
  await phone.getByRole('radio').first().check();
  await phone.getByRole('button', { name: 'Volgende' }).click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Heb je werk?');

  // Now the first question has an answer: its wording is fixed, the page says why.
  await page.reload();
  await expect(questions.first()).toContainText('heeft antwoorden');
  await page.getByRole('link', { name: /^Bekijken\s*:\s*Vraag 1$/ }).click();
  await expect(page.getByRole('heading', { name: 'Deze vraag heeft al antwoorden' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Vraag opslaan' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: `← ${title}` }).click();

  // The coordinator closes the wave; the half-finished response cannot go on.
  await page.getByRole('button', { name: /^Ronde sluiten\s*:\s*Voorjaar$/ }).click();
  await expect(page.getByRole('status')).toHaveText('De ronde is gesloten. De link neemt geen antwoorden meer aan.');
  await expect(wave).toContainText('gesloten');
  await expectAccessible(page);

  await phone.getByRole('radio', { name: 'Ja' }).check();
  await phone.getByRole('button', { name: 'Volgende' }).click();
  await expect(phone.getByRole('heading', { level: 2, name: 'Deze vragenlijst is gesloten' })).toBeVisible();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(phone.getByRole('button', { name: 'Beginnen' })).toHaveCount(0);
  await expectAccessible(phone);
  await chooseLanguage(phone, 'ar');
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(phone.getByRole('heading', { level: 2, name: 'هذا الاستبيان مغلق' })).toBeVisible();
  await expectAccessible(phone);
  await respondent.close();

  // Reopened, the same link takes answers again.
  await page.getByRole('button', { name: /^Ronde weer openen\s*:\s*Voorjaar$/ }).click();
  await expect(page.getByRole('status')).toHaveText('De ronde is weer open.');
  const again = await browser.newContext({ locale: 'nl-NL' });
  const second = await again.newPage();
  await second.goto(link);
  await expect(second.getByRole('button', { name: 'Beginnen' })).toBeVisible();
  await expectAccessible(second);
  await again.close();

  // The builder in Arabic: right-to-left, its controls translated.
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: 'الأسئلة' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^إلى الأعلى\s*:\s*السؤال 2$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^إغلاق الجولة\s*:\s*Voorjaar$/ })).toBeVisible();
  await expectAccessible(page);
});

test('an admin adds a person to a partner organisation, who then sees its questionnaires', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'TaalMaatje' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'TaalMaatje' })).toBeVisible();
  await expectAccessible(page);

  const email = page.getByLabel('E-mailadres van de persoon');
  await email.fill('niemand@example.org');
  await page.getByRole('button', { name: 'Toevoegen aan organisatie' }).click();
  await expect(page.getByText('Er is geen account met dit e-mailadres. Nodig de persoon eerst uit.')).toBeVisible();
  await expect(email).toHaveValue('niemand@example.org');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await email.fill(DEMO.lid);
  await page.getByRole('button', { name: 'Toevoegen aan organisatie' }).click();
  await expect(page.getByRole('status')).toHaveText('De persoon is toegevoegd aan de organisatie.');
  const members = page.getByRole('region', { name: 'Mensen van deze organisatie' }).getByRole('listitem');
  await expect(members.filter({ hasText: DEMO.lid })).toHaveCount(1);

  // The member now manages TaalMaatje's questionnaire (and, as a pool member, still sees the pool's).
  const memberContext = await browser.newContext({ locale: 'nl-NL' });
  const member = await memberContext.newPage();
  await signIn(member, DEMO.lid);
  await member.goto('/questionnaires');
  await expectAccessible(member);
  await member.getByRole('link', { name: /^Beheren\s*:\s*TaalMaatje: wat levert het je op\?/ }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'TaalMaatje: wat levert het je op?' })).toBeVisible();
  await expectAccessible(member);

  // In Arabic the admin page is right-to-left; the person is then removed again.
  await page.getByLabel('Taal', { exact: true }).selectOption('ar');
  await page.getByRole('button', { name: 'Taal wijzigen' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: 'أشخاص هذه المنظمة' })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole('listitem')
    .filter({ hasText: DEMO.lid })
    .getByRole('button', { name: /^إزالة .+ من هذه المنظمة$/ })
    .click();
  await expect(page.getByRole('status')).toHaveText('تمت إزالة الشخص من المنظمة.');

  await member.goto('/questionnaires');
  await expect(member.getByRole('link', { name: /^Beheren\s*:\s*TaalMaatje/ })).toHaveCount(0);
  await expectAccessible(member);
  await memberContext.close();
});

test("a partner organisation's own admin adds a colleague without a platform admin", async ({ page, browser }) => {
  await signIn(page, 'aziz@demo.expertpool.nl');
  await page.goto('/questionnaires');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Mensen van TaalMaatje' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'TaalMaatje' })).toBeVisible();
  await expect(page.getByRole('link', { name: '← Vragenlijsten' })).toBeVisible();
  await expectAccessible(page);

  const add = page.getByRole('form', { name: 'Iemand toevoegen' });
  await add.getByLabel('E-mailadres van de persoon').fill('geen-adres');
  await add.getByLabel('Rol').selectOption({ label: 'beheerder van de organisatie' });
  await add.getByRole('button', { name: 'Toevoegen aan organisatie' }).click();
  await expect(add.getByText('Vul een geldig e-mailadres in', { exact: false })).toBeVisible();
  await expect(add.getByLabel('E-mailadres van de persoon')).toHaveValue('geen-adres');
  await expect(add.getByLabel('Rol')).toHaveValue('admin');

  await add.getByLabel('E-mailadres van de persoon').fill(DEMO.gemeente);
  await add.getByLabel('Rol').selectOption({ label: 'medewerker' });
  await add.getByRole('button', { name: 'Toevoegen aan organisatie' }).click();
  await expect(page.getByRole('status')).toHaveText('De persoon is toegevoegd aan de organisatie.');
  const colleague = page.getByRole('listitem').filter({ hasText: DEMO.gemeente });
  await colleague.getByRole('button', { name: /beheerder van de organisatie maken$/ }).click();
  await expect(page.getByRole('status')).toHaveText('De rol is veranderd.');
  await expect(colleague).toContainText('beheerder van de organisatie');
  await colleague.getByRole('button', { name: /weghalen bij deze organisatie$/ }).click();
  await expect(page.getByRole('status')).toHaveText('De persoon is weggehaald bij de organisatie.');
  await expect(page.getByRole('listitem').filter({ hasText: DEMO.gemeente })).toHaveCount(0);
  await expectAccessible(page);

  // An organisation admin who removes themselves ends on their questionnaires, not on a page now closed to them.
  await add.getByLabel('E-mailadres van de persoon').fill(DEMO.gemeente);
  await add.getByLabel('Rol').selectOption({ label: 'beheerder van de organisatie' });
  await add.getByRole('button', { name: 'Toevoegen aan organisatie' }).click();
  await expect(page.getByRole('status')).toHaveText('De persoon is toegevoegd aan de organisatie.');
  const selfContext = await browser.newContext();
  const self = await selfContext.newPage();
  await signIn(self, DEMO.gemeente);
  await self.goto('/questionnaires');
  await self.getByRole('link', { name: 'Mensen van TaalMaatje' }).click();
  await self.getByRole('button', { name: 'Mijzelf weghalen bij deze organisatie' }).click();
  await expect(self).toHaveURL(/\/questionnaires$/);
  await expect(self.getByRole('status')).toHaveText('De persoon is weggehaald bij de organisatie.');
  await selfContext.close();
});
