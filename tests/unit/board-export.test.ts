import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, sectionsOf } from '~/boards/doc';
import { boardToMarkdown, boardView, type Block, type BoardView } from '~/boards/export';

/** Text that Markdown (CommonMark + GitHub's extensions) or HTML inside it would turn into something else. */
const HOSTILE = [
  '# kop',
  'Titel\n===',
  '[klik](javascript:alert(1))',
  '![beeld](https://evil.example/x.png)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<https://evil.example>',
  'https://evil.example/pad www.evil.example a@evil.example',
  '**vet** _schuin_ ~~weg~~ `code`',
  '- lijst\n1. lijst\n> citaat',
  '---',
  '+ plus\n* ster\n1) eerste\n2. tweede',
  '(haakjes) "aanhalingstekens" 50% $5 a/b {x} ^2; echt?',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '    ingesprongen code',
  '```\nblok\n```',
  '&lt;script&gt; &amp; &#x3C;',
  'schuine \\ streep \\*',
  '[^1] [x]: https://evil.example',
  'eerste\n\n\nnieuwe alinea',
  'أمل uit حلب',
  'Advies \u202Egnp.exe\u202C',
];

const LABELS = {
  cards: 'Kaartjes',
  anonymous: 'anoniem',
  votes: (n: number) => `${n} stippen`,
  recognised: (n: number) => `${n} herkent`,
  insight: 'inzicht',
  goldenTip: 'gouden tip',
};

/** A board whose every piece of user text is `text`: title, section, question, each kind of block, card, author. */
function boardOf(text: string): { title: string; view: BoardView } {
  const kinds: Block['kind'][] = ['heading', 'paragraph', 'bullet', 'numbered', 'quote'];
  const card = {
    id: 'c1',
    section: 's1',
    text,
    colour: 'yellow' as const,
    authorName: text,
    createdAt: 0,
    recognisedBy: [],
    mark: null,
    adviceId: null,
    signalId: null,
    votes: 2,
  };
  return {
    title: text,
    view: {
      votesShown: true,
      sections: [
        {
          id: 's1',
          title: text,
          question: text,
          blocks: [
            ...kinds.map((kind) => ({ kind, level: 2, inlines: [{ text }] })),
            { kind: 'paragraph' as const, inlines: [{ text: 'voor ' }, { text, bold: true }, { text, italic: true }] },
          ],
          cards: [card],
        },
      ],
    },
  };
}

/** What a reader sees of rendered HTML: its text, entities decoded, blanks and line breaks as one space. */
function visibleText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
const shown = (text: string) =>
  text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

// The structure boardToMarkdown itself writes; anything else came out of someone's text.
const OWN_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'br']);

describe('the board Markdown export', () => {
  for (const text of HOSTILE) {
    it(`shows ${JSON.stringify(text)} literally wherever people wrote it`, () => {
      const { title, view } = boardOf(text);
      const markdown = boardToMarkdown(title, view, LABELS);
      expect(markdown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      const html = marked.parse(markdown, { async: false });
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]!));
      expect([...tags].filter((tag) => !OWN_TAGS.has(tag))).toEqual([]);
      // One heading each for the title, the section and the cards list; one for the heading block.
      expect(html.match(/<h[1-4][ >]/g)).toHaveLength(4);
      const blocks = html.split(/<\/(?:h[1-4]|p|li|blockquote)>/).map(visibleText);
      const literal = shown(text);
      // Title, section title, question, then the heading, paragraph, bullet, numbered item and quote.
      expect(blocks.slice(0, 8)).toEqual(Array(8).fill(literal));
      expect(blocks).toContain(`voor ${literal} ${literal}`);
      expect([...tags]).toEqual(expect.arrayContaining(['strong', 'em']));
      expect(blocks).toContain(`${literal} (${literal}, 2 stippen)`);
    });
  }
});

describe('a board’s view (the page’s data for readers, print, snapshots and Markdown)', () => {
  it('carries no author ids, so a card posted anonymously before author keys stays anonymous', () => {
    const doc = new Y.Doc();
    const section = { id: 's1', title: { nl: 'Eén', en: 'One', ar: 'واحد' }, question: { nl: '?', en: '?', ar: '?' } };
    sectionsOf(doc).push([section]);
    const author = '6f1c2a4e-0000-4000-8000-00000000a11a';
    addCard(doc, {
      id: 'c1',
      section: 's1',
      text: 'Zonder naam',
      colour: 'yellow',
      authorId: author,
      authorName: null,
    });
    const view = boardView(doc, 'nl');
    expect(view.sections[0]!.cards.map((card) => card.text)).toEqual(['Zonder naam']);
    expect(JSON.stringify(view)).not.toContain(author);
    expect(boardToMarkdown('Bord', view, LABELS)).not.toContain(author);
  });
});
