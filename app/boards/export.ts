import type { TFunction } from 'i18next';
import * as Y from 'yjs';
import { withoutBidiControls } from '~/bidi';
import type { Locale } from '~/i18n/locales';
import { localized, readCards, readSections, sectionText } from './doc';
import type { Card } from './protocol';

/**
 * A board as plain data, for read-only views (snapshots, print) and the Markdown export. Rich text is
 * reduced to blocks (headings, paragraphs, list items, quotes) with inline bold/italic kept as marks.
 */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Block {
  kind: 'heading' | 'paragraph' | 'bullet' | 'numbered' | 'quote';
  level?: number;
  inlines: Inline[];
}

export interface SectionView {
  id: string;
  title: string;
  question: string;
  blocks: Block[];
  /** Without `authorId`: views go to readers, print pages and files, which need only the name shown. */
  cards: (Omit<Card, 'authorId'> & { votes: number | null })[];
}

export interface BoardView {
  sections: SectionView[];
  votesShown: boolean;
}

/**
 * `totals`: dots per card of the latest revealed voting round (from the database), or null. Direction
 * controls are dropped from every text: a document's text reaches the collab-server without passing
 * a form, and the print page, snapshots and Markdown show it in other contexts than it was typed in.
 */
export function boardView(doc: Y.Doc, locale: Locale, totals: ReadonlyMap<string, number> | null = null): BoardView {
  const votesShown = totals !== null;
  const cards = readCards(doc);
  return {
    votesShown,
    sections: readSections(doc).map((section) => ({
      id: section.id,
      title: withoutBidiControls(localized(section.title, locale)),
      question: withoutBidiControls(localized(section.question, locale)),
      blocks: fragmentBlocks(sectionText(doc, section.id)),
      cards: cards
        .filter((card) => card.section === section.id)
        .map(({ authorId: _who, ...card }) => ({
          ...card,
          text: withoutBidiControls(card.text),
          authorName: card.authorName === null ? null : withoutBidiControls(card.authorName),
          votes: totals ? (totals.get(card.id) ?? 0) : null,
        })),
    })),
  };
}

export function fragmentBlocks(fragment: Y.XmlFragment): Block[] {
  const blocks: Block[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText, list: 'bullet' | 'numbered' | null, quote: boolean) => {
    if (node instanceof Y.XmlText) {
      blocks.push({ kind: 'paragraph', inlines: inlines(node) });
      return;
    }
    const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
    switch (node.nodeName) {
      case 'heading':
        blocks.push({
          kind: 'heading',
          level: Number(node.getAttribute('level') ?? 2),
          inlines: textInlines(children),
        });
        return;
      case 'paragraph':
        blocks.push({ kind: quote ? 'quote' : (list ?? 'paragraph'), inlines: textInlines(children) });
        return;
      case 'bulletList':
        return children.forEach((child) => walk(child, 'bullet', quote));
      case 'orderedList':
        return children.forEach((child) => walk(child, 'numbered', quote));
      case 'blockquote':
        return children.forEach((child) => walk(child, list, true));
      default:
        // listItem and anything unknown: their paragraphs carry the text.
        return children.forEach((child) => walk(child, list, quote));
    }
  };
  for (const node of fragment.toArray() as (Y.XmlElement | Y.XmlText)[]) walk(node, null, false);
  return blocks.filter((block) => block.inlines.some((i) => i.text.trim() !== ''));
}

function textInlines(children: (Y.XmlElement | Y.XmlText)[]): Inline[] {
  return children.flatMap((child) => (child instanceof Y.XmlText ? inlines(child) : []));
}

function inlines(text: Y.XmlText): Inline[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .filter((op) => typeof op.insert === 'string')
    .map((op) => ({
      text: withoutBidiControls(op.insert as string),
      ...(op.attributes?.bold ? { bold: true } : {}),
      ...(op.attributes?.italic ? { italic: true } : {}),
    }));
}

export interface MarkdownLabels {
  cards: string;
  anonymous: string;
  votes: (count: number) => string;
  recognised: (count: number) => string;
  insight: string;
  goldenTip: string;
}

/** The labels every export of a board writes (Markdown, PDF), in the export's language (`readBoardExport`). */
export function boardLabels(t: TFunction): MarkdownLabels {
  return {
    cards: t('boards.cards'),
    anonymous: t('boards.anonymousAuthor'),
    votes: (count) => t('boards.votes', { count }),
    recognised: (count) => t('boards.recognisedCount', { count }),
    insight: t('boards.insight'),
    goldenTip: t('boards.goldenTip'),
  };
}

/**
 * The board as Markdown that shows every piece of user text (board title, section titles and
 * questions, text, cards, author names) literally: each is escaped, so none can become a heading,
 * link, image, HTML or emphasis, and its line breaks stay inside its own block.
 */
export function boardToMarkdown(title: string, view: BoardView, labels: MarkdownLabels): string {
  const lines: string[] = [`# ${markdownText(title.trim())}`, ''];
  for (const section of view.sections) {
    lines.push(`## ${markdownText(section.title.trim())}`, '');
    if (section.question.trim()) lines.push(`*${markdownText(section.question.trim())}*`, '');
    section.blocks.forEach((block, i) => {
      // Items of one list stay together; any other block gets a blank line, or it would run on into the last.
      const previous = section.blocks[i - 1];
      if (previous && !(previous.kind === block.kind && (block.kind === 'bullet' || block.kind === 'numbered'))) {
        lines.push('');
      }
      lines.push(blockMarkdown(block));
    });
    if (section.blocks.length > 0) lines.push('');
    if (section.cards.length > 0) {
      lines.push(`### ${markdownText(labels.cards)}`, '');
      for (const card of section.cards) {
        const facts = [
          card.authorName ?? labels.anonymous,
          card.votes !== null ? labels.votes(card.votes) : null,
          card.recognisedBy.length > 0 ? labels.recognised(card.recognisedBy.length) : null,
          card.mark === 'insight' ? labels.insight : card.mark === 'golden_tip' ? labels.goldenTip : null,
        ].filter((fact) => fact !== null);
        lines.push(
          `- ${markdownText(card.text.trim(), LIST_BREAK)} (${facts.map((fact) => markdownText(fact.trim())).join(', ')})`,
        );
      }
      lines.push('');
    }
  }
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

// A hard line break (a backslash ending the line), then what keeps the next line in the same block.
const LIST_BREAK = '\\\n  ';
const BLOCK_BREAK: Record<Block['kind'], string> = {
  heading: ' ',
  paragraph: '\\\n',
  bullet: LIST_BREAK,
  numbered: '\\\n   ',
  quote: '\\\n> ',
};
const BLOCK_START: Record<Block['kind'], string> = {
  heading: '',
  paragraph: '',
  bullet: '- ',
  numbered: '1. ',
  quote: '> ',
};

function blockMarkdown(block: Block): string {
  const last = block.inlines.length - 1;
  const text = block.inlines
    .map((inline, i) => {
      // Blanks at the block's edges would indent it into a code block.
      const raw = i === 0 ? inline.text.trimStart() : inline.text;
      let markdown = markdownText(i === last ? raw.trimEnd() : raw, BLOCK_BREAK[block.kind]);
      // Emphasis as inline HTML rather than * and _: those count only by the characters around them,
      // so next to escaped punctuation or another emphasis they would show as literal asterisks.
      if (markdown && inline.italic) markdown = `<em>${markdown}</em>`;
      if (markdown && inline.bold) markdown = `<strong>${markdown}</strong>`;
      return markdown;
    })
    .join('');
  if (block.kind === 'heading') return `${'#'.repeat(Math.min(6, Math.max(3, (block.level ?? 2) + 1)))} ${text}`;
  return `${BLOCK_START[block.kind]}${text}`;
}

// CommonMark lets a backslash escape any ASCII punctuation, which then always stands for itself. These
// are escaped: all that starts or ends markup somewhere (lists, headings, quotes, rules, tables, links,
// autolinks, HTML, entities, code, emphasis). , ; ? " ' % $ / ( { } ^ mean nothing once those are.
const MARKDOWN_PUNCTUATION = /[!#&)*+\-.:<=>@[\\\]_`|~]/g;

/**
 * Text as Markdown that renders as exactly that text. Each line break, with the blanks and empty
 * lines around it, becomes `lineBreak`: a space where the block cannot span lines.
 */
function markdownText(text: string, lineBreak = ' '): string {
  return withoutBidiControls(text)
    .split(/\s*(?:\r\n|\r|\n)\s*/)
    .map((line) => line.replace(MARKDOWN_PUNCTUATION, '\\$&'))
    .join(lineBreak);
}
