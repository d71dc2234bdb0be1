import { DEFAULT_LOCALE } from './locales';

export type GlossaryDefinitions = Record<string, string>;

/**
 * The glossary's explanations, one chunk per language outside the page's translation chunk: every page
 * carries the words' names (a tooltip's button says which word it explains), but the explanations are
 * fetched when someone first opens one, which keeps them out of every page's first download.
 */
const chunks: Record<string, () => Promise<{ default: GlossaryDefinitions }>> = {
  nl: () => import('./glossary/nl.json'),
  en: () => import('./glossary/en.json'),
  ar: () => import('./glossary/ar.json'),
  ti: () => import('./glossary/ti.json'),
  fa: () => import('./glossary/fa.json'),
  tr: () => import('./glossary/tr.json'),
};

const loaded = new Map<string, GlossaryDefinitions>();

/** The explanations in a language (Dutch for one without them), cached for the process. */
export async function glossaryDefinitions(locale: string): Promise<GlossaryDefinitions> {
  const code = Object.hasOwn(chunks, locale) ? locale : DEFAULT_LOCALE;
  let found = loaded.get(code);
  if (!found) {
    found = (await chunks[code]!()).default;
    loaded.set(code, found);
  }
  return found;
}
