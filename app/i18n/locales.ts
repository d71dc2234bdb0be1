/**
 * The interface languages, one line each: the name a reader of that language knows it by (the switcher
 * names every language in itself), its direction, and the Intl locale that writes its dates and numbers.
 * Arabic and Farsi keep Western digits, like the figures people type and the rest of the page; Farsi
 * keeps the Gregorian calendar, because sessions and deadlines are Dutch dates (plain `fa` is Solar Hijri).
 * Tigrinya writes dates and numbers in British English's order: Chromium (and so Chrome and Edge) carries
 * no Tigrinya calendar names and falls back to American English where Node writes Tigrinya, so the page
 * would change under the reader's eyes while it hydrates (every-page.spec found it). format.ts puts our
 * own Tigrinya month and day names in place of the English ones.
 * Adding a language: its folder (app/i18n/README.md) and a line here (check the browser has its Intl data).
 */
const SETTINGS = {
  nl: { name: 'Nederlands', dir: 'ltr', intl: 'nl' },
  en: { name: 'English', dir: 'ltr', intl: 'en' },
  ar: { name: 'العربية', dir: 'rtl', intl: 'ar-u-nu-latn' },
  ti: { name: 'ትግርኛ', dir: 'ltr', intl: 'en-GB' },
  fa: { name: 'فارسی', dir: 'rtl', intl: 'fa-u-ca-gregory-nu-latn' },
  tr: { name: 'Türkçe', dir: 'ltr', intl: 'tr' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; intl: string }>;

export type Locale = keyof typeof SETTINGS;
export const LOCALES = Object.keys(SETTINGS) as [Locale, ...Locale[]];
export const DEFAULT_LOCALE: Locale = 'nl';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(SETTINGS, value);
}

export function direction(locale: Locale): 'ltr' | 'rtl' {
  return SETTINGS[locale].dir;
}

/** The language's name in itself ("Türkçe"), the same on every page. */
export function localeName(locale: Locale): string {
  return SETTINGS[locale].name;
}

/** The BCP 47 tag Intl formats the language's dates and numbers with (app/i18n/format.ts). */
export function intlLocale(locale: Locale): string {
  return SETTINGS[locale].intl;
}
