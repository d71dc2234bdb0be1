import bidiFactory from 'bidi-js';
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { withoutBidiControls } from '~/bidi';
import { direction, type Locale } from '~/i18n/locales';
import type { BoardView, Inline, MarkdownLabels, SectionView } from './export';

/**
 * The board as a PDF a council can file: vector text in embedded Noto Sans fonts, A4, page numbers and
 * the document's language. pdfkit shapes each word with fontkit (Arabic joining forms) but places the
 * words of a line in the order they were typed and knows no bidi, so this module breaks lines itself,
 * orders each line with the Unicode bidi algorithm (bidi-js) and draws every piece at its own x. A
 * font is chosen per character by coverage, because the fontsource files are subsets per script.
 */

export interface PdfLabels extends MarkdownLabels {
  madeOn: (date: string) => string;
  ranking: string;
  noRevealedVotes: string;
  noVotes: string;
  insights: string;
  goldenTips: string;
  noneMarked: string;
  page: (page: number, count: number) => string;
}

export interface PdfBoard {
  title: string;
  poolName: string;
  date: string;
}

/**
 * Longest text drawn from one card or paragraph. Cards are limited to 500 characters by the
 * collab-server, but documents written before that rule (or rich text) may hold more: the cap keeps
 * the work per request bounded, and the cut is shown with an ellipsis.
 */
export const PDF_TEXT_MAX = 5_000;

type Weight = 'regular' | 'bold';

const require = createRequire(import.meta.url);

/** Fonts in order of preference; the first that has a character's glyph draws it. */
const FONT_FILES: { key: string; weight: Weight; file: string }[] = [
  { key: 'latin', weight: 'regular', file: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff' },
  { key: 'latin', weight: 'bold', file: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff' },
  { key: 'latinExt', weight: 'regular', file: '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff' },
  { key: 'latinExt', weight: 'bold', file: '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff' },
  {
    key: 'arabic',
    weight: 'regular',
    file: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff',
  },
  { key: 'arabic', weight: 'bold', file: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff' },
  // Static WOFF faces, as for the other scripts. The variable WOFF2 used before gave no bold (pdfkit embeds
  // a variable font's default instance) and no text at all: fontkit's subsetter copies glyph bytes out of
  // the glyf table as stored, which WOFF2 keeps transformed, so every Ethiopic glyph was embedded empty.
  {
    key: 'ethiopic',
    weight: 'regular',
    file: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff',
  },
  {
    key: 'ethiopic',
    weight: 'bold',
    file: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-700-normal.woff',
  },
  { key: 'greek', weight: 'regular', file: '@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff' },
  { key: 'greek', weight: 'bold', file: '@fontsource/noto-sans/files/noto-sans-greek-700-normal.woff' },
  { key: 'cyrillic', weight: 'regular', file: '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff' },
  { key: 'cyrillic', weight: 'bold', file: '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff' },
];

interface LoadedFont {
  name: string;
  key: string;
  weight: Weight;
  data: Buffer;
  /** Height above the baseline, in ems: Noto Sans Arabic's is larger than Noto Sans's. */
  ascent: number;
  covers: (codePoint: number) => boolean;
}

let loaded: LoadedFont[] | null = null;

function fonts(): LoadedFont[] {
  loaded ??= FONT_FILES.map(({ key, weight, file }) => {
    const data = readFileSync(require.resolve(file));
    const font = fontkit.create(data);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${file} is a font collection`);
    return {
      name: `${key}-${weight}`,
      key,
      weight,
      data,
      ascent: font.ascent / font.unitsPerEm,
      covers: (cp) => font.hasGlyphForCodePoint(cp),
    };
  });
  return loaded;
}

const bidi = bidiFactory();

// Scripts fontkit shapes right to left: it reverses the glyphs of a word in them by itself.
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// C0/C1 controls (NUL and the like) have no glyph and only confuse extraction; tabs become spaces.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text as it may be drawn: no controls, no explicit direction controls, and at most PDF_TEXT_MAX long. */
export function drawableText(text: string): string {
  const clean = withoutBidiControls(text.slice(0, PDF_TEXT_MAX + 1))
    .replace(CONTROLS, '')
    .replace(/\t/g, ' ');
  return clean.length > PDF_TEXT_MAX ? `${clean.slice(0, PDF_TEXT_MAX)}…` : clean;
}

type Dir = 'ltr' | 'rtl';

/** The direction of the first strong character, as `dir="auto"` does in the page; else the fallback. */
function firstStrong(text: string, fallback: Dir): Dir {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return fallback;
}

interface Style {
  size: number;
  color: string;
  indent?: number;
  /** `auto`: user text, whose direction is its own; otherwise the document's. */
  dir: Dir | 'auto';
  gapBefore?: number;
  gapAfter?: number;
}

interface Piece {
  text: string;
  font: string;
  width: number;
  /** The typed text of a shaped right-to-left piece, for copying and search (see draw). */
  actual?: string;
}

const PAGE_MARGIN = 56;
const FOOTER_SIZE = 9;

class Writer {
  readonly doc: PDFKit.PDFDocument;
  private readonly left: number;
  private readonly right: number;
  private readonly bottom: number;

  constructor(
    private readonly docDir: Dir,
    lang: string,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE_MARGIN,
      bufferPages: true,
      lang,
      displayTitle: true,
      info: { Title: title, Creator: 'Expertpool' },
    });
    for (const font of fonts()) this.doc.registerFont(font.name, font.data);
    this.left = PAGE_MARGIN;
    this.right = this.doc.page.width - PAGE_MARGIN;
    this.bottom = this.doc.page.height - PAGE_MARGIN;
    this.doc.y = PAGE_MARGIN;
  }

  /** One paragraph of runs (bold kept), wrapped to the page width and laid out line by line. */
  paragraph(runs: Inline[] | string, style: Style) {
    const inlines = typeof runs === 'string' ? [{ text: runs }] : runs;
    const text = drawableText(inlines.map((inline) => inline.text).join(''));
    if (text.trim() === '') return;
    const weights = weightsOf(inlines, text.length);
    const dir = style.dir === 'auto' ? firstStrong(text, this.docDir) : style.dir;
    const fontNames = this.fontsFor(text, weights);
    const levels = bidi.getEmbeddingLevels(text, dir);
    const indent = style.indent ?? 0;
    const width = this.right - this.left - indent;
    const lineHeight = style.size * 1.45;
    this.doc.fontSize(style.size).fillColor(style.color);
    this.doc.y += style.gapBefore ?? 0;
    for (const [start, end] of this.lines(text, fontNames, width, style.size)) {
      if (this.doc.y + lineHeight > this.bottom) {
        this.doc.addPage();
        this.doc.y = PAGE_MARGIN;
      }
      const pieces = this.visualPieces(text, levels, fontNames, start, end, style.size);
      const lineWidth = pieces.reduce((sum, piece) => sum + piece.width, 0);
      const y = this.doc.y;
      this.drawLine(pieces, dir === 'rtl' ? this.right - indent - lineWidth : this.left + indent, y, style.size);
      this.doc.y = y + lineHeight;
    }
    this.doc.y += style.gapAfter ?? 0;
  }

  /** Page numbers on every page, once the page count is known. */
  finish(page: (page: number, count: number) => string) {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Below the bottom margin: pdfkit would start a new page for text there unless the margin is lifted.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, bottom: 0 };
      this.doc.y = this.doc.page.height - PAGE_MARGIN / 2 - FOOTER_SIZE;
      this.paragraphAt(page(i - start + 1, count), FOOTER_SIZE);
      this.doc.page.margins = margins;
    }
    this.doc.end();
  }

  private paragraphAt(text: string, size: number) {
    const clean = drawableText(text);
    const fontNames = this.fontsFor(clean, new Array<Weight>(clean.length).fill('regular'));
    const levels = bidi.getEmbeddingLevels(clean, this.docDir);
    const pieces = this.visualPieces(clean, levels, fontNames, 0, clean.length, size);
    this.doc.fillColor('#444444');
    this.drawLine(
      pieces,
      (this.left + this.right - pieces.reduce((sum, piece) => sum + piece.width, 0)) / 2,
      this.doc.y,
      size,
    );
  }

  /**
   * Pieces side by side from x on one baseline, below the tallest font's ascent: pdfkit would put each
   * piece's baseline at its own font's ascent below the top, an Arabic word lower than a number beside it.
   */
  private drawLine(pieces: Piece[], x: number, top: number, size: number) {
    const ascent = Math.max(...pieces.map((piece) => fonts().find((font) => font.name === piece.font)!.ascent));
    for (const piece of pieces) {
      this.draw(piece, x, top + ascent * size, size);
      x += piece.width;
    }
  }

  /**
   * A shaped Arabic word is stored as glyphs, and a glyph shared by two letters (Noto draws jeem as
   * hah's shape plus a dot) maps back to only one of them: ActualText gives extractors the typed word.
   */
  private draw(piece: Piece, x: number, baseline: number, size: number) {
    if (piece.text.trim() === '') return;
    if (piece.actual) this.doc.markContent('Span', { actual: piece.actual });
    this.doc
      .font(piece.font)
      .fontSize(size)
      .text(piece.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    if (piece.actual) this.doc.endMarkedContent();
  }

  /** The font of each UTF-16 unit: the previous character's if it covers this one, else the first that does. */
  private fontsFor(text: string, weights: Weight[]): string[] {
    const all = fonts();
    const names = new Array<string>(text.length);
    let previous: LoadedFont | null = null;
    for (let i = 0; i < text.length; i++) {
      const codePoint = text.codePointAt(i)!;
      const weight = weights[i] ?? 'regular';
      const candidates = all.filter((font) => font.weight === weight);
      const font: LoadedFont =
        (previous && previous.weight === weight && previous.covers(codePoint) ? previous : null) ??
        candidates.find((candidate) => candidate.covers(codePoint)) ??
        (previous?.weight === weight ? previous : candidates[0]!);
      names[i] = font.name;
      if (codePoint > 0xffff) names[++i] = font.name;
      previous = font;
    }
    return names;
  }

  private width(text: string, font: string, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  /** Width of a logical range, measured in runs of one font. */
  private rangeWidth(text: string, fontNames: string[], start: number, end: number, size: number): number {
    let sum = 0;
    let runStart = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || fontNames[i] !== fontNames[runStart]) {
        sum += this.width(text.slice(runStart, i), fontNames[runStart]!, size);
        runStart = i;
      }
    }
    return sum;
  }

  /** Greedy line breaks in logical order, after spaces and at line breaks; a word wider than a line is cut. */
  private lines(text: string, fontNames: string[], width: number, size: number): [number, number][] {
    const result: [number, number][] = [];
    let from = 0;
    for (const part of text.split('\n')) {
      const to = from + part.length;
      let lineStart = from;
      let lineWidth = 0;
      for (const match of part.matchAll(/\S+\s*|\s+/g)) {
        const wordStart = from + match.index;
        const wordEnd = wordStart + match[0].length;
        const inkEnd = wordStart + match[0].trimEnd().length;
        const inkWidth = this.rangeWidth(text, fontNames, wordStart, inkEnd, size);
        if (lineWidth > 0 && lineWidth + inkWidth > width) {
          result.push([lineStart, wordStart]);
          lineStart = wordStart;
          lineWidth = 0;
        }
        if (inkWidth <= width) {
          lineWidth += this.rangeWidth(text, fontNames, wordStart, wordEnd, size);
          continue;
        }
        for (let cut = wordStart; cut < inkEnd;) {
          const step = text.codePointAt(cut)! > 0xffff ? 2 : 1;
          const charWidth = this.rangeWidth(text, fontNames, cut, cut + step, size);
          if (lineWidth > 0 && lineWidth + charWidth > width) {
            result.push([lineStart, cut]);
            lineStart = cut;
            lineWidth = 0;
          }
          lineWidth += charWidth;
          cut += step;
        }
      }
      result.push([lineStart, to]);
      from = to + 1;
    }
    return result;
  }

  /**
   * One line's pieces from left to right. bidi-js gives the visual order of the characters; visually
   * adjacent characters of one font and direction that were adjacent when typed form a piece. A
   * right-to-left piece with Arabic or Hebrew letters is passed in typed order (fontkit shapes and
   * reverses it); one without them (digits never are, they are left to right) is reversed here, with
   * brackets mirrored.
   */
  private visualPieces(
    text: string,
    levels: ReturnType<typeof bidi.getEmbeddingLevels>,
    fontNames: string[],
    start: number,
    end: number,
    size: number,
  ): Piece[] {
    let last = end;
    while (last > start && /\s/.test(text[last - 1]!)) last--;
    if (last === start) return [];
    // bidi-js returns the whole text's indices with only this range reordered: keep the range.
    const order = bidi.getReorderedIndices(text, levels, start, last - 1).slice(start, last);
    const pieces: Piece[] = [];
    let group: number[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const rtl = (levels.levels[group[0]!]! & 1) === 1;
      const from = Math.min(group[0]!, group[group.length - 1]!);
      const max = Math.max(group[0]!, group[group.length - 1]!);
      const to = max + (isHighSurrogate(text.charCodeAt(max)) ? 2 : 1);
      const typed = text.slice(from, to);
      let drawn = typed;
      if (rtl && !RTL_LETTER.test(typed)) {
        drawn = [...typed]
          .reverse()
          .map((char) => bidi.getMirroredCharacter(char) ?? char)
          .join('');
      }
      const font = fontNames[from]!;
      pieces.push({
        text: drawn,
        font,
        width: this.width(drawn, font, size),
        ...(drawn === typed && rtl ? { actual: typed } : {}),
      });
      group = [];
    };
    for (let k = 0; k < order.length; k++) {
      const index = order[k]!;
      // The low half of a surrogate pair travels with its high half.
      if (index > start && isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1)))
        continue;
      const previous = group[group.length - 1];
      const rtl = (levels.levels[index]! & 1) === 1;
      const space = /\s/.test(text[index]!);
      const continues =
        previous !== undefined &&
        !space &&
        !/\s/.test(text[previous]!) &&
        fontNames[previous] === fontNames[index] &&
        ((levels.levels[previous]! & 1) === 1) === rtl &&
        (rtl ? index === previous - 1 || index === previous - 2 : index === previous + 1 || index === previous + 2);
      if (!continues) flush();
      group.push(index);
      if (space) flush();
    }
    flush();
    return pieces;
  }
}

function isHighSurrogate(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The weight of each character of the joined runs, as drawableText left them. */
function weightsOf(inlines: Inline[], length: number): Weight[] {
  const weights: Weight[] = [];
  for (const inline of inlines) {
    const clean = inline.text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(CONTROLS, '');
    for (let i = 0; i < clean.length && weights.length < length; i++) weights.push(inline.bold ? 'bold' : 'regular');
  }
  while (weights.length < length) weights.push('regular');
  return weights;
}

const COLOR = { text: '#1a1a1a', muted: '#555555', heading: '#0b3d5c' };

type CardView = SectionView['cards'][number];

function cardFacts(card: CardView, labels: PdfLabels): string {
  return [
    card.authorName ?? labels.anonymous,
    card.votes !== null && card.votes > 0 ? labels.votes(card.votes) : null,
    card.recognisedBy.length > 0 ? labels.recognised(card.recognisedBy.length) : null,
    card.mark === 'insight' ? labels.insight : card.mark === 'golden_tip' ? labels.goldenTip : null,
  ]
    .filter((fact) => fact !== null)
    .map((fact) => drawableText(fact).trim())
    .join(' · ');
}

/**
 * Writes the board's PDF and returns the document as a stream (pdfkit is a Readable): its parts are
 * sent as they are made, though a board's PDF is small enough to be made at once.
 */
export function boardPdf(board: PdfBoard, view: BoardView, locale: Locale, labels: PdfLabels): PDFKit.PDFDocument {
  const docDir = direction(locale);
  const writer = new Writer(docDir, locale, drawableText(board.title));
  const card = (item: CardView, extra: string | null = null) => {
    writer.paragraph(`• ${item.text}`, { size: 11, color: COLOR.text, dir: 'auto', indent: 8, gapBefore: 4 });
    const facts = [cardFacts(item, labels), extra].filter(Boolean).join(' · ');
    writer.paragraph(facts, { size: 9, color: COLOR.muted, dir: docDir, indent: 20 });
  };
  const heading = (text: string) =>
    writer.paragraph([{ text, bold: true }], {
      size: 15,
      color: COLOR.heading,
      dir: 'auto',
      gapBefore: 14,
      gapAfter: 4,
    });

  writer.paragraph([{ text: board.title, bold: true }], { size: 22, color: COLOR.heading, dir: 'auto' });
  writer.paragraph(`${board.poolName} · ${labels.madeOn(board.date)}`, {
    size: 11,
    color: COLOR.muted,
    dir: docDir,
    gapAfter: 6,
  });

  const sectionTitle = new Map(view.sections.map((section) => [section.id, section.title]));
  for (const section of view.sections) {
    heading(section.title);
    if (section.question.trim()) writer.paragraph(section.question, { size: 10, color: COLOR.muted, dir: 'auto' });
    let number = 0;
    for (const block of section.blocks) {
      number = block.kind === 'numbered' ? number + 1 : 0;
      const prefix = block.kind === 'bullet' ? '• ' : block.kind === 'numbered' ? `${number}. ` : '';
      writer.paragraph(
        block.kind === 'heading'
          ? block.inlines.map((inline) => ({ ...inline, bold: true }))
          : [{ text: prefix }, ...block.inlines],
        {
          size: block.kind === 'heading' ? 12 : 11,
          color: block.kind === 'quote' ? COLOR.muted : COLOR.text,
          dir: 'auto',
          indent: block.kind === 'quote' || prefix ? 12 : 0,
          gapBefore: 3,
        },
      );
    }
    if (section.cards.length > 0) {
      writer.paragraph([{ text: labels.cards, bold: true }], {
        size: 11,
        color: COLOR.text,
        dir: docDir,
        gapBefore: 6,
      });
      for (const item of section.cards) card(item);
    }
  }

  const allCards = view.sections.flatMap((section) => section.cards);
  heading(labels.ranking);
  if (!view.votesShown) {
    writer.paragraph(labels.noRevealedVotes, { size: 11, color: COLOR.muted, dir: docDir });
  } else {
    const ranked = allCards.filter((item) => (item.votes ?? 0) > 0).sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
    if (ranked.length === 0) writer.paragraph(labels.noVotes, { size: 11, color: COLOR.muted, dir: docDir });
    ranked.forEach((item, i) => {
      writer.paragraph(`${i + 1}. ${labels.votes(item.votes ?? 0)}`, {
        size: 11,
        color: COLOR.heading,
        dir: docDir,
        gapBefore: 4,
      });
      card(item, sectionTitle.get(item.section) ?? null);
    });
  }
  for (const [mark, title] of [
    ['insight', labels.insights],
    ['golden_tip', labels.goldenTips],
  ] as const) {
    heading(title);
    const marked = allCards.filter((item) => item.mark === mark);
    if (marked.length === 0) writer.paragraph(labels.noneMarked, { size: 11, color: COLOR.muted, dir: docDir });
    for (const item of marked) card(item, sectionTitle.get(item.section) ?? null);
  }
  writer.finish(labels.page);
  return writer.doc;
}
