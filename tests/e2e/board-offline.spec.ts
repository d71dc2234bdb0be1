import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn, unfoldMenu } from './helpers';

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
