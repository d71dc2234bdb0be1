export interface Hostile {
  name: string;
  value: string;
  /** Free-text fields take any of these as ordinary text; only the others go into them. */
  textToo: boolean;
}

const LONE_SURROGATE = '\uD800';

/** What an attacker, a broken client or a confused spreadsheet sends instead of a value. */
export const HOSTILE: Hostile[] = [
  { name: 'NUL', value: 'a\u0000b', textToo: true },
  { name: 'CR LF', value: 'a\r\nSet-Cookie: x=1', textToo: true },
  { name: 'odd unicode', value: `\u202Eevil\u202C \u2066x ﷽ 👩🏽‍⚕️ Z̸͉̚ \uFEFF ${LONE_SURROGATE}`, textToo: true },
  { name: 'empty', value: '', textToo: true },
  { name: 'impossible date', value: '2026-99-99', textToo: false },
  { name: 'year zero month', value: '0000-01', textToo: false },
  { name: 'year zero date', value: '0000-01-01T00:00', textToo: false },
  { name: 'negative', value: '-1', textToo: false },
  { name: 'huge float', value: '1e308', textToo: false },
  { name: 'huge integer', value: '99999999999999999999', textToo: false },
  { name: 'not an id', value: "1' or '1'='1", textToo: false },
];

/** Long enough to matter, short enough for one request line (Node refuses request heads over 16 KB). */
export const LONG_IN_URL = { name: '8 KB', value: 'é'.repeat(1200), textToo: true };
export const ONE_MEGABYTE = { name: '1 MB', value: 'x'.repeat(1_000_000), textToo: true };

/**
 * Percent-encoding that can carry what URLSearchParams cannot: a lone surrogate goes out as its
 * three raw bytes (ED A0 80), which is not UTF-8, as a broken client would send it.
 */
export function encode(value: string): string {
  return value
    .split(/([\uD800-\uDFFF])/u)
    .map((part) =>
      /^[\uD800-\uDFFF]$/.test(part)
        ? [
            0xe0 | (part.charCodeAt(0) >> 12),
            0x80 | ((part.charCodeAt(0) >> 6) & 0x3f),
            0x80 | (part.charCodeAt(0) & 0x3f),
          ]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(part),
    )
    .join('');
}

export function encodeForm(entries: [string, string][]): string {
  return entries.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
}

const byName = (...names: string[]) => HOSTILE.filter((h) => names.includes(h.name));
const ALWAYS = byName('NUL', 'CR LF', 'odd unicode', 'empty');
const DATES = byName('impossible date', 'year zero month', 'year zero date');
const NUMBERS = byName('negative', 'huge float', 'huge integer');

/**
 * The hostile values worth sending to a field: free text gets what text can hold badly; a field that
 * holds a date or a number (by its type or its current value) also gets impossible ones; a field
 * whose kind cannot be told (an empty hidden value, a select) gets everything.
 */
export function valuesFor(field: { kind: string; type: string; value: string }): Hostile[] {
  if (field.kind === 'text') return ALWAYS;
  const dated = /^(date|month|datetime-local|time|week)$/.test(field.type) || /^\d{4}-\d{2}/.test(field.value);
  const numeric = field.type === 'number' || /^[-+]?\d+([.,]\d+)?$/.test(field.value);
  if (field.value === '' && !dated && !numeric) return HOSTILE;
  return [...ALWAYS, ...byName('not an id'), ...(dated ? DATES : []), ...(numeric ? NUMBERS : [])];
}

export interface UploadFile {
  field: string;
  fileName: string;
  type: string;
  content: Buffer;
}

/**
 * A multipart body as a browser writes it (HTML's rules: `"`, CR and LF in a name are
 * percent-encoded, everything else goes as UTF-8), built by hand so odd names go out unchanged.
 */
export function multipart(entries: [string, string][], files: UploadFile[]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const quote = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const parts: Buffer[] = [];
  for (const [name, value] of entries) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Names an upload arrives with from real people's computers, and from people testing the app. */
export const HOSTILE_FILE_NAMES = [
  'Overzicht Q1=2025.csv',
  'a;b"c\\d.csv',
  '\u202Evsc.exe',
  'regel\r\nbreuk.csv',
  'nul\u0000.csv',
  '../../etc/passwd',
  `${'lang'.repeat(120)}.csv`,
  '',
];
