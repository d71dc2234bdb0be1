import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locales';
// An empty module in the browser bundle (.server), where loadPageTranslation adds the page's language.
import { translations } from './translations.server';

export type Translation = Record<string, unknown>;

const loaded: Partial<Record<Locale, Translation>> = { ...translations };

/** Adds a language's texts (in the browser, before hydration). */
export function addTranslation(locale: Locale, translation: Translation) {
  loaded[locale] = translation;
  instances.delete(locale);
}

/** Whether this process has a language's texts (a browser has only those of its page's language). */
export function hasTranslation(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

const instances = new Map<Locale, i18n>();

/**
 * The i18next instance of a locale, initialised synchronously so server and client render alike.
 * One per locale for the whole process: nothing changes an instance's language or resources after
 * this, and building one per request cost more than some pages' own rendering.
 */
export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      resources: Object.fromEntries(Object.entries(loaded).map(([code, translation]) => [code, { translation }])),
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}
