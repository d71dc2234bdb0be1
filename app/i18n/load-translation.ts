import { addTranslation, type Translation } from './i18n';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

/** Each language is a chunk of its own: a visit downloads only the language of its pages. */
const chunks: Record<Locale, () => Promise<{ default: Translation }>> = {
  nl: () => import('./nl'),
  en: () => import('./en'),
  ar: () => import('./ar'),
  ti: () => import('./ti'),
  fa: () => import('./fa'),
  tr: () => import('./tr'),
};

/** Loads the texts of the page's language (its <html lang>) before React hydrates the page. */
export async function loadPageTranslation(): Promise<void> {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  addTranslation(locale, (await chunks[locale]()).default);
}
