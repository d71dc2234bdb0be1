import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locales';
// An empty module in the browser bundle (.server), where load-translation.ts adds the page's texts.
import { translations } from './translations.server';

export type Translation = Record<string, unknown>;

const loaded: Partial<Record<Locale, Translation>> = { ...translations };

/**
 * Adds texts of a language (in the browser: a domain's, before a page that shows them renders). The
 * domains' top-level keys never collide (tests/unit/i18n.test.ts), so a shallow merge is enough.
 */
export function addTranslation(locale: Locale, translation: Translation) {
  loaded[locale] = { ...loaded[locale], ...translation };
  instances.get(locale)?.addResourceBundle(locale, 'translation', translation, true, true);
}

/** Whether this process has a language's texts (a browser has only some of its page's language). */
export function hasTranslation(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

type MissingText = (locale: Locale, key: string) => void;
let onMissingText: MissingText | undefined;

/**
 * What the browser does with a key whose text it does not have (the server has every text: a missing key
 * there is the parity test's business). Set before the first instance is made.
 */
export function whenTextMissing(handler: MissingText) {
  onMissingText = handler;
}

const instances = new Map<Locale, i18n>();

/**
 * The i18next instance of a locale, initialised synchronously so server and client render alike.
 * One per locale for the whole process: nothing changes an instance's language after this, and building
 * one per request cost more than some pages' own rendering. In the browser, texts loaded later are added
 * to it, and components re-render when they arrive (`bindI18nStore`).
 */
export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    const missing = onMissingText;
    instance = i18next.createInstance();
    void instance.init({
      ...SYNCHRONOUS,
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      resources: Object.fromEntries(Object.entries(loaded).map(([code, translation]) => [code, { translation }])),
      saveMissing: missing !== undefined,
      missingKeyHandler: missing ? (_languages, _namespace, key) => missing(locale, key) : false,
      react: { bindI18nStore: 'added' },
    });
    instances.set(locale, instance);
  }
  return instance;
}

const SYNCHRONOUS = { initAsync: false, interpolation: { escapeValue: false }, returnNull: false } as const;

/**
 * An instance for part of a page written in another language than the page (a board's print page in the
 * board's language), from the texts the server sent with the page's data: the browser has only its page's
 * language, and this way it renders that part as the server did, without downloading the other language.
 */
export function i18nWith(locale: Locale, translation: Translation): i18n {
  const instance = i18next.createInstance();
  void instance.init({ ...SYNCHRONOUS, lng: locale, resources: { [locale]: { translation } } });
  return instance;
}
