import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

/**
 * Issue 22: a private "think alone" round (the member's card is theirs alone until the coordinator
 * reveals every card at once) and following the facilitator's view. The coordinator makes a board of
 * their own; the member only posts and follows there.
 */
async function createBoard(page: Page, title: string) {
  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await page.getByLabel('Naam van het bord').fill(title);
  await page.getByLabel('Sjabloon', { exact: true }).selectOption({ label: 'Brede Intake' });
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  return page.url();
}

test('a card written in a think-alone round is seen by its author only, until the reveal shows it to all', async ({
  page,
  browser,
}) => {
  // Two browsers on a shared machine.
  test.slow();
  const url = await createBoard(page, `Alleen nadenken ${Date.now()}`);
  const context = await browser.newContext();
  const member = await context.newPage();
  await signIn(member, DEMO.lid);
  await member.goto(url);
  await expect(member.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();

  await page.getByLabel('Minuten alleen nadenken').fill('5');
  await page.getByRole('button', { name: 'Ronde alleen nadenken starten' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Alleen nadenken, ronde 1' })).toBeVisible();

  const firstContact = member.getByRole('region', { name: 'Eerste contact' });
  await firstContact
    .getByLabel('Nieuw kaartje (alleen voor jou tot het tonen)')
    .fill('Een tolk bij het eerste gesprek');
  await firstContact.getByLabel('Plaats anoniem (zonder mijn naam)').check();
  await firstContact.getByRole('button', { name: 'Bewaren' }).click();
  await expect(firstContact.getByText('Alleen jij ziet dit')).toBeVisible();
  await expect(firstContact.getByText('Een tolk bij het eerste gesprek')).toBeVisible();
  await expect(firstContact.getByLabel('Nieuw kaartje (alleen voor jou tot het tonen)')).toHaveValue('');

  // The coordinator counts the card but cannot read it.
  await page.getByRole('button', { name: 'Opnieuw tellen' }).click();
  await expect(page.getByText('1 kaartje wacht')).toBeVisible();
  await expect(page.getByText('Een tolk bij het eerste gesprek')).toHaveCount(0);
  await expectAccessible(member);

  // The revealed card reaches the author's board before their browser has asked for the round again. Hold
  // that question back until the checks below: the card must not show twice meanwhile, once on the board
  // and once as still waiting (as it did, by chance of timing, in one full run).
  let release = () => {};
  const heldBack = new Promise<void>((resolve) => (release = resolve));
  await member.route(
    (address) => address.pathname.endsWith('/brainstorm'),
    async (route) => {
      if (route.request().method() === 'GET') await heldBack;
      await route.continue();
    },
  );
  await page.getByRole('button', { name: 'Alle kaartjes tonen' }).click();
  const cardOf = (viewer: Page) =>
    viewer
      .getByRole('region', { name: 'Eerste contact' })
      .getByRole('listitem')
      .filter({ hasText: 'Een tolk bij het eerste gesprek' });
  await expect(cardOf(member).filter({ hasNotText: 'Alleen jij ziet dit' })).toHaveCount(1);
  await expect(cardOf(member)).toHaveCount(1);
  release();
  for (const viewer of [page, member]) {
    await expect(cardOf(viewer)).toHaveCount(1);
    await expect(cardOf(viewer)).toContainText('Anoniem');
  }
  await expect(
    member.getByRole('status').filter({ hasText: 'De kaartjes van de ronde staan nu op het bord.' }),
  ).toBeVisible();
  await expect(member.getByText('Alleen jij ziet dit')).toHaveCount(0);

  // The Markdown export keeps the anonymous card anonymous.
  const markdown = await member.request.get(`${url}/markdown`);
  const exported = await markdown.text();
  expect(exported).toContain('Een tolk bij het eerste gesprek');
  expect(exported).not.toContain('Yonas');
  await context.close();
});

test("a member follows the coordinator's section and stops with one press", async ({ page, browser }) => {
  test.slow();
  const url = await createBoard(page, `Volgen ${Date.now()}`);
  const context = await browser.newContext();
  const member = await context.newPage();
  await signIn(member, DEMO.lid);
  await member.goto(url);
  await expect(member.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();

  const follow = member.getByRole('button', { name: /^Volg / });
  await expect(follow).toBeVisible();
  await follow.focus();
  await member.keyboard.press('Enter');
  await expect(member.getByText(/^Je volgt /)).toBeVisible();
  await expect(member.getByRole('button', { name: 'Stop met volgen' })).toBeFocused();

  // The coordinator moves into the last section; the member's board goes there, and hears so.
  await page.getByRole('region', { name: 'Na de intake' }).getByLabel('Nieuw kaartje', { exact: true }).focus();
  await expect(member.getByRole('status').filter({ hasText: 'kijkt nu naar Na de intake' })).toBeAttached();
  await expect(member.getByRole('region', { name: 'Na de intake' })).toBeInViewport();
  await expectAccessible(member);

  await member.getByRole('button', { name: 'Stop met volgen' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Je volgt niet meer.' })).toBeAttached();
  await expect(member.getByRole('button', { name: /^Volg / })).toBeFocused();
  await context.close();
});
