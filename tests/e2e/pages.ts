import { expect, type Page } from '@playwright/test';

const ID = '[0-9a-f-]{36}';

export type Role = 'coordinator' | 'lid' | 'gemeente' | 'admin';

/**
 * Every kind of page each demo role reaches: a path, with `:id` where the page is one of many. Written
 * as kinds rather than found addresses, so a test knows which kinds another role's walk covers without
 * signing in as that role.
 */
export const ROLE_PAGES: Record<Role, readonly string[]> = {
  coordinator: [
    '/',
    '/advice',
    '/advice/overview',
    '/goals',
    '/sessions',
    '/sessions/calendar',
    '/signals',
    '/signals/patterns',
    '/profile',
    '/pools/:id',
    '/pools/:id/boards',
    '/pools/:id/invitations',
    '/questionnaires/:id/results',
    '/signals/:id',
    '/monitoring/:id',
    // A core indicator's own page: the coordinator of Alkmaar's region sets its targets and source there.
    '/monitoring/:id/indicator/:id',
    '/boards/:id',
    '/advice/:id',
    '/sessions/:id',
  ],
  lid: [
    '/',
    '/advice',
    '/sessions',
    '/sessions/calendar',
    '/signals',
    '/profile',
    '/notifications',
    '/notifications/preferences',
    '/pools/:id',
    '/sessions/:id',
    '/advice/:id',
  ],
  gemeente: [
    '/',
    '/advice',
    '/advice/overview',
    '/advice/tips',
    '/goals',
    '/sessions',
    '/sessions/calendar',
    // The reader's own monitoring page, a scorecard: a table per output that scrolls in its own box on a
    // phone (where a hidden column label once escaped its box, on the core indicator's own page below).
    '/monitoring',
    // The report for the council, now and at the end of a period, and a core indicator's management page.
    '/monitoring/:id/print',
    '/monitoring/:id/print?period=2024',
    '/monitoring/:id/management/:id',
    // A core indicator's own page, where its figures are entered.
    '/monitoring/:id/indicator/:id',
    '/profile',
    '/notifications',
    '/advice/:id',
  ],
  admin: [
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
  ],
};

/** The page whose links lead to the first page of each kind with an id (the way a person gets there). */
const LINKED_FROM: Record<string, string> = {
  '/pools/:id': '/',
  '/questionnaires/:id': '/questionnaires',
  '/signals/:id': '/signals',
  '/monitoring/:id': '/monitoring',
  '/monitoring/:id/indicator/:id': '/monitoring/:id',
  '/monitoring/:id/management/:id': '/monitoring/:id/indicator/:id',
  '/boards/:id': '/pools/:id/boards',
  '/advice/:id': '/advice',
  '/sessions/:id': '/sessions',
};

/**
 * The addresses of these kinds of a role's pages (from ROLE_PAGES), with real ids from the links on the
 * pages before. The page must be signed in as that role (DEMO.coordinator, DEMO.lid, DEMO.gemeente, DEMO.admin).
 */
export async function pagesOf(page: Page, kinds: readonly string[]): Promise<string[]> {
  const found = new Map<string, string>();
  /**
   * A kind's address: `/pools/:id/boards` is the first pool's page plus `/boards`; the last id decides
   * (`/monitoring/:id/management/:id` is a link on the first `/monitoring/:id/indicator/:id`).
   */
  async function address(kind: string): Promise<string> {
    const id = /^(.*:id)(.*)$/.exec(kind);
    if (!id) return kind;
    const [, head = '', rest = ''] = id;
    let url = found.get(head);
    if (!url) {
      url = await firstLink(page, await address(LINKED_FROM[head]!), like(head));
      found.set(head, url);
    }
    return url + rest;
  }
  const urls: string[] = [];
  for (const kind of kinds) urls.push(await address(kind));
  return urls;
}

/** The first link on `from` whose address matches, found the way a person finds it. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  // A reader of one municipality is sent from /monitoring straight to its page.
  const landed = new URL(page.url()).pathname;
  if (pattern.test(landed)) return landed;
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const found = hrefs.find((href) => pattern.test(href));
  expect(found, `a link like ${pattern} on ${from}`).toBeTruthy();
  return found!;
}
const like = (path: string) => new RegExp(`^${path.replaceAll(':id', ID)}$`);
