import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

/**
 * Comments on a board's cards and sections (issue 22): a member comments on a card by keyboard alone and
 * mentions the coordinator, who is told, replies and resolves; Arabic; what the comments route refuses.
 * Each test makes its own board as the coordinator (Samira); the member (Yonas) only comments there.
 */

const STARTER = 'Een tolk die ik zelf mag kiezen';

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

async function memberOn(browser: Browser, url: string, arabic = false) {
  let context = await browser.newContext();
  let page = await context.newPage();
  await signIn(page, DEMO.lid);
  if (arabic) {
    // A browser that prefers Arabic: the language switcher would store the choice in the member's
    // profile, which other specs read.
    const storageState = await context.storageState();
    await context.close();
    context = await browser.newContext({ locale: 'ar', storageState });
    page = await context.newPage();
  }
  await page.goto(url);
  await expect(page.getByRole('status').filter({ hasText: /Verbonden|متصل/ })).toBeVisible();
  return { page, context };
}

/** Presses Tab until `target` has focus (at most `max` times): the keyboard's way there, in tab order. */
async function tabTo(page: Page, target: Locator, max = 8) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a member mentions the coordinator in a comment on a card; the coordinator is told, replies and resolves', async ({
  page,
  browser,
}) => {
  // Two browsers on one live board on a shared machine.
  test.slow();
  const title = `Bord met opmerkingen ${Date.now()}`;
  const url = await createBoard(page, title);
  const member = await memberOn(browser, url);
  const m = member.page;

  // Keyboard only: the card's menu, its first item "Opmerkingen (0)", the dialog.
  const card = m.getByRole('article', { name: STARTER }).first();
  const menu = card.getByRole('button', { name: `Acties voor kaartje: ${STARTER.slice(0, 40)}` });
  await menu.focus();
  await m.keyboard.press('Enter');
  await expect(m.getByRole('menuitem', { name: 'Opmerkingen (0)' })).toBeFocused();
  await m.keyboard.press('Enter');
  const dialog = m.getByRole('dialog', { name: `Opmerkingen bij het kaartje “${STARTER}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Nog geen open opmerkingen.')).toBeVisible();

  await tabTo(m, dialog.getByLabel('Nieuwe opmerking'));
  await m.keyboard.type('Samira, hoe regelen we dat met de gemeente?');
  await tabTo(m, dialog.locator('summary', { hasText: 'Iemand noemen' }));
  await m.keyboard.press('Enter');
  await tabTo(m, dialog.getByLabel('Zoek op naam'));
  await m.keyboard.type('Sami');
  await tabTo(m, dialog.getByRole('checkbox', { name: /Samira/ }));
  await m.keyboard.press('Space');
  await expect(dialog.locator('summary')).toContainText('@Samira');
  await tabTo(m, dialog.getByRole('button', { name: 'Opmerking plaatsen' }));
  await m.keyboard.press('Enter');

  const thread = dialog.getByRole('article', { name: /Yonas/ });
  await expect(thread).toContainText('Samira, hoe regelen we dat met de gemeente?');
  await expect(thread).toContainText('@Samira');
  await expect(dialog.getByRole('status')).toHaveText('Je opmerking is geplaatst.');
  await expect(dialog.getByLabel('Nieuwe opmerking')).toHaveValue('');
  await expectAccessible(m);
  // Escape closes; focus is back on the card's menu, and the card says it has a comment.
  await m.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(card).toContainText('Opmerkingen: 1');

  // The coordinator's open board hears of it without a reload.
  const coordinatorCard = page.getByRole('article', { name: STARTER }).first();
  await expect(coordinatorCard).toContainText('Opmerkingen: 1');

  // The notification, and from it the board.
  await page.goto('/notifications');
  await page.getByRole('link', { name: `Je bent genoemd in een opmerking op het bord ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await page
    .getByRole('article', { name: STARTER })
    .first()
    .getByRole('button', { name: `Acties voor kaartje: ${STARTER.slice(0, 40)}` })
    .click();
  await page.getByRole('menuitem', { name: 'Opmerkingen (1)' }).click();
  const coordinatorDialog = page.getByRole('dialog', { name: `Opmerkingen bij het kaartje “${STARTER}”` });
  await expect(coordinatorDialog).toContainText('Samira, hoe regelen we dat met de gemeente?');
  await coordinatorDialog.getByRole('button', { name: 'Antwoorden' }).click();
  await coordinatorDialog.getByLabel('Antwoord aan Yonas').fill('Ik vraag het na, Yonas.');
  await coordinatorDialog.getByRole('button', { name: 'Antwoord sturen' }).click();
  await expect(coordinatorDialog.getByRole('list', { name: 'Antwoorden' })).toContainText('Ik vraag het na, Yonas.');
  await coordinatorDialog.getByRole('button', { name: 'Afhandelen' }).click();
  await expect(coordinatorDialog.getByRole('status')).toHaveText('De opmerking is afgehandeld.');
  await expect(coordinatorDialog.getByText('Nog geen open opmerkingen.')).toBeVisible();
  await coordinatorDialog.locator('summary', { hasText: 'Afgehandeld (1)' }).click();
  await expect(coordinatorDialog.getByRole('button', { name: 'Weer openen' })).toBeVisible();
  await expectAccessible(page);

  // The member's board: no open comment on the card any more; the resolved thread takes no reply.
  await expect(card).not.toContainText('Opmerkingen:');
  await menu.click();
  await m.getByRole('menuitem', { name: 'Opmerkingen (0)' }).click();
  await dialog.locator('summary', { hasText: 'Afgehandeld (1)' }).click();
  await expect(dialog).toContainText('Ik vraag het na, Yonas.');
  await expect(dialog.getByRole('button', { name: 'Antwoorden' })).toHaveCount(0);
  await member.context.close();
});

test('in Arabic a section takes comments right to left, and a refused one keeps the form', async ({
  page,
  browser,
}) => {
  test.slow();
  const url = await createBoard(page, `Bord met opmerkingen in het Arabisch ${Date.now()}`);
  const member = await memberOn(browser, url, true);
  const m = member.page;
  await expect(m.locator('html')).toHaveAttribute('dir', 'rtl');
  await m
    .getByRole('button', { name: /^التعليقات على .+ \(0 مفتوحة\)$/ })
    .first()
    .click();
  const dialog = m.getByRole('dialog', { name: /^التعليقات على / });
  await expect(dialog).toBeVisible();
  // Sent empty: refused with a message by the field, in Arabic.
  await dialog.getByRole('button', { name: 'نشر التعليق' }).click();
  await expect(dialog.getByLabel('تعليق جديد')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('تعليق جديد').fill('نحتاج إلى مترجم في الموعد الأول');
  await dialog.getByRole('button', { name: 'نشر التعليق' }).click();
  await expect(dialog.getByRole('article')).toContainText('نحتاج إلى مترجم في الموعد الأول');
  await expect(dialog.getByRole('status')).toHaveText('تم نشر تعليقك.');
  await expectAccessible(m);
  await member.context.close();
});

test('the comments route refuses what the page would not send', async ({ page }) => {
  const url = await createBoard(page, `Bord met geweigerde opmerkingen ${Date.now()}`);
  const action = `${new URL(url).pathname}/comments`;
  const post = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields))
      for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
    return page.request.post(action, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
      data: body.toString(),
      failOnStatusCode: false,
      maxRedirects: 0,
    });
  };
  const card = { intent: 'add', targetKind: 'card', targetId: 'starter-1' };
  const refusal = async (fields: Record<string, string | string[]>, status = 400) => {
    const response = await post(fields);
    expect(response.status()).toBe(status);
    return ((await response.json()) as { done?: { error?: string } }).done?.error;
  };
  expect(await refusal({ ...card, body: 'Met een \u0000 erin' })).toBe('errors.controlCharacters');
  expect(await refusal({ ...card, body: 'x'.repeat(2001) })).toBe('boards.comments.errors.tooLong');
  expect(await refusal({ ...card, targetId: 'niet-op-dit-bord', body: 'Hallo' })).toBe(
    'boards.comments.errors.targetGone',
  );
  expect(await refusal({ ...card, targetId: '../../etc', body: 'Hallo' })).toBe('boards.comments.errors.invalidTarget');
  // Someone who is not in this pool (any id the picker did not offer).
  expect(await refusal({ ...card, body: 'Hallo', mention: crypto.randomUUID() })).toBe(
    'boards.comments.errors.notInPool',
  );
  expect(await refusal({ ...card, body: 'Hallo', mention: 'geen-id' })).toBe('boards.comments.errors.notInPool');

  // A thread, resolved, takes no reply; a reply takes no reply.
  const made = await post({ ...card, body: 'Eerste' });
  expect(made.status()).toBe(200);
  const threadId = ((await made.json()) as { comments: { id: string }[] }).comments[0]!.id;
  expect((await post({ ...card, parentId: threadId, body: 'Antwoord' })).status()).toBe(200);
  const replyId = (
    (await (await post({ ...card, body: 'Tweede' })).json()) as {
      comments: { id: string; parentId: string | null }[];
    }
  ).comments.find((c) => c.parentId === threadId)!.id;
  expect(await refusal({ ...card, parentId: replyId, body: 'Dieper' })).toBe('boards.comments.errors.invalidThread');
  expect((await post({ intent: 'resolve', commentId: threadId })).status()).toBe(200);
  expect(await refusal({ ...card, parentId: threadId, body: 'Te laat' }, 409)).toBe('boards.comments.errors.resolved');
  // A megabyte is not a comment.
  expect([400, 413]).toContain((await post({ ...card, body: 'x'.repeat(1024 * 1024) })).status());
});
