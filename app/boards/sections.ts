import type { Locale } from '~/i18n/locales';

/**
 * Section and template texts, kept free of Yjs so pages without a live board stay light. Dutch always;
 * a language without its own text reads the Dutch one (boards made before a language came keep theirs).
 */
export type Localized = { nl: string } & Partial<Record<Locale, string>>;

export interface SectionInfo {
  id: string;
  title: Localized;
  question: Localized;
}

export interface StarterCard {
  section: string;
  text: string;
}

export function localized(text: Localized, locale: Locale): string {
  return text[locale] || text.nl;
}
