import { inflateSync } from 'node:zlib';

// What pdf.js cannot read back from a board's PDF (its language, the typed text of shaped Arabic words
// and where they stand, the font each piece of text is drawn in and that font's embedded outlines).

/** The stream after `at`, inflated (null when it is not deflated), and where it ends; null when none follows. */
function streamAfter(file: Buffer, at: number): { content: string | null; end: number } | null {
  const found = file.indexOf('stream\n', at);
  if (found === -1) return null;
  const start = found + 'stream\n'.length;
  const end = file.indexOf('\nendstream', start);
  try {
    return { content: inflateSync(file.subarray(start, end)).toString('latin1'), end };
  } catch {
    // Not every stream is deflated (nor every match a stream).
    return { content: null, end };
  }
}

/** The file's bytes with every compressed stream inflated, to find what pdf.js does not report. */
export function rawContent(bytes: Uint8Array): string {
  const file = Buffer.from(bytes);
  const parts = [file.toString('latin1')];
  for (let stream = streamAfter(file, 0); stream; stream = streamAfter(file, stream.end)) {
    if (stream.content !== null) parts.push(stream.content);
  }
  return parts.join('\n');
}

/** Each page's drawing operators, in page order, as pdfkit writes them: one content stream per page. */
function pageContents(file: Buffer): string[] {
  const text = file.toString('latin1');
  const kids = /\/Type \/Pages\n\/Count \d+\n\/Kids \[([^\]]*)\]/.exec(text)![1]!;
  return [...kids.matchAll(/(\d+) 0 R/g)].map(([, page]) => {
    const contents = new RegExp(`\\n${page} 0 obj\\n<<[^>]*/Contents (\\d+) 0 R`).exec(text)![1]!;
    return streamAfter(file, text.indexOf(`\n${contents} 0 obj\n`))!.content!;
  });
}

const ESCAPES: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' };
const UNESCAPES = Object.fromEntries(Object.entries(ESCAPES).map(([char, letter]) => [letter, char]));

/** Text as pdfkit writes a PDF string: UTF-16BE after a byte order mark, in parentheses, escaped. */
export function pdfString(text: string): string {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('latin1');
  return `(${bytes.replace(/[\n\r\t\b\f\\()]/g, (c) => `\\${ESCAPES[c] ?? c}`)})`;
}

/** The inverse of pdfString, which pdfkit uses only for text beyond ASCII: other text is written as is. */
function fromPdfString(literal: string): string {
  const bytes = literal.slice(1, -1).replace(/\\([^])/g, (_, c: string) => UNESCAPES[c] ?? c);
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  return Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le');
}

export interface ShapedText {
  /** As typed, from /ActualText. */
  text: string;
  /** Where its glyphs start: the left end, on the baseline. */
  x: number;
  y: number;
  page: number;
}

/**
 * The pieces drawn with /ActualText (shaped Arabic, and whatever else runs right to left as typed, such as a
 * bullet) and their places. pdf.js reads such glyphs one by one
 * and mixes up letters that share a shape, and it drops the ActualText; the file's own operators keep both.
 */
export function actualTexts(bytes: Uint8Array): ShapedText[] {
  return pageContents(Buffer.from(bytes)).flatMap((content, index) =>
    [...content.matchAll(/\/ActualText (\((?:\\[^]|[^\\)])*\))\s*>> BDC[^]*?1 0 0 1 ([\d.-]+) ([\d.-]+) Tm/g)].map(
      ([, literal, x, y]) => ({ text: fromPdfString(literal!), x: Number(x), y: Number(y), page: index + 1 }),
    ),
  );
}

/** The dictionary of object `n` (up to its stream or its end). */
function objectAt(text: string, n: number): string {
  const start = text.indexOf(`\n${n} 0 obj\n`);
  const end = text.indexOf('\nendobj', start);
  const body = text.slice(start, end);
  const stream = body.indexOf('\nstream\n');
  return stream === -1 ? body : body.slice(0, stream);
}

function streamOf(file: Buffer, text: string, n: number): Buffer {
  const start = text.indexOf('stream\n', text.indexOf(`\n${n} 0 obj\n`)) + 'stream\n'.length;
  return inflateSync(file.subarray(start, text.indexOf('\nendstream', start)));
}

const reference = (dictionary: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary)![1]);

/** A font's name without its subset tag: `NotoSansEthiopic-Bold` for `/BaseFont /CZZZZZ+NotoSansEthiopic-Bold`. */
const baseFont = (dictionary: string) => /\/BaseFont \/(?:[A-Z]{6}\+)?(\S+)/.exec(dictionary)![1]!;

/** A ToUnicode CMap as pdfkit writes it (`bfrange`s of arrays): glyph id → text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, first, values] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    [...values!.matchAll(/<([0-9a-f]*)>/gi)].forEach(([, hex], i) => {
      map.set(parseInt(first!, 16) + i, Buffer.from(hex!, 'hex').swap16().toString('utf16le'));
    });
  }
  return map;
}

export interface DrawnText {
  /** The font's name without the subset tag, e.g. `NotoSans-Bold`. */
  font: string;
  /** What the glyphs stand for (the font's ToUnicode); shaped Arabic in glyph order. */
  text: string;
  glyphs: number[];
  page: number;
}

/** Each piece of text the pages draw (one `TJ` each, as pdfkit writes them) with the font it is drawn in. */
export function drawnTexts(bytes: Uint8Array): DrawnText[] {
  const file = Buffer.from(bytes);
  const text = file.toString('latin1');
  const kids = /\/Type \/Pages\n\/Count \d+\n\/Kids \[([^\]]*)\]/.exec(text)![1]!;
  return [...kids.matchAll(/(\d+) 0 R/g)].flatMap(([, pageNumber], index) => {
    const page = objectAt(text, Number(pageNumber));
    const resources = objectAt(text, reference(page, 'Resources'));
    const fonts = new Map(
      [.../\/Font <<([^>]*)>>/.exec(resources)![1]!.matchAll(/\/(\S+) (\d+) 0 R/g)].map(([, name, n]) => {
        const dictionary = objectAt(text, Number(n));
        const cmap = toUnicode(streamOf(file, text, reference(dictionary, 'ToUnicode')).toString('latin1'));
        return [name!, { font: baseFont(dictionary), cmap }] as const;
      }),
    );
    const content = streamOf(file, text, reference(page, 'Contents')).toString('latin1');
    const drawn: DrawnText[] = [];
    let current: { font: string; cmap: Map<number, string> } | undefined;
    for (const [, font, array] of content.matchAll(/\/(\S+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (font) current = fonts.get(font);
      if (array === undefined || !current) continue;
      const glyphs = [...array.matchAll(/<([0-9a-f]*)>/gi)].flatMap(([, hex]) =>
        (hex!.match(/.{4}/g) ?? []).map((id) => parseInt(id, 16)),
      );
      drawn.push({
        font: current.font,
        text: glyphs.map((glyph) => current!.cmap.get(glyph) ?? '').join(''),
        glyphs,
        page: index + 1,
      });
    }
    return drawn;
  });
}

/** The embedded font file (a subset, glyph ids as in drawnTexts) of the font named so, as pdfkit embeds it. */
export function embeddedFontFile(bytes: Uint8Array, font: string): Buffer {
  const file = Buffer.from(bytes);
  const text = file.toString('latin1');
  for (const [, n] of text.matchAll(/\n(\d+) 0 obj\n<<\n\/Type \/FontDescriptor\n/g)) {
    const descriptor = objectAt(text, Number(n));
    if (/\/FontName \/(?:[A-Z]{6}\+)?(\S+)/.exec(descriptor)![1] === font) {
      return streamOf(file, text, reference(descriptor, 'FontFile2'));
    }
  }
  throw new Error(`no font ${font} embedded`);
}
