import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translations } from '~/i18n/translations.server';
import { LOCALES } from '~/i18n/locales';

const dir = path.resolve('app/i18n');
const domains = readdirSync(path.join(dir, 'nl')).filter((f) => f.endsWith('.json'));
const read = (locale: string, file: string) => JSON.parse(readFileSync(path.join(dir, locale, file), 'utf8')) as object;

/** Every key path, with plural suffixes folded (Arabic has six forms, the other languages two). */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}
const keySet = (tree: object) => [...new Set(keys(tree))].sort();

/** Every key path as written, plural suffixes and all. */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  it.each(domains)('%s has the same texts in every language as in Dutch', (file) => {
    const dutch = keySet(read('nl', file));
    // Every language in LOCALES (app/i18n/locales.ts): a language added there without its folder fails here.
    for (const locale of LOCALES) expect(keySet(read(locale, file)), `${locale}/${file}`).toEqual(dutch);
  });

  it.each(LOCALES)('%s has exactly the plural forms its language counts with (Intl.PluralRules)', (locale) => {
    const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
    for (const file of domains) {
      const forms = new Map<string, string[]>();
      for (const key of leafKeys(read(locale, file))) {
        const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
        if (plural) forms.set(plural[1]!, [...(forms.get(plural[1]!) ?? []), plural[2]!]);
      }
      for (const [key, found] of forms) expect(found.sort(), `${locale}/${file} ${key}`).toEqual(categories);
    }
  });

  it("mail texts stay out of every browser's language chunk", async () => {
    for (const locale of LOCALES) {
      const browser = ((await import(`~/i18n/${locale}/index.ts`)) as { default: object }).default;
      expect(browser, locale).not.toHaveProperty(['mail']);
      expect(translations[locale], locale).toHaveProperty(['mail', 'notification', 'greeting']);
    }
  });

  it('no two domain files claim the same top-level key (they are merged into one namespace)', () => {
    for (const locale of LOCALES) {
      const owners = new Map<string, string>();
      for (const file of domains) {
        for (const key of Object.keys(read(locale, file))) {
          expect(owners.get(key), `${locale}: "${key}" in ${file} and ${owners.get(key)}`).toBeUndefined();
          owners.set(key, file);
          // …and every file is one the app loads (each language's index.ts lists them by hand; mail.json,
          // for the server only, translations.server.ts).
          expect(translations[locale], `${locale}/${file} is not loaded`).toHaveProperty([key]);
        }
      }
    }
  });
});
