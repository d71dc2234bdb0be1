import { addTranslation, whenTextMissing, type Translation } from './i18n';
import { SHELL_TEXTS, TEXT_DOMAINS, isTextDomain, type TextDomain } from './domains';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

/**
 * Each domain's texts in each language are a chunk of their own: a page downloads its language's shell
 * texts and the domains its routes name (`handle`, see texts.ts), not a whole language. Spelled out,
 * because esbuild splits only literal import paths; the type makes a new language or domain a compile error.
 */
const chunks: Record<Locale, Record<TextDomain, () => Promise<{ default: Translation }>>> = {
  nl: {
    common: () => import('./nl/common.json'),
    glossary: () => import('./nl/glossary.json'),
    advice: () => import('./nl/advice.json'),
    boards: () => import('./nl/boards.json'),
    monitoring: () => import('./nl/monitoring.json'),
    notifications: () => import('./nl/notifications.json'),
    organisations: () => import('./nl/organisations.json'),
    people: () => import('./nl/people.json'),
    questionnaires: () => import('./nl/questionnaires.json'),
    sessions: () => import('./nl/sessions.json'),
    signals: () => import('./nl/signals.json'),
  },
  en: {
    common: () => import('./en/common.json'),
    glossary: () => import('./en/glossary.json'),
    advice: () => import('./en/advice.json'),
    boards: () => import('./en/boards.json'),
    monitoring: () => import('./en/monitoring.json'),
    notifications: () => import('./en/notifications.json'),
    organisations: () => import('./en/organisations.json'),
    people: () => import('./en/people.json'),
    questionnaires: () => import('./en/questionnaires.json'),
    sessions: () => import('./en/sessions.json'),
    signals: () => import('./en/signals.json'),
  },
  ar: {
    common: () => import('./ar/common.json'),
    glossary: () => import('./ar/glossary.json'),
    advice: () => import('./ar/advice.json'),
    boards: () => import('./ar/boards.json'),
    monitoring: () => import('./ar/monitoring.json'),
    notifications: () => import('./ar/notifications.json'),
    organisations: () => import('./ar/organisations.json'),
    people: () => import('./ar/people.json'),
    questionnaires: () => import('./ar/questionnaires.json'),
    sessions: () => import('./ar/sessions.json'),
    signals: () => import('./ar/signals.json'),
  },
  ti: {
    common: () => import('./ti/common.json'),
    glossary: () => import('./ti/glossary.json'),
    advice: () => import('./ti/advice.json'),
    boards: () => import('./ti/boards.json'),
    monitoring: () => import('./ti/monitoring.json'),
    notifications: () => import('./ti/notifications.json'),
    organisations: () => import('./ti/organisations.json'),
    people: () => import('./ti/people.json'),
    questionnaires: () => import('./ti/questionnaires.json'),
    sessions: () => import('./ti/sessions.json'),
    signals: () => import('./ti/signals.json'),
  },
  fa: {
    common: () => import('./fa/common.json'),
    glossary: () => import('./fa/glossary.json'),
    advice: () => import('./fa/advice.json'),
    boards: () => import('./fa/boards.json'),
    monitoring: () => import('./fa/monitoring.json'),
    notifications: () => import('./fa/notifications.json'),
    organisations: () => import('./fa/organisations.json'),
    people: () => import('./fa/people.json'),
    questionnaires: () => import('./fa/questionnaires.json'),
    sessions: () => import('./fa/sessions.json'),
    signals: () => import('./fa/signals.json'),
  },
  tr: {
    common: () => import('./tr/common.json'),
    glossary: () => import('./tr/glossary.json'),
    advice: () => import('./tr/advice.json'),
    boards: () => import('./tr/boards.json'),
    monitoring: () => import('./tr/monitoring.json'),
    notifications: () => import('./tr/notifications.json'),
    organisations: () => import('./tr/organisations.json'),
    people: () => import('./tr/people.json'),
    questionnaires: () => import('./tr/questionnaires.json'),
    sessions: () => import('./tr/sessions.json'),
    signals: () => import('./tr/signals.json'),
  },
};

const requested = new Map<string, Promise<void>>();

/** The page's language: its <html lang>, which the server wrote and a language change reloads. */
function pageLocale(): Locale {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** Loads the page language's texts of these domains, each once (a failed download is tried again next time). */
export async function loadTexts(domains: readonly TextDomain[], locale: Locale = pageLocale()): Promise<void> {
  await Promise.all(
    domains.map((domain) => {
      const id = `${locale}/${domain}`;
      let loading = requested.get(id);
      if (!loading) {
        loading = chunks[locale][domain]().then(
          (chunk) => addTranslation(locale, chunk.default),
          (error: unknown) => {
            requested.delete(id);
            throw error;
          },
        );
        requested.set(id, loading);
      }
      return loading;
    }),
  );
}

/**
 * Before React hydrates the first page: the shell's texts and those of the page's routes, which the
 * server listed in <html data-texts> (root.tsx). A key of a domain no route named would show as itself:
 * the console says so (every-page.spec fails on it), and the rest of the language is fetched so the page
 * re-renders with the text.
 */
export async function loadPageTranslation(): Promise<void> {
  const locale = pageLocale();
  whenTextMissing((_, key) => {
    console.error(`Text missing in the browser: "${key}" (its domain is not in the route's handle.texts)`);
    void loadTexts(TEXT_DOMAINS, locale);
  });
  const named = (document.documentElement.dataset.texts ?? '').split(' ').filter(isTextDomain);
  await loadTexts([...SHELL_TEXTS, ...named], locale);
}
