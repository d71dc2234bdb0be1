import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { TEXT_DOMAINS } from '~/i18n/domains';
import { DEMO, signIn } from './helpers';

/**
 * A page downloads only its own texts (app/i18n/README.md): a member reading in Arabic opens the
 * notifications and follows the header's link to the sessions, whose texts come with that page.
 */
const arabic = (file: string, key: string) =>
  key
    .split('.')
    .reduce<unknown>(
      (tree, part) => (tree as Record<string, unknown>)[part],
      JSON.parse(readFileSync(`app/i18n/ar/${file}.json`, 'utf8')),
    ) as string;

/** The domains whose texts the page has fetched (each chunk is named after its domain). */
function fetchedTexts(page: Page): Set<string> {
  const fetched = new Set<string>();
  const chunk = new RegExp(`/build/_shared/(${TEXT_DOMAINS.join('|')})-\\w+\\.js$`);
  page.on('request', (request) => {
    const domain = chunk.exec(request.url())?.[1];
    if (domain) fetched.add(domain);
  });
  return fetched;
}

test('a page reached by a link in Arabic shows its texts, fetched only then', async ({ browser }) => {
  // Signed in in Dutch (the helper reads Dutch labels), then read in Arabic, the browser's language.
  const dutch = await browser.newContext({ locale: 'nl-NL' });
  await signIn(await dutch.newPage(), DEMO.lid);
  const storageState = await dutch.storageState();
  await dutch.close();
  const context = await browser.newContext({ locale: 'ar', storageState });
  const page = await context.newPage();
  const fetched = fetchedTexts(page);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(arabic('notifications', 'notifications.title'));
  await page.waitForFunction(() => '__remixRouter' in window);
  expect([...fetched].sort()).toEqual(['common', 'glossary', 'notifications']);

  await page
    .getByRole('banner')
    .getByRole('link', { name: arabic('common', 'nav.sessions'), exact: true })
    .click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(arabic('sessions', 'sessions.title'));
  await expect(page).toHaveTitle(`${arabic('sessions', 'sessions.title')} · Expertpool`);
  await expect(page.getByRole('main')).toContainText(arabic('sessions', 'sessions.timesIn').split('{{')[0]!.trim());
  expect([...fetched].sort()).toEqual(['common', 'glossary', 'notifications', 'sessions']);
  expect(problems).toEqual([]);
  await context.close();
});
