import type { Locale } from '~/i18n/locales';

/** Questionnaire texts are kept in Dutch, English and Arabic; the other interface languages read Dutch. */
type Localised<K extends string> = Record<`${K}_nl`, string> & Partial<Record<`${K}_${Locale}`, string>>;

/** The text in the reader's language, else the Dutch source. */
export function localise<K extends string>(row: Localised<K>, key: K, locale: Locale): string {
  const texts: Partial<Record<string, string>> = row;
  return texts[`${key}_${locale}`] || texts[`${key}_nl`] || '';
}
