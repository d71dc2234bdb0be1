import i18next, { type i18n } from 'i18next';
import arCommon from './ar/common.json';
import arAdvice from './ar/advice.json';
import arBoards from './ar/boards.json';
import arMonitoring from './ar/monitoring.json';
import arNotifications from './ar/notifications.json';
import arOrganisations from './ar/organisations.json';
import arPeople from './ar/people.json';
import arQuestionnaires from './ar/questionnaires.json';
import arSessions from './ar/sessions.json';
import arSignals from './ar/signals.json';
import enCommon from './en/common.json';
import enAdvice from './en/advice.json';
import enBoards from './en/boards.json';
import enMonitoring from './en/monitoring.json';
import enNotifications from './en/notifications.json';
import enOrganisations from './en/organisations.json';
import enPeople from './en/people.json';
import enQuestionnaires from './en/questionnaires.json';
import enSessions from './en/sessions.json';
import enSignals from './en/signals.json';
import nlCommon from './nl/common.json';
import nlAdvice from './nl/advice.json';
import nlBoards from './nl/boards.json';
import nlMonitoring from './nl/monitoring.json';
import nlNotifications from './nl/notifications.json';
import nlOrganisations from './nl/organisations.json';
import nlPeople from './nl/people.json';
import nlQuestionnaires from './nl/questionnaires.json';
import nlSessions from './nl/sessions.json';
import nlSignals from './nl/signals.json';
import { DEFAULT_LOCALE, type Locale } from './locales';

// One file per domain and language (top-level keys must not collide); add a domain's three files here.
export const resources = {
  nl: {
    translation: {
      ...nlCommon,
      ...nlAdvice,
      ...nlBoards,
      ...nlMonitoring,
      ...nlNotifications,
      ...nlOrganisations,
      ...nlPeople,
      ...nlQuestionnaires,
      ...nlSessions,
      ...nlSignals,
    },
  },
  en: {
    translation: {
      ...enCommon,
      ...enAdvice,
      ...enBoards,
      ...enMonitoring,
      ...enNotifications,
      ...enOrganisations,
      ...enPeople,
      ...enQuestionnaires,
      ...enSessions,
      ...enSignals,
    },
  },
  ar: {
    translation: {
      ...arCommon,
      ...arAdvice,
      ...arBoards,
      ...arMonitoring,
      ...arNotifications,
      ...arOrganisations,
      ...arPeople,
      ...arQuestionnaires,
      ...arSessions,
      ...arSignals,
    },
  },
} as const;

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
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}
