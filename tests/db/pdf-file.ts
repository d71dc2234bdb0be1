import { inflateSync } from 'node:zlib';

// What pdf.js cannot read back from a board's PDF (its language, the typed text of shaped Arabic words
// and where they stand).

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
