import i18next, { type i18n } from 'i18next';
import arCommon from './ar/common.json';
import enCommon from './en/common.json';
import nlCommon from './nl/common.json';
import arQuestionnaires from './ar/questionnaires.json';
import arSignals from './ar/signals.json';
import enQuestionnaires from './en/questionnaires.json';
import enSignals from './en/signals.json';
import nlQuestionnaires from './nl/questionnaires.json';
import nlSignals from './nl/signals.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

// One file per domain and language (top-level keys must not collide); add a domain's three files here.
export const resources = {
  nl: { translation: { ...nlCommon, ...nlSignals, ...nlQuestionnaires } },
  en: { translation: { ...enCommon, ...enSignals, ...enQuestionnaires } },
  ar: { translation: { ...arCommon, ...arSignals, ...arQuestionnaires } },
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
