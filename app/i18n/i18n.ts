import i18next, { type i18n } from 'i18next';
import arCommon from './ar/common.json';
import arAdvice from './ar/advice.json';
import arBoards from './ar/boards.json';
import arPeople from './ar/people.json';
import arSessions from './ar/sessions.json';
import enCommon from './en/common.json';
import enAdvice from './en/advice.json';
import enBoards from './en/boards.json';
import enPeople from './en/people.json';
import enSessions from './en/sessions.json';
import nlCommon from './nl/common.json';
import nlAdvice from './nl/advice.json';
import nlBoards from './nl/boards.json';
import nlPeople from './nl/people.json';
import nlSessions from './nl/sessions.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

// One file per domain and language (top-level keys must not collide); add a domain's three files here.
export const resources = {
  nl: { translation: { ...nlCommon, ...nlAdvice, ...nlBoards, ...nlPeople, ...nlSessions } },
  en: { translation: { ...enCommon, ...enAdvice, ...enBoards, ...enPeople, ...enSessions } },
  ar: { translation: { ...arCommon, ...arAdvice, ...arBoards, ...arPeople, ...arSessions } },
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
