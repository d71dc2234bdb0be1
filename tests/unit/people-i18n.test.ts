import { describe, expect, it } from 'vitest';
import ar from '~/i18n/ar/people.json';
import en from '~/i18n/en/people.json';
import nl from '~/i18n/nl/people.json';

/** Every key path, with plural suffixes folded (Arabic has six forms, Dutch and English two). */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

describe('pools and people texts', () => {
  it('exist in Dutch, English and Arabic alike', () => {
    const dutch = [...new Set(keys(nl))].sort();
    expect([...new Set(keys(en))].sort()).toEqual(dutch);
    expect([...new Set(keys(ar))].sort()).toEqual(dutch);
  });
});
