import { indicatorName } from '../framework';

export interface IndicatorOption {
  code: string;
  domain: string;
  name_nl: string;
  name_en: string;
  name_ar: string;
}

/** Indicator code → its name in the given language. */
export function indicatorNames(indicators: IndicatorOption[], locale: string): Map<string, string> {
  return new Map(indicators.map((i) => [i.code, indicatorName(i, locale)]));
}
