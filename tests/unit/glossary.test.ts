import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateTerm } from '~/boards/glossary';
import { TEMPLATES } from '~/boards/templates';
import { glossaryDefinitions } from '~/i18n/glossary-definitions';
import { GLOSSARY_TERMS } from '~/ui/glossary';

const dir = path.resolve('app/i18n');
// Every language folder, wired or not yet: a glossary is complete before its language is switched on.
const languages = readdirSync(dir, { withFileTypes: true })
  .filter(
    (entry) =>
      entry.isDirectory() && ['index.ts', 'glossary.json'].some((file) => existsSync(path.join(dir, entry.name, file))),
  )
  .map((entry) => entry.name);

const readJson = (...parts: string[]) => JSON.parse(readFileSync(path.join(dir, ...parts), 'utf8')) as unknown;
/** The words' names (in the language's chunk) and their explanations (a chunk of their own). */
const glossaryOf = (lang: string) => ({
  names: (readJson(lang, 'glossary.json') as { glossary: { terms: Record<string, string> } }).glossary.terms,
  definitions: readJson('glossary', `${lang}.json`) as Record<string, string>,
});

/** Sentence ends: the full stop of Latin, Arabic and Farsi text, and Ethiopic's full stop (።). */
const sentences = (text: string) => text.split(/[.!?؟።](?:\s|$)/).filter((part) => part.trim() !== '');

describe('glossary', () => {
  it.each(languages)('%s explains exactly the listed words, each in one or two short sentences', (lang) => {
    const { names, definitions } = glossaryOf(lang);
    expect(Object.keys(names).sort()).toEqual([...GLOSSARY_TERMS].sort());
    expect(Object.keys(definitions).sort()).toEqual([...GLOSSARY_TERMS].sort());
    for (const key of GLOSSARY_TERMS) {
      const definition = definitions[key]!;
      expect(names[key]!.trim(), `${lang} ${key}`).not.toBe('');
      expect(sentences(definition).length, `${lang} ${key}: ${definition}`).toBeGreaterThanOrEqual(1);
      expect(sentences(definition).length, `${lang} ${key}: ${definition}`).toBeLessThanOrEqual(2);
      expect(definition.length, `${lang} ${key}`).toBeLessThanOrEqual(220);
    }
  });

  it.each(languages)(
    '%s has its explanations loadable, Dutch standing in for a language without them',
    async (lang) => {
      expect((await glossaryDefinitions(lang)).pip).toBe(glossaryOf(lang).definitions.pip);
      expect((await glossaryDefinitions('xx')).pip).toBe(glossaryOf('nl').definitions.pip);
    },
  );

  it('the templates named after a domain word carry its explanation, the others none', () => {
    expect(templateTerm('brede_intake')).toBe('bredeIntake');
    expect(templateTerm('pip')).toBe('pip');
    expect(templateTerm('golden_tips')).toBe('goudenTip');
    expect(templateTerm('blank')).toBeNull();
    expect(templateTerm('journey_map')).toBeNull();
    // A stored board's template key is data: an object's inherited names are not glossary words.
    expect(templateTerm('toString')).toBeNull();
    expect(templateTerm('__proto__')).toBeNull();
    for (const template of TEMPLATES) {
      const term = templateTerm(template.key);
      if (term) expect(GLOSSARY_TERMS).toContain(term);
    }
  });
});
