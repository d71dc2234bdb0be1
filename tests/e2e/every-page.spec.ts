import { expect, test, type Browser, type Page } from '@playwright/test';
import { direction, LOCALES, type Locale } from '~/i18n/locales';
import { DEMO, HYDRATION, MISSING_TEXT, seriousAxeFindings, signIn } from './helpers';
import { pagesOf, ROLE_PAGES, type Role } from './pages';

/**
 * Every kind of page, opened the way a person reaches it, on a 360 px phone, in every language (the
 * browser's own language, so nobody's settings change):
 * - it has every text it shows: a key whose domain none of its routes names (handle.texts) is missing in
 *   the browser, which says so on the console (app/i18n/load-translation.ts);
 * - it hydrates without React finding that the browser's first render differs from the server's HTML (a
 *   date formatted on another clock, a text in another language): React then throws the server's page
 *   away and says so on the console. Production builds name the errors by number: 418 (text), 423 (root
 *   re-rendered), 425 (text content), 422 / 419 (hydration failed);
 * - it is no wider than the phone: wide tables scroll in their own region, selects and cards shrink;
 * - axe finds nothing serious or critical (WCAG 2.1 A/AA) in it, in that language and direction;
 * - text in a script of the other direction is isolated (`dir` or `<bdi>`): see unisolatedText.
 * One walk does all three, so each page is loaded once per language. Dutch and Arabic walk every role's
 * pages; each other language walks one role's (a different one each) and the public pages, which keeps
 * the run bounded while every kind of page meets a language other than Dutch and Arabic.
 *
 * Axe is most of a walk's time, so in Dutch and Arabic it checks each kind of page (its address with
 * `:id` for ids) once: in the walk of the first role in ROLES that reaches it, the coordinator's for
 * most. The other roles' versions of the same kinds still meet axe, in the language that walks that
 * role (Tigrinya the member's, Persian the reader's, Turkish the admin's). Hydration and width are
 * checked on every page of every walk.
 */
const PHONE = 360;
const ROLES: readonly Role[] = ['coordinator', 'lid', 'gemeente', 'admin'];
const WALK_EVERY_ROLE: readonly Locale[] = ['nl', 'ar'];
const PUBLIC_PAGES = ['/', '/advice', '/advice/tips', '/ask', '/ask/status', '/glossary', '/login'];

const VIEWPORT = { width: PHONE, height: 800 };

/**
 * A phone whose browser speaks `language` (its Accept-Language: an extra header set on the page does not
 * override the browser's own), with the pages to walk: a role's, found and signed in to in Dutch first
 * (the sign-in helper reads Dutch labels), or the public ones.
 */
async function phoneIn(
  browser: Browser,
  language: Locale,
  walk?: { role: Role; kinds: readonly string[] },
): Promise<{ page: Page; urls: string[] }> {
  if (!walk) {
    const context = await browser.newContext({ locale: language, viewport: VIEWPORT });
    return { page: await context.newPage(), urls: PUBLIC_PAGES };
  }
  const dutch = await browser.newContext({ locale: 'nl-NL', viewport: VIEWPORT });
  const signingIn = await dutch.newPage();
  await signIn(signingIn, DEMO[walk.role]);
  const urls = await pagesOf(signingIn, walk.kinds);
  const storageState = await dutch.storageState();
  await dutch.close();
  const context = await browser.newContext({ locale: language, viewport: VIEWPORT, storageState });
  return { page: await context.newPage(), urls };
}

function rolesIn(language: Locale): readonly Role[] {
  if (WALK_EVERY_ROLE.includes(language)) return ROLES;
  const others = LOCALES.filter((l) => !WALK_EVERY_ROLE.includes(l));
  return [ROLES[others.indexOf(language) % ROLES.length]!];
}

/**
 * A role's kinds of page in walks of at most PART_SIZE pages: the coordinator's 18 in one test ran past
 * its time on a busy machine, and halves let the two workers share the longest walk.
 */
const PART_SIZE = 12;
function partsOf(kinds: readonly string[]): (readonly string[])[] {
  const count = Math.ceil(kinds.length / PART_SIZE);
  const size = Math.ceil(kinds.length / count);
  return Array.from({ length: count }, (_, index) => kinds.slice(index * size, (index + 1) * size));
}

const kindOf = (url: string) => url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');

/** Whether axe checks this page in this role's walk in this language (see above). */
function axeChecks(language: Locale, role: Role | undefined, url: string): boolean {
  if (!role || !WALK_EVERY_ROLE.includes(language)) return true;
  const earlier = ROLES.slice(0, ROLES.indexOf(role));
  return !earlier.some((other) => ROLE_PAGES[other].includes(kindOf(url)));
}

/**
 * Text in the other direction's script laid out in the page's direction: an Arabic or Farsi text on a
 * left-to-right page ("072-5114000" then reads "5114000-072"), or a Latin one (a Dutch title, a name) on
 * a right-to-left page (its full stop lands at its start). Such text is fine in a block whose own
 * direction is its script's (`dir="auto"` resolves it), or inside an inline isolate (`<bdi>`, `dir`):
 * blocks isolate by the browser's style sheet, so only the inline ancestors below the text's block count.
 * Fields are held to the same rule for the value they show. Returns the first few, with their text.
 */
async function unisolatedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
    const LATIN = /[A-Za-z\u00c0-\u024f]/;
    // Latin text whose ends are letters or digits reads the same in either direction; a full stop or a
    // bracket at its start or end is what the page's direction moves.
    const NEUTRAL_END = /^[\p{P}\p{S}]|[\p{P}\p{S}]$/u;
    const direction = (text: string) =>
      RTL_SCRIPT.test(text) ? 'rtl' : LATIN.test(text) && NEUTRAL_END.test(text.trim()) ? 'ltr' : null;
    const laidOutWrongly = (text: string, element: Element) => {
      const wanted = direction(text);
      if (!wanted) return false;
      let at: Element = element;
      for (; getComputedStyle(at).display.startsWith('inline') && at.parentElement; at = at.parentElement) {
        if (/isolate|plaintext/.test(getComputedStyle(at).unicodeBidi)) return false;
      }
      const block = getComputedStyle(at);
      return block.unicodeBidi !== 'plaintext' && block.direction !== wanted;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (!parent || parent.closest('script, style, noscript')) continue;
      if (laidOutWrongly(text, parent))
        found.push(`<${parent.localName}.${parent.className}> "${text.trim().slice(0, 40)}"`);
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      if (['hidden', 'checkbox', 'radio', 'submit', 'button', 'file'].includes(field.type)) continue;
      if (field.value && laidOutWrongly(field.value, field)) {
        found.push(`<${field.localName} name=${field.name}> "${field.value.slice(0, 40)}"`);
      }
    }
    return found.slice(0, 5);
  });
}

/** What is wrong with each of these pages, as lines naming the page. */
async function problems(page: Page, urls: string[], language: Locale, role?: Role): Promise<string[]> {
  const found: string[] = [];
  let current = '';
  const record = (text: string) => {
    if (HYDRATION.test(text)) found.push(`${current}: hydration: ${text.slice(0, 200)}`);
    if (MISSING_TEXT.test(text)) found.push(`${current}: ${text.slice(0, 200)}`);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') record(message.text());
  });
  page.on('pageerror', (error) => record(error.message));
  for (const url of urls) {
    current = url;
    await page.goto(url, { waitUntil: 'load' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.locator('html')).toHaveAttribute('dir', direction(language));
    // Hydration runs once the route modules have loaded: wait until Remix's router exists in the page.
    await page.waitForFunction(() => '__remixRouter' in window);
    await page.waitForTimeout(150);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE) found.push(`${url}: ${width} px wide`);
    for (const text of await unisolatedText(page))
      found.push(`${url}: not isolated from the page's direction: ${text}`);
    if (!axeChecks(language, role, url)) continue;
    for (const finding of await seriousAxeFindings(page)) found.push(`${url}: axe ${finding}`);
  }
  return found;
}

for (const language of LOCALES) {
  test.describe(`in ${language}`, () => {
    for (const role of rolesIn(language)) {
      const parts = partsOf(ROLE_PAGES[role]);
      parts.forEach((kinds, index) => {
        const part = parts.length > 1 ? ` (${index + 1} of ${parts.length})` : '';
        test(`the ${role}'s pages${part} hydrate, fit a phone and pass axe`, async ({ browser }) => {
          test.setTimeout(240_000);
          const { page, urls } = await phoneIn(browser, language, { role, kinds });
          expect(await problems(page, urls, language, role)).toEqual([]);
        });
      });
    }
    test('the pages anyone may open hydrate, fit a phone and pass axe', async ({ browser }) => {
      test.setTimeout(120_000);
      const { page, urls } = await phoneIn(browser, language);
      expect(await problems(page, urls, language)).toEqual([]);
    });
  });
}
