import i18next, { type i18n } from 'i18next';
import arAdvice from './ar/advice.json';
import arCommon from './ar/common.json';
import enAdvice from './en/advice.json';
import enCommon from './en/common.json';
import nlAdvice from './nl/advice.json';
import nlCommon from './nl/common.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

// One file per domain and language (top-level keys must not collide); add a domain's three files here.
export const resources = {
  nl: { translation: { ...nlCommon, ...nlAdvice } },
  en: { translation: { ...enCommon, ...enAdvice } },
  ar: { translation: { ...arCommon, ...arAdvice } },
} as const;

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
