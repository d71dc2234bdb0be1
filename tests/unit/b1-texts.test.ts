import { describe, expect, it } from 'vitest';
import { MAX_WORDS, isMemberFacing, memberTexts, sentences, wordCount } from '../b1-texts';

/** Words a newcomer reading Dutch at B1 does not know; members' texts say what is meant instead. */
const JARGON = /\b(digest|retentie|facilitat\w*|onboarding|respondent\w*|review\w*)\b/i;

describe('member-facing Dutch texts are written at B1 (issue 19)', () => {
  const texts = memberTexts();

  it('finds the texts a member reads and leaves out the coordinator and admin screens', () => {
    expect(texts.size).toBeGreaterThan(400);
    expect(texts.get('sessions.rsvp.title')).toBe('Kom je?');
    expect(isMemberFacing('sessions.plan.intro')).toBe(false);
    expect(isMemberFacing('boards.deleteBoardKept')).toBe(false);
    expect(isMemberFacing('boards.pendingChanges_other')).toBe(true);
  });

  it('counts sentences and words the way a reader meets them', () => {
    expect(sentences('Kom je? Laat het weten. {{name}} komt ook.')).toEqual([
      'Kom je?',
      'Laat het weten.',
      'X komt ook.',
    ]);
    expect(wordCount('Je bent uitgenodigd voor X.')).toBe(5);
    expect(wordCount('Een JPG-, PNG- of WebP-bestand')).toBe(5);
  });

  it(`has no sentence longer than ${MAX_WORDS} words`, () => {
    const long = [...texts].flatMap(([key, text]) =>
      sentences(text)
        .filter((s) => wordCount(s) > MAX_WORDS)
        .map((s) => `${key}: ${s}`),
    );
    expect(long).toEqual([]);
  });

  it('uses no jargon a member would have to look up', () => {
    // {{digest}} and the like are placeholders, not words the reader sees.
    const jargon = [...texts]
      .filter(([, text]) => JARGON.test(text.replace(/\{\{[^}]*\}\}/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(jargon).toEqual([]);
  });
});
