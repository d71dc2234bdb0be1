import { expect } from 'vitest';
import { i18nFor } from '~/i18n/i18n';
import { LOCALES } from '~/i18n/locales';

/** The message key must read as a sentence in every language, not as the key itself. */
export function expectTranslated(key: string) {
  for (const locale of LOCALES) {
    const text = i18nFor(locale).t(key);
    expect(text, `${key} in ${locale}`).not.toBe(key);
    expect(text.length).toBeGreaterThan(10);
  }
}
