import { expect, test, type Browser } from '@playwright/test';
import { isolated } from '~/bidi';
import { DEMO, expectAccessible, openFromMenu, openOutboxAsAdmin, signIn } from './helpers';

// A member of the Alkmaar pool no other spec signs in as: notifications.spec changes lid@'s mail choices
// while this runs beside it.
const MEMBER = 'ahmad@demo.expertpool.nl';

async function asPerson(browser: Browser, email: string) {
  const page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await signIn(page, email);
  return page;
}

test('a member who wants advice for review in the daily summary gets it there, not at once', async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Dagelijks overzicht ${Date.now()}`;

  // The member chooses the daily summary for advice for review.
  const member = await asPerson(browser, MEMBER);
  await member.goto('/notifications/preferences');
  await expect(member.getByRole('heading', { level: 1, name: 'E-mail over meldingen' })).toBeVisible();
  await member.getByLabel('adviezen ter beoordeling').selectOption({ label: 'Dagelijks overzicht' });
  // Summaries come at 08:00 on the member's own clock: one who follows Kabul time says so.
  await member.getByLabel('Tijdzone van de overzichten').selectOption('Asia/Kabul');
  await member.getByRole('button', { name: 'Opslaan' }).click();
  await expect(member.getByRole('status')).toHaveText('Je keuzes voor e-mail zijn opgeslagen.');
  await expect(member.getByLabel('adviezen ter beoordeling')).toHaveValue('daily');
  await expect(member.getByLabel('Tijdzone van de overzichten')).toHaveValue('Asia/Kabul');
  await expectAccessible(member);

  // The coordinator puts an advice of the member's pool up for review.
  const coordinator = await asPerson(browser, DEMO.coordinator);
  await openFromMenu(coordinator, 'Adviezen');
  await coordinator.getByRole('link', { name: 'Nieuw advies schrijven' }).click();
  await coordinator.getByLabel('Pool').selectOption({ label: 'Expertpool Regio Alkmaar' });
  await coordinator.getByLabel('Titel').fill(title);
  await coordinator.getByLabel('Inzicht', { exact: true }).fill('Nieuwkomers missen de brief over de intake.');
  await coordinator.getByLabel('Kansen').fill('Stuur de brief ook in de eigen taal.');
  await coordinator.getByRole('checkbox', { name: 'Taal en communicatie' }).check();
  await coordinator.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await coordinator.getByRole('button', { name: 'Ter bespreking aan de pool voorleggen' }).click();
  await expect(coordinator.getByText('In bespreking in de pool')).toBeVisible();
  const adviceUrl = new URL(coordinator.url());

  // The admin sends today's summaries now (instead of at 08:00): the member's has the advice, with its link.
  const outbox = await openOutboxAsAdmin(browser);
  await outbox.getByRole('button', { name: 'Overzichten van vandaag nu versturen' }).click();
  await expect(outbox.getByRole('status')).toHaveText(/De overzichten van vandaag worden verstuurd/);
  await expectAccessible(outbox);
  const digest = outbox
    .getByRole('article', { name: /^Je meldingen van vandaag \(\d+\)$/ })
    .filter({ hasText: MEMBER })
    .filter({ hasText: title });
  await expect(async () => {
    await outbox.reload();
    await expect(digest).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const text = (await digest.locator('pre').textContent())!;
  expect(text).toContain(`Advies ter beoordeling: ${isolated(title)}`);
  expect(text).toContain(`${adviceUrl.origin}${adviceUrl.pathname}`);
  expect(text).toContain('Expertpool Regio Alkmaar');
  expect(text).toMatch(/\/unsubscribe\/\S+/);
  // Not also as a mail of its own.
  await expect(
    outbox.getByRole('article', { name: `Advies ter beoordeling: ${isolated(title)}` }).filter({ hasText: MEMBER }),
  ).toHaveCount(0);

  // The link in the summary leads the member to the advice.
  await member.goto(adviceUrl.pathname);
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
});
