import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './helpers';

/**
 * The board as a board (issue 22): columns side by side in an area that scrolls on its own, cards
 * dragged between sections (or moved through their menu, announced), an overview, tabs on a phone, and
 * Arabic mirrored. Each test makes its own board as the coordinator; the member only reads and posts there.
 */

/** The coordinator makes a Brede Intake board of their own; returns its address. */
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

/** The member on the board in a browser of their own (a phone, or another language, if asked). */
async function memberOn(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; arabic?: boolean } = {},
) {
  let context = await browser.newContext({ viewport: options.viewport });
  let page = await context.newPage();
  await signIn(page, DEMO.lid);
  if (options.arabic) {
    // Signed in, on into a browser that prefers Arabic: the language switcher would save the member's
    // choice in their profile, which other specs read.
    const storageState = await context.storageState();
    await context.close();
    context = await browser.newContext({ viewport: options.viewport, locale: 'ar', storageState });
    page = await context.newPage();
  }
  await page.goto(url);
  await expect(page.getByRole('status').filter({ hasText: /Verbonden|متصل/ })).toBeVisible();
  return { page, context };
}

/** How far the page itself reaches past the window sideways (0 when nothing sticks out). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('on a desktop the sections are columns; a card dragged to another section arrives there for everyone', async ({
  page,
  browser,
}) => {
  // Two browsers and a drag on a shared machine.
  test.slow();
  const url = await createBoard(page, `Bord met kolommen ${Date.now()}`);
  const member = await memberOn(browser, url);

  // Side by side: the columns share a top, the second starts after the first ends, and the area holding
  // them scrolls sideways on its own while the page does not.
  const first = await page.getByRole('region', { name: 'Eerste contact' }).boundingBox();
  const second = await page.getByRole('region', { name: 'Het gesprek' }).boundingBox();
  expect(first && second).toBeTruthy();
  expect(Math.abs(first!.y - second!.y)).toBeLessThan(2);
  expect(second!.x).toBeGreaterThanOrEqual(first!.x + first!.width);
  expect(await pageOverflow(page)).toBe(0);
  // Compact: the starter card shows its text, author, colour and two buttons, nothing more.
  const starter = page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await expect(starter.getByRole('button')).toHaveText(['Herken ik', 'Acties']);

  // The coordinator posts a card and drags it from "Eerste contact" to "Het gesprek".
  const from = page.getByRole('region', { name: 'Eerste contact' });
  await from.getByLabel('Nieuw kaartje').fill('Gesleept kaartje');
  await from.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  const card = from.getByRole('article', { name: 'Gesleept kaartje' });
  await expect(card).toBeVisible();
  // By mouse, as a person drags: press, a first small move starts the drag, then across to the other
  // column at the same height. (Its heading is scrolled above the window by now; Playwright's dragTo
  // scrolled it back into view in the middle of the drag, which ended the drag.)
  const source = (await card.getByText('Gesleept kaartje').boundingBox())!;
  const column = (await page.getByRole('region', { name: 'Het gesprek' }).boundingBox())!;
  const y = source.y + source.height / 2;
  await page.mouse.move(source.x + source.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 20, y + 5, { steps: 3 });
  await page.mouse.move(column.x + column.width / 2, y, { steps: 5 });
  await page.mouse.up();
  await expect(
    page.getByRole('region', { name: 'Het gesprek' }).getByRole('article', { name: 'Gesleept kaartje' }),
  ).toBeVisible();
  await expect(from.getByRole('article', { name: 'Gesleept kaartje' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Kaartje verplaatst naar Het gesprek.' })).toBeAttached();
  // The same change reached the member's browser through the collab-server.
  await expect(
    member.page.getByRole('region', { name: 'Het gesprek' }).getByRole('article', { name: 'Gesleept kaartje' }),
  ).toBeVisible();
  // Dragging is offered exactly where the menu offers a move: not to a member for another person's card.
  const starterForMember = member.page.getByRole('article', { name: 'Een tolk die ik zelf mag kiezen' });
  await expect(member.page.locator('li', { has: starterForMember })).not.toHaveAttribute('draggable', 'true');
  await expect(page.locator('li', { has: starter })).toHaveAttribute('draggable', 'true');
  await expectAccessible(page);
  await member.context.close();
});

test('a member moves their card by keyboard through its menu and hears where it went', async ({ page, browser }) => {
  test.slow();
  const url = await createBoard(page, `Bord met toetsenbord ${Date.now()}`);
  const member = await memberOn(browser, url);
  const section = member.page.getByRole('region', { name: 'Het gesprek' });
  await section.getByLabel('Nieuw kaartje').fill('Met het toetsenbord verplaatst');
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  const menuButton = section.getByRole('button', { name: 'Acties voor kaartje: Met het toetsenbord verplaatst' });
  await menuButton.focus();
  await member.page.keyboard.press('Enter');
  // The last move comes just before "delete", the menu's last item.
  await member.page.keyboard.press('End');
  await member.page.keyboard.press('ArrowUp');
  await expect(member.page.getByRole('menuitem', { name: 'Verplaats naar Na de intake' })).toBeFocused();
  await member.page.keyboard.press('Enter');

  const live = member.page.getByRole('status').filter({ hasText: 'Kaartje verplaatst naar Na de intake.' });
  await expect(live).toBeAttached();
  await expect(live).toHaveClass(/sr-only/);
  await expect(
    member.page
      .getByRole('region', { name: 'Na de intake' })
      .getByRole('button', { name: 'Acties voor kaartje: Met het toetsenbord verplaatst' }),
  ).toBeFocused();
  await expect(
    page.getByRole('region', { name: 'Na de intake' }).getByRole('article', { name: 'Met het toetsenbord verplaatst' }),
  ).toBeVisible();
  await member.context.close();
});

test('the overview shows the whole board at once, by keyboard, and says so', async ({ page }) => {
  await createBoard(page, `Bord in overzicht ${Date.now()}`);
  // Narrow enough that the four columns do not fit side by side at full size.
  await page.setViewportSize({ width: 900, height: 800 });
  const area = page.getByRole('region', { name: 'Secties van het bord' });
  const fits = () => area.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  // The columns fill in once the board has synced (and after the resize): wait for them, not one look.
  await expect.poll(fits).toBe(false);

  const toggle = page.getByRole('button', { name: 'Overzicht' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Overzicht aan' })).toBeAttached();
  await expect.poll(fits).toBe(true);
  const last = await page.getByRole('region', { name: 'Na de intake' }).boundingBox();
  const box = await area.boundingBox();
  expect(last!.x + last!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  await expectAccessible(page);

  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('status').filter({ hasText: 'Overzicht uit' })).toBeAttached();
  await expect.poll(fits).toBe(false);
});

test('on a phone a member sees one section at a time, chosen with tabs and arrow keys', async ({ page, browser }) => {
  test.slow();
  const url = await createBoard(page, `Bord op de telefoon ${Date.now()}`);
  const member = await memberOn(browser, url, { viewport: { width: 390, height: 844 } });
  const phone = member.page;

  // Who is here is folded away.
  const bar = phone.getByText(/mensen? op dit bord$/);
  await expect(bar).toBeVisible();
  await expect(phone.getByRole('region', { name: 'Op dit bord' })).toBeHidden();
  await bar.click();
  await expect(phone.getByRole('region', { name: 'Op dit bord' }).getByText('Yonas (jij)')).toBeVisible();

  const tabs = phone.getByRole('tablist', { name: 'Secties' });
  await expect(tabs.getByRole('tab')).toHaveText(['Eerste contact', 'Het gesprek', 'De vragen', 'Na de intake']);
  const first = tabs.getByRole('tab', { name: 'Eerste contact' });
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(phone.getByRole('tabpanel', { name: 'Eerste contact' })).toBeVisible();
  await expect(phone.getByRole('textbox', { name: 'Tekst bij Het gesprek' })).toBeHidden();

  await first.focus();
  await phone.keyboard.press('ArrowRight');
  const second = tabs.getByRole('tab', { name: 'Het gesprek' });
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(phone.getByRole('tabpanel', { name: 'Het gesprek' })).toBeVisible();
  await expect(phone.getByRole('tabpanel', { name: 'Eerste contact' })).toBeHidden();
  await phone.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Na de intake' })).toBeFocused();
  await phone.keyboard.press('ArrowRight');
  await expect(first).toBeFocused();
  await expect(phone.getByRole('tabpanel', { name: 'Eerste contact' })).toBeVisible();

  // A card posted in the shown section arrives for the coordinator; nothing is wider than the phone.
  const panel = phone.getByRole('tabpanel', { name: 'Eerste contact' });
  await panel.getByLabel('Nieuw kaartje').fill('Getypt op de telefoon');
  await panel.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  await expect(
    page.getByRole('region', { name: 'Eerste contact' }).getByRole('article', { name: 'Getypt op de telefoon' }),
  ).toBeVisible();
  // Moved through its menu, the card takes the phone to its new section's tab, and focus goes with it.
  await (await panel.getByRole('button', { name: 'Acties voor kaartje: Getypt op de telefoon' })).click();
  await panel.getByRole('menuitem', { name: 'Verplaats naar Het gesprek' }).click();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(
    phone.getByRole('tabpanel', { name: 'Het gesprek' }).getByRole('button', { name: /^Acties voor kaartje: Getypt/ }),
  ).toBeFocused();
  await expect(phone.getByRole('status').filter({ hasText: 'Kaartje verplaatst naar Het gesprek.' })).toBeAttached();
  expect(await pageOverflow(phone)).toBe(0);
  await phone.setViewportSize({ width: 360, height: 780 });
  expect(await pageOverflow(phone)).toBe(0);
  await expectAccessible(phone);
  await member.context.close();
});

test('in Arabic the board mirrors: columns run right to left, and so do the tabs on a phone', async ({
  page,
  browser,
}) => {
  test.slow();
  const url = await createBoard(page, `Bord in het Arabisch ${Date.now()}`);
  const member = await memberOn(browser, url, { arabic: true, viewport: { width: 390, height: 844 } });
  const phone = member.page;
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  const first = phone.getByRole('tab', { name: 'التواصل الأول' });
  await first.focus();
  // In right-to-left text the next tab is to the left.
  await phone.keyboard.press('ArrowLeft');
  await expect(phone.getByRole('tab', { name: 'المحادثة' })).toBeFocused();
  await expect(phone.getByRole('tabpanel', { name: 'المحادثة' })).toBeVisible();
  expect(await pageOverflow(phone)).toBe(0);

  await phone.setViewportSize({ width: 1280, height: 800 });
  const right = await phone.getByRole('region', { name: 'التواصل الأول' }).boundingBox();
  const left = await phone.getByRole('region', { name: 'المحادثة' }).boundingBox();
  expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x);
  expect(await pageOverflow(phone)).toBe(0);
  await expectAccessible(phone);
  await member.context.close();
});
