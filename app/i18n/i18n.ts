import i18next, { type i18n } from 'i18next';
import ar from './ar.json';
import en from './en.json';
import nl from './nl.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

export const resources = { nl: { translation: nl }, en: { translation: en }, ar: { translation: ar } } as const;

/** One i18next instance per locale, initialised synchronously so server and client render alike. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
