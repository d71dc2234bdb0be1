import { expect, test, type Browser, type Page } from '@playwright/test';
import { isolated } from '~/bidi';
import { DEMO, expectAccessible, inDays, openOutboxAsAdmin, signIn, chooseLanguage } from './helpers';

// The invitation journey on a phone: the coordinator plans a session for the pool, the member sees
// the bell, opens the mail, taps "yes", confirms, and lands on the session with their answer.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function memberOnAPhone(browser: Browser, email: string) {
  const page = await (await browser.newContext({ ...PHONE, locale: 'nl-NL' })).newPage();
  await signIn(page, email);
  return page;
}

async function planForThePool(page: Page, title: string) {
  await page.goto('/sessions');
  await page.getByRole('link', { name: 'Plan een bijeenkomst voor Expertpool Regio Alkmaar' }).click();
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Datum', { exact: true }).fill(inDays(14));
  await page.getByLabel('Begintijd').fill('19:00');
  await page.getByLabel('Eindtijd').fill('21:00');
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page.getByRole('status')).toHaveText('De bijeenkomst is gepland en de leden zijn uitgenodigd.');
}

/** An answer link ("Ja, ik kom", "Misschien", "Nee") of the member's invitation mail, read from the dev outbox (admins only). */
async function answerLinkFromTheMail(
  browser: Browser,
  email: string,
  title: string,
  {
    answer = 'Ja, ik kom',
    labels = ['Ja, ik kom', 'Misschien', 'Nee'],
    subject = `Uitnodiging: ${isolated(title)}`,
  } = {},
) {
  const outbox = await openOutboxAsAdmin(browser);
  const mail = outbox.getByRole('article', { name: subject }).filter({ hasText: email });
  await expect(async () => {
    await outbox.reload();
    await expect(mail).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // The calendar invitation travels with it.
  await expect(mail.getByText('Met agenda-uitnodiging (REQUEST)')).toBeVisible();
  const text = (await mail.locator('pre').textContent())!;
  for (const label of labels) expect(text).toMatch(new RegExp(`^${label}: https?://\\S+/rsvp/\\S+$`, 'm'));
  await outbox.context().close();
  return new RegExp(`^${answer}: (https?://\\S+/rsvp/\\S+)$`, 'm').exec(text)![1]!;
}

test('in Dutch on a phone: bell, mail, "yes", confirm, and the session shows the answer', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Uitnodiging met knoppen ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await planForThePool(page, title);

  const member = await memberOnAPhone(browser, 'youssef@demo.expertpool.nl');
  await member.getByRole('link', { name: /^Meldingen, \d+ ongelezen$/ }).click();
  await expect(member.getByRole('link', { name: `Je bent uitgenodigd voor ${title}` })).toBeVisible();

  const yes = await answerLinkFromTheMail(browser, 'youssef@demo.expertpool.nl', title);
  await member.goto(new URL(yes).pathname);
  await expect(member.getByRole('heading', { level: 1, name: 'Je antwoord' })).toBeVisible();
  await expect(member.getByText(title)).toBeVisible();
  await expect(member.getByText('Jouw antwoord: Nog niet geantwoord')).toBeVisible();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Bevestig: Ja, ik kom' }).click();

  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole('status')).toHaveText('Je antwoord is opgeslagen.');
  await expect(member.getByText('Jouw antwoord: Ja, ik kom')).toBeVisible();
  await expectAccessible(member);
});

test('in Arabic on a phone: the mail and the journey read right to left', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `دعوة بأزرار ${Date.now()}`;
  // Huda reads the app in Arabic: signed in, that choice is also the language of her mail.
  const member = await memberOnAPhone(browser, 'huda@demo.expertpool.nl');
  await chooseLanguage(member, 'ar');
  await expect(member.locator('html')).toHaveAttribute('dir', 'rtl');

  await signIn(page, DEMO.coordinator);
  await planForThePool(page, title);
  await member.reload();
  await member.getByRole('link', { name: /^الإشعارات، .*غير مقروء/ }).click();
  await expect(member.getByRole('link', { name: `أنت مدعو إلى ${title}` })).toBeVisible();

  const yes = await answerLinkFromTheMail(browser, 'huda@demo.expertpool.nl', title, {
    answer: 'نعم، سأحضر',
    labels: ['نعم، سأحضر', 'ربما', 'لا'],
    subject: `دعوة: ${isolated(title)}`,
  });
  await member.goto(new URL(yes).pathname);
  await expect(member.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(member.getByRole('heading', { level: 1, name: 'إجابتك' })).toBeVisible();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'تأكيد: نعم، سأحضر' }).click();

  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole('status')).toHaveText('تم حفظ إجابتك.');
  await expect(member.getByText('إجابتك: نعم، سأحضر')).toBeVisible();
  await expectAccessible(member);
});

test('without signing in, the link still answers (the link is the credential), and offers the session', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `Zonder inloggen ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await planForThePool(page, title);
  const maybe = await answerLinkFromTheMail(browser, 'kiros@demo.expertpool.nl', title, { answer: 'Misschien' });

  const phone = await (await browser.newContext({ ...PHONE, locale: 'nl-NL' })).newPage();
  await phone.goto(new URL(maybe).pathname);
  await expect(phone.getByRole('heading', { level: 1, name: 'Je antwoord' })).toBeVisible();
  await phone.getByLabel('Wil je iets uitleggen? (mag leeg blijven)').fill('Ik weet nog niet of ik vrij ben');
  await phone.getByRole('button', { name: 'Bevestig: Misschien' }).click();
  await expect(phone.getByRole('status')).toHaveText('Je antwoord is opgeslagen. Jouw antwoord: Misschien');
  await expectAccessible(phone);
  // The session page itself asks to sign in first.
  await phone.getByRole('link', { name: 'Naar de bijeenkomst' }).click();
  await expect(phone).toHaveURL(/\/login/);

  // Signed in, the coordinator sees the answer and the reason.
  await page.goto('/sessions');
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('row', { name: /Kiros/ })).toContainText('Misschien');
  await expect(page.getByRole('row', { name: /Kiros/ })).toContainText('Ik weet nog niet of ik vrij ben');
});
