import { expect, type Page } from '@playwright/test';

const ID = '[0-9a-f-]{36}';

/** The first link on `from` whose address matches, found the way a person finds it. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link like ${pattern} on ${from}`).toBeTruthy();
  return found!;
}
const like = (path: string) => new RegExp(`^${path.replaceAll(':id', ID)}$`);

/**
 * Every kind of page each demo role reaches, with real ids from the links on the pages before. The page
 * must be signed in as that role (DEMO.coordinator, DEMO.lid, DEMO.gemeente, DEMO.admin).
 */
export const ROLE_PAGES = {
  async coordinator(page: Page): Promise<string[]> {
    const pool = await firstLink(page, '/', like(`/pools/:id`));
    const questionnaire = await firstLink(page, '/questionnaires', like('/questionnaires/:id'));
    return [
      '/',
      '/advice',
      '/advice/overview',
      '/goals',
      '/sessions',
      '/sessions/calendar',
      '/signals',
      '/signals/patterns',
      '/profile',
      pool,
      `${pool}/boards`,
      `${pool}/invitations`,
      `${questionnaire}/results`,
      await firstLink(page, '/signals', like('/signals/:id')),
      await firstLink(page, '/monitoring', like('/monitoring/:id')),
      await firstLink(page, `${pool}/boards`, like('/boards/:id')),
      await firstLink(page, '/advice', like('/advice/:id')),
      await firstLink(page, '/sessions', like('/sessions/:id')),
    ];
  },
  async lid(page: Page): Promise<string[]> {
    const pool = await firstLink(page, '/', like('/pools/:id'));
    return [
      '/',
      '/advice',
      '/sessions',
      '/sessions/calendar',
      '/signals',
      '/profile',
      '/notifications',
      '/notifications/preferences',
      pool,
      await firstLink(page, '/sessions', like('/sessions/:id')),
      await firstLink(page, '/advice', like('/advice/:id')),
    ];
  },
  async gemeente(page: Page): Promise<string[]> {
    const monitoring = await firstLink(page, '/', like('/monitoring/:id'));
    return [
      `${monitoring}/print`,
      `${monitoring}/print?period=2024`,
      await firstLink(page, monitoring, like('/monitoring/:id/management/:id')),
      '/',
      '/advice',
      '/advice/overview',
      '/advice/tips',
      '/goals',
      '/sessions',
      '/sessions/calendar',
      // The reader's own monitoring page: a hidden column label once escaped its table's scroll box here.
      '/monitoring',
      '/profile',
      '/notifications',
      await firstLink(page, '/advice', like('/advice/:id')),
    ];
  },
  async admin(): Promise<string[]> {
    return [
      '/',
      '/admin',
      '/admin/mail',
      '/admin/benchmarks',
      '/admin/size-classes',
      '/admin/respondent-groups',
      '/admin/indicators',
      '/admin/keywords',
      '/people',
      '/dev/outbox',
    ];
  },
};
