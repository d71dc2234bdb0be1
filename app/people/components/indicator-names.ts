interface IndicatorNames {
  code: string;
  name_nl: string;
  name_en: string;
  name_ar: string;
}

/** Indicator code → its name in the reader's language (names live in the database, not in i18n files). */
export function indicatorNames(indicators: IndicatorNames[], language: string): Record<string, string> {
  const key = `name_${['nl', 'en', 'ar'].includes(language) ? language : 'nl'}` as 'name_nl' | 'name_en' | 'name_ar';
  return Object.fromEntries(indicators.map((indicator) => [indicator.code, indicator[key]]));
}
