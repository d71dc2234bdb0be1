import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translations } from '~/i18n/translations.server';
import { LOCALES } from '~/i18n/locales';

const dir = path.resolve('app/i18n');
const domains = readdirSync(path.join(dir, 'nl')).filter((f) => f.endsWith('.json'));
const read = (locale: string, file: string) => JSON.parse(readFileSync(path.join(dir, locale, file), 'utf8')) as object;

/** Every key path, with plural suffixes folded (Arabic has six forms, Dutch and English two). */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}
const keySet = (tree: object) => [...new Set(keys(tree))].sort();

describe('translations', () => {
  it.each(domains)('%s has the same texts in every language as in Dutch', (file) => {
    const dutch = keySet(read('nl', file));
    for (const locale of LOCALES) expect(keySet(read(locale, file)), `${locale}/${file}`).toEqual(dutch);
  });

  it('no two domain files claim the same top-level key (they are merged into one namespace)', () => {
    for (const locale of LOCALES) {
      const owners = new Map<string, string>();
      for (const file of domains) {
        for (const key of Object.keys(read(locale, file))) {
          expect(owners.get(key), `${locale}: "${key}" in ${file} and ${owners.get(key)}`).toBeUndefined();
          owners.set(key, file);
          // …and every file is one the app loads (app/i18n/i18n.ts lists them by hand).
          expect(translations[locale], `${locale}/${file} is not in ${locale}/index.ts`).toHaveProperty([key]);
        }
      }
    }
  });
});
