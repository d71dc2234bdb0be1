import type { Locale } from '~/i18n/locales';

type Localised<K extends string> = { [P in `${K}_${Locale}`]: string };

/** The text in the reader's language, else the Dutch source. */
export function localise<K extends string>(row: Localised<K>, key: K, locale: Locale): string {
  return row[`${key}_${locale}` as `${K}_${Locale}`] || row[`${key}_nl` as `${K}_${Locale}`];
}
