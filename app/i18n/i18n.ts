import i18next, { type i18n } from 'i18next';
import arBoards from './ar/boards.json';
import arCommon from './ar/common.json';
import enBoards from './en/boards.json';
import enCommon from './en/common.json';
import nlBoards from './nl/boards.json';
import nlCommon from './nl/common.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

// One file per domain and language (top-level keys must not collide); add a domain's three files here.
export const resources = {
  nl: { translation: { ...nlCommon, ...nlBoards } },
  en: { translation: { ...enCommon, ...enBoards } },
  ar: { translation: { ...arCommon, ...arBoards } },
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
