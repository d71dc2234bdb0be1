import { expect, test, type Browser, type Page } from '@playwright/test';
import { isolated } from '~/bidi';
import { DEMO, expectAccessible, openOutboxAsAdmin, signIn, chooseLanguage } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function asPerson(browser: Browser, email: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const page = await (await browser.newContext(options)).newPage();
  await signIn(page, email);
  return page;
}

/** The coordinator plans a session for the whole Alkmaar pool. */
async function planForThePool(page: Page, title: string) {
  await page.goto('/sessions');
  await page.getByRole('link', { name: 'Plan een bijeenkomst voor Expertpool Regio Alkmaar' }).click();
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Datum', { exact: true }).fill(inDays(12));
  await page.getByLabel('Begintijd').fill('19:00');
  await page.getByLabel('Eindtijd').fill('21:00');
  await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
  await expect(page.getByRole('status')).toHaveText('De bijeenkomst is gepland en de leden zijn uitgenodigd.');
}

// A member of the Alkmaar pool no other spec signs in as: the mail is in the language a person last chose
// while signed in, and input.spec switches lid@ to Arabic while this runs beside it.
const MEMBER = 'merhawi@demo.expertpool.nl';

test('an invitation reaches the member: the bell, the notifications page, the mail, and the session to answer', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const title = `Meldingen ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await planForThePool(page, title);

  const member = await asPerson(browser, MEMBER);
  const bell = member.getByRole('link', { name: /^Meldingen, \d+ ongelezen$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(member.getByRole('heading', { level: 1, name: 'Meldingen' })).toBeVisible();
  await expectAccessible(member);
  const invitation = member.getByRole('link', { name: `Je bent uitgenodigd voor ${title}` });
  await expect(invitation).toBeVisible();

  // The mail went out through the job runner into the (dev) outbox, in Dutch, with the session's link.
  const outbox = await openOutboxAsAdmin(browser);
  const mail = outbox.getByRole('article', { name: `Uitnodiging: ${isolated(title)}` }).filter({ hasText: MEMBER });
  await expect(async () => {
    await outbox.reload();
    await expect(mail).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const link = (await mail.locator('pre').textContent())!.match(/https?:\/\/\S+\/sessions\/[0-9a-f-]{36}/)![0];

  // The member follows the notification to the session and answers there.
  await invitation.click();
  await expect(member).toHaveURL(new URL(link).pathname);
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await member.getByRole('button', { name: 'Ja, ik kom' }).click();
  await expect(member.getByText('Jouw antwoord: Ja, ik kom')).toBeVisible();

  await member.goto('/notifications');
  // The button names its notification for someone who hears (or tabs to) it without the list around it.
  const markThis = member.getByRole('button', {
    name: new RegExp(`^Markeer als gelezen\\s*: Je bent uitgenodigd voor ${title}$`),
  });
  await markThis.click();
  await expect(markThis).toHaveCount(0);
  await member.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
  await expect(member.getByRole('status')).toHaveText('Alle meldingen zijn gelezen.');
  await expect(member.getByRole('link', { name: 'Meldingen', exact: true })).toBeVisible();
  await expectAccessible(member);
});

test('on a phone in Arabic the bell and the notifications read right to left', async ({ page, browser }) => {
  const title = `تنبيه ${Date.now()}`;
  await signIn(page, DEMO.coordinator);
  await planForThePool(page, title);

  const phone = await asPerson(browser, 'samir@demo.expertpool.nl', {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await chooseLanguage(phone, 'ar');
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await phone.getByRole('link', { name: /^الإشعارات، .*غير مقروء/ }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'الإشعارات' })).toBeVisible();
  await expect(phone.getByRole('link', { name: `أنت مدعو إلى ${title}` })).toBeVisible();
  await expectAccessible(phone);
});

test('someone with nothing yet sees what the page is for', async ({ page }) => {
  // A partner organisation's admin: in no pool and reading for no municipality, so no other test's
  // session or advice can reach them (the municipality's reader gets the advice other tests publish).
  await signIn(page, 'aziz@demo.expertpool.nl');
  await page.goto('/notifications');
  await expect(page.getByText('Je hebt nog geen meldingen.', { exact: false })).toBeVisible();
  await expectAccessible(page);
});

test('a member chooses on their profile how notification mail reaches them', async ({ page }) => {
  await signIn(page, DEMO.lid);
  await page.goto('/profile');
  await page.getByRole('link', { name: 'E-mail over meldingen instellen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mail over meldingen' })).toBeVisible();
  await expect(page.getByLabel('uitnodigingen voor bijeenkomsten')).toHaveValue('immediately');
  await page.getByLabel('nieuwe adviezen voor je gemeente').selectOption({ label: 'Wekelijks overzicht' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status')).toHaveText('Je keuzes voor e-mail zijn opgeslagen.');
  await expect(page.getByLabel('nieuwe adviezen voor je gemeente')).toHaveValue('weekly');
  await expectAccessible(page);
});
