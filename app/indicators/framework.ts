import type { IndicatorDomain } from '~/db/types';

/** The four domains of the 14 Indicators of Integration, with their indicators in the framework's order. */
export const INDICATOR_DOMAINS: { domain: IndicatorDomain; codes: string[] }[] = [
  { domain: 'markers_means', codes: ['work', 'housing', 'education', 'health', 'leisure'] },
  { domain: 'social_connections', codes: ['bonds', 'bridges', 'links'] },
  { domain: 'facilitators', codes: ['language', 'culture', 'digital', 'safety', 'stability'] },
  { domain: 'foundation', codes: ['rights'] },
];
export const INDICATOR_CODES = INDICATOR_DOMAINS.flatMap((d) => d.codes);
export const DOMAINS = INDICATOR_DOMAINS.map((d) => d.domain);

/** An indicator with its name in every language: names live in the database (admins edit them), not in i18n files. */
export interface Indicator {
  code: string;
  domain: IndicatorDomain;
  name_nl: string;
  name_en: string;
  name_ar: string;
}

/** An indicator named in one reader's language, as a list or filter offers it. */
export interface IndicatorOption {
  code: string;
  domain: IndicatorDomain;
  name: string;
}

type Names = Pick<Indicator, 'name_nl' | 'name_en' | 'name_ar'>;

/** The languages whose indicator names admins keep in the database. */
const NAME_COLUMNS: Record<string, keyof Names> = { nl: 'name_nl', en: 'name_en', ar: 'name_ar' };

/**
 * An indicator's name in the reader's language. Readers of the other interface languages (Tigrinya,
 * Farsi, Turkish…) get the Dutch name, the word they meet at the municipality, as questionnaires and board
 * templates fall back to Dutch: a new language then needs no new columns (app/i18n/README.md).
 */
export function indicatorName(indicator: Names, locale: string): string {
  const column = Object.hasOwn(NAME_COLUMNS, locale) ? NAME_COLUMNS[locale]! : 'name_nl';
  return indicator[column] || indicator.name_nl;
}

/** Indicator code → its name in the reader's language. */
export function indicatorNames(indicators: (Names & { code: string })[], locale: string): Map<string, string> {
  return new Map(indicators.map((i) => [i.code, indicatorName(i, locale)]));
}
