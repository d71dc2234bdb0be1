import * as Y from 'yjs';
import type { Locale } from '~/i18n/locales';
import { localized, readCards, readSections, sectionText, type Card } from './doc';

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
  cards: (Card & { votes: number | null })[];
}

export interface BoardView {
  sections: SectionView[];
  votesShown: boolean;
}

/** `totals`: dots per card of the latest revealed voting round (from the database), or null. */
export function boardView(doc: Y.Doc, locale: Locale, totals: ReadonlyMap<string, number> | null = null): BoardView {
  const votesShown = totals !== null;
  const cards = readCards(doc);
  return {
    votesShown,
    sections: readSections(doc).map((section) => ({
      id: section.id,
      title: localized(section.title, locale),
      question: localized(section.question, locale),
      blocks: fragmentBlocks(sectionText(doc, section.id)),
      cards: cards
        .filter((card) => card.section === section.id)
        .map((card) => ({ ...card, votes: totals ? (totals.get(card.id) ?? 0) : null })),
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
      text: op.insert as string,
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

export function boardToMarkdown(title: string, view: BoardView, labels: MarkdownLabels): string {
  const lines: string[] = [`# ${title}`, ''];
  for (const section of view.sections) {
    lines.push(`## ${section.title}`, '', `_${section.question}_`, '');
    for (const block of section.blocks) lines.push(blockMarkdown(block));
    if (section.blocks.length > 0) lines.push('');
    if (section.cards.length > 0) {
      lines.push(`### ${labels.cards}`, '');
      for (const card of section.cards) {
        const facts = [
          card.authorName ?? labels.anonymous,
          card.votes !== null ? labels.votes(card.votes) : null,
          card.recognisedBy.length > 0 ? labels.recognised(card.recognisedBy.length) : null,
          card.mark === 'insight' ? labels.insight : card.mark === 'golden_tip' ? labels.goldenTip : null,
        ].filter(Boolean);
        lines.push(`- ${escapeMarkdown(card.text)} (${facts.join(', ')})`);
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

function blockMarkdown(block: Block): string {
  const text = block.inlines
    .map((i) => {
      const t = escapeMarkdown(i.text);
      return i.bold && i.italic ? `***${t}***` : i.bold ? `**${t}**` : i.italic ? `_${t}_` : t;
    })
    .join('');
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(3, (block.level ?? 2) + 1)))} ${text}`;
    case 'bullet':
      return `- ${text}`;
    case 'numbered':
      return `1. ${text}`;
    case 'quote':
      return `> ${text}`;
    default:
      return `${text}\n`;
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#<>])/g, '\\$1');
}
