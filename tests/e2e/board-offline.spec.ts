import { expect, test, type BrowserContext, type Page, type Route } from '@playwright/test';
import { boardFetchesDone, DEMO, expectAccessible, openCardMenu, signIn, unfoldMenu } from './helpers';

const CARD = 'Bewaard in de browser';
const WAITING = /wijziging wacht om verstuurd te worden/;

/**
 * The coordinator (whose settings no spec changes) makes a board of their own. The context's WebSockets
 * to /collab pass through a switch, so a page can load its HTML while the board's connection stays down.
 */
async function boardWithSwitch(context: BrowserContext, title: string) {
  const collab = { blocked: false };
  await context.routeWebSocket(/\/collab\//, (ws) => {
    // 4504 is the server's own "try again later": the page keeps retrying, as after a lost connection.
    if (collab.blocked) ws.close({ code: 4504, reason: 'blocked by the test' });
    else ws.connectToServer();
  });
  const page = await context.newPage();
  await signIn(page, DEMO.coordinator);
  await page.getByRole('link', { name: 'Expertpool Regio Alkmaar' }).click();
  await page.getByRole('link', { name: 'Borden van deze pool' }).click();
  await page.getByLabel('Naam van het bord').fill(title);
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  return { page, url: page.url(), boardId: new URL(page.url()).pathname.replace('/boards/', ''), collab };
}

/** The names of this browser's board copies (IndexedDB databases). */
const boardCopies = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith('expertpool-board-') ? [db.name] : [])),
  );

/** The count of unsent changes as stored with the board's copy (undefined before anything is stored). */
const storedPending = (page: Page, boardId: string) =>
  page.evaluate(async (boardId) => {
    const name = (await indexedDB.databases()).find((db) => db.name?.endsWith(`-${boardId}`))?.name;
    if (!name) return undefined;
    return new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const get = db.transaction('custom').objectStore('custom').get('pending');
        get.onsuccess = () => {
          db.close();
          resolve(get.result);
        };
      };
    });
  }, boardId);

async function signOut(page: Page) {
  await unfoldMenu(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByRole('link', { name: 'Inloggen' }).first()).toBeAttached();
}

test('a card made offline survives closing the tab, reaches the board when the connection is back, and sign-out wipes the copy', async ({
  browser,
}) => {
  // Three pages and two browser contexts on a shared machine.
  test.slow();
  const context = await browser.newContext();
  const { page: first, url, boardId, collab } = await boardWithSwitch(context, 'Offline bewaard');
  // Someone else on the board, in a browser of their own, to see what the server has.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, DEMO.coordinator);
  await other.goto(url);
  await expect(other.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();

  const section = first.getByRole('region', { name: 'De vragen' });
  await expect(section.getByLabel('Nieuw kaartje')).toBeVisible();
  collab.blocked = true;
  await context.setOffline(true);
  await expect(first.getByRole('status').filter({ hasText: 'Geen internet' })).toBeVisible();
  await section.getByLabel('Nieuw kaartje').fill(CARD);
  await section.getByRole('button', { name: 'Kaartje plaatsen' }).click();
  await expect(first.getByRole('article', { name: CARD })).toBeVisible();
  await expect(first.getByRole('status').filter({ hasText: '1 wijziging is nog niet verstuurd' })).toBeVisible();
  await expect.poll(() => storedPending(first, boardId)).toBe(1);
  await first.close();

  // The network is back but the board's connection is not: the page loads, the board comes from the copy.
  await context.setOffline(false);
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('article', { name: CARD })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 wijziging is nog niet verstuurd' })).toBeVisible();
  await expect(other.getByRole('article', { name: CARD })).toHaveCount(0);
  await expectAccessible(page);

  collab.blocked = false;
  await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
  await expect(other.getByRole('article', { name: CARD })).toBeVisible();
  await expect(page.getByText(WAITING)).toHaveCount(0);
  await expect.poll(() => storedPending(page, boardId)).toBe(0);

  expect((await boardCopies(page)).filter((name) => name.endsWith(`-${boardId}`))).toHaveLength(1);
  const logout = page.waitForResponse((r) => new URL(r.url()).pathname === '/logout');
  await signOut(page);
  expect((await (await logout).allHeaders())['clear-site-data']).toBe('"storage"');
  await expect.poll(() => boardCopies(page)).toEqual([]);
  await context.close();
  await other.context().close();
});

test('sign-out deletes the board copies also when the Clear-Site-Data header does not arrive', async ({ browser }) => {
  const context = await browser.newContext();
  const { page } = await boardWithSwitch(context, 'Zonder kop');
  await expect.poll(async () => (await boardCopies(page)).length).toBeGreaterThan(0);
  // A proxy that drops the header: only the page's own deletion is left.
  await context.route('**/logout', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const headers = { ...response.headers() };
    delete headers['clear-site-data'];
    await route.fulfill({ response, headers });
  });
  await signOut(page);
  await expect.poll(() => boardCopies(page)).toEqual([]);
  await context.close();
});

test('the sign-out response alone clears the copies: Chromium honours Clear-Site-Data on http://localhost', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const { page } = await boardWithSwitch(context, 'Alleen de kop');
  await expect.poll(async () => (await boardCopies(page)).length).toBeGreaterThan(0);
  // A plain form post: `submit()` fires no submit event, so the page's own deletion does not run.
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/logout';
    document.body.append(form);
    form.submit();
  });
  await page.waitForURL((url) => url.pathname === '/');
  await expect.poll(() => boardCopies(page)).toEqual([]);
  await context.close();
});

const STARTER = 'Een tolk die ik zelf mag kiezen';
const NOT_SENT = 'Niet verstuurd: er is geen internet. Probeer het opnieuw als het internet terug is.';

/** The board is still on the screen, not the error page. */
async function expectBoardStays(page: Page, status: 'Geen internet' | 'Verbonden') {
  await expect(page.getByRole('status').filter({ hasText: status })).toBeVisible();
  await expect(page.getByRole('region', { name: 'De vragen' })).toBeVisible();
  await expect(page.getByText('Er ging iets mis')).toHaveCount(0);
}

test('a comment posted without internet is not sent, keeps its text and goes once the connection is back', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext();
  const { page } = await boardWithSwitch(context, 'Opmerking zonder internet');
  await boardFetchesDone(page);
  const starter = page.getByRole('article', { name: STARTER });
  await (await openCardMenu(starter)).getByRole('menuitem', { name: 'Opmerkingen (0)' }).click();
  const dialog = page.getByRole('dialog', { name: `Opmerkingen bij het kaartje “${STARTER}”` });
  const text = dialog.getByLabel('Nieuwe opmerking');
  await text.fill('Geschreven in de trein');

  // The browser knows it is offline: nothing goes out.
  await context.setOffline(true);
  await expectBoardStays(page, 'Geen internet');
  await dialog.getByRole('button', { name: 'Opmerking plaatsen' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(NOT_SENT);
  await expect(text).toHaveValue('Geschreven in de trein');
  await expectBoardStays(page, 'Geen internet');
  await expectAccessible(page);

  // The browser thinks it is online, but the request does not arrive (wifi without internet).
  await context.setOffline(false);
  await expectBoardStays(page, 'Verbonden');
  const lost = (route: Route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback();
  await page.route('**/comments?_data=*', lost);
  await dialog.getByRole('button', { name: 'Opmerking plaatsen' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(NOT_SENT);
  await expect(text).toHaveValue('Geschreven in de trein');
  await expectBoardStays(page, 'Verbonden');

  // Back for real: the same text goes, and the form empties.
  await page.unroute('**/comments?_data=*', lost);
  await dialog.getByRole('button', { name: 'Opmerking plaatsen' }).click();
  await expect(dialog.getByRole('article').getByText('Geschreven in de trein')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel('Nieuwe opmerking')).toHaveValue('');

  // Reading them again fails on the way too: the last answer stays.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const read = page.waitForRequest((request) => request.url().includes('/comments?_data='));
  await page.route('**/comments?_data=*', (route) => route.abort('internetdisconnected'));
  await (await openCardMenu(starter)).getByRole('menuitem', { name: 'Opmerkingen (1)' }).click();
  await read;
  await expect(dialog.getByRole('article').getByText('Geschreven in de trein')).toBeVisible();
  await expectBoardStays(page, 'Verbonden');
  await page.unrouteAll();

  // Opened while offline, the comments wait; the browser's return loads them (no one else is on the
  // board, so nothing but that return asks for them).
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await context.setOffline(true);
  await expectBoardStays(page, 'Geen internet');
  await (await openCardMenu(starter)).getByRole('menuitem', { name: 'Opmerkingen (1)' }).click();
  await expect(dialog.getByRole('article').getByText('Geschreven in de trein')).toBeVisible();
  const reloaded = page.waitForRequest(
    (request) => request.method() === 'GET' && request.url().includes('/comments?_data='),
    { timeout: 30_000 },
  );
  await context.setOffline(false);
  await reloaded;
  await expectBoardStays(page, 'Verbonden');
  await context.close();
});

test('a signal, a dot, a brainstorm card and a snapshot sent without internet are not sent; each goes when tried again online', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext();
  const { page } = await boardWithSwitch(context, 'Alles zonder internet');
  await boardFetchesDone(page);
  const offline = async () => {
    await context.setOffline(true);
    await expectBoardStays(page, 'Geen internet');
  };
  const online = async () => {
    await context.setOffline(false);
    await expectBoardStays(page, 'Verbonden');
  };
  const card = page.getByRole('article', { name: STARTER });

  // A card made a signal (the board's own action).
  await offline();
  await (await openCardMenu(card)).getByRole('menuitem', { name: 'Maak signaal' }).click();
  await expect(card.getByRole('alert')).toHaveText(NOT_SENT);
  await expectBoardStays(page, 'Geen internet');
  await online();
  await (await openCardMenu(card)).getByRole('menuitem', { name: 'Maak signaal' }).click();
  await expect(card.getByRole('link', { name: 'Dit kaartje is een signaal geworden' })).toBeVisible();
  await expect(card.getByRole('alert')).toHaveCount(0);

  // A dot in a voting round.
  await page.getByLabel('Stippen per persoon').fill('2');
  await page.getByRole('button', { name: 'Start stemronde' }).click();
  await expect(page.getByText(/Stemronde 1 is open/)).toBeVisible();
  await offline();
  await card.getByRole('button', { name: 'Stip geven' }).click();
  await expect(page.getByRole('alert').filter({ hasText: NOT_SENT })).toBeVisible();
  await expect(card.getByText('Jij gaf 1 stip')).toHaveCount(0);
  await online();
  await card.getByRole('button', { name: 'Stip geven' }).click();
  await expect(card.getByText('Jij gaf 1 stip')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: NOT_SENT })).toHaveCount(0);

  // A card in a private brainstorm round keeps its text.
  await page.getByLabel('Minuten alleen nadenken').fill('5');
  await page.getByRole('button', { name: 'Ronde alleen nadenken starten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Alleen nadenken, ronde 1' })).toBeVisible();
  const firstContact = page.getByRole('region', { name: 'Eerste contact' });
  const privateCard = firstContact.getByLabel('Nieuw kaartje (alleen voor jou tot het tonen)');
  await privateCard.fill('Nog niet voor iedereen');
  await offline();
  await firstContact.getByRole('button', { name: 'Bewaren' }).click();
  await expect(firstContact.getByRole('alert')).toHaveText(NOT_SENT);
  await expect(privateCard).toHaveValue('Nog niet voor iedereen');
  await online();
  await firstContact.getByRole('button', { name: 'Bewaren' }).click();
  await expect(privateCard).toHaveValue('');
  await expect(firstContact.getByText('Nog niet voor iedereen')).toBeVisible();

  // A snapshot (a form beside the board) keeps its name.
  const name = page.getByLabel('Naam van de momentopname');
  await name.fill('Tussenstand in de trein');
  await offline();
  await page.getByRole('button', { name: 'Maak momentopname' }).click();
  await expect(page.getByRole('complementary').getByRole('alert')).toHaveText(NOT_SENT);
  await expect(name).toHaveValue('Tussenstand in de trein');
  await expectBoardStays(page, 'Geen internet');
  await expectAccessible(page);
  await online();
  await page.getByRole('button', { name: 'Maak momentopname' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De momentopname is bewaard.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bekijk Tussenstand in de trein' })).toBeVisible();

  // Restoring it reads the snapshot from the server: offline it says so, and may be tried again.
  const restore = page.getByRole('button', { name: 'Zet Tussenstand in de trein terug' });
  await offline();
  await restore.click();
  await expect(page.getByRole('alert').filter({ hasText: NOT_SENT })).toBeVisible();
  await expect(restore).toBeEnabled();
  await online();
  await restore.click();
  await expect(page.getByText('De momentopname is teruggezet als nieuwe wijziging.')).toBeVisible();
  await context.close();
});
