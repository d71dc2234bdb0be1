import { inflateSync } from 'node:zlib';

// What pdf.js cannot read back from a board's PDF (its language, the typed text of shaped Arabic words).

/** The file's bytes with every compressed stream inflated, to find what pdf.js does not report. */
export function rawContent(bytes: Uint8Array): string {
  const file = Buffer.from(bytes);
  const parts = [file.toString('latin1')];
  let at = 0;
  while ((at = file.indexOf('stream\n', at)) !== -1) {
    const start = at + 'stream\n'.length;
    const end = file.indexOf('\nendstream', start);
    try {
      parts.push(inflateSync(file.subarray(start, end)).toString('latin1'));
    } catch {
      // Not every stream is deflated (nor every match a stream).
    }
    at = end;
  }
  return parts.join('\n');
}

/** Text as pdfkit writes a PDF string: UTF-16BE after a byte order mark, in parentheses, escaped. */
export function pdfString(text: string): string {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('latin1');
  const escapes: Record<string, string> = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\b': '\\b',
    '\f': '\\f',
    '\\': '\\\\',
    '(': '\\(',
    ')': '\\)',
  };
  return `(${bytes.replace(/[\n\r\t\b\f\\()]/g, (c) => escapes[c]!)})`;
}
