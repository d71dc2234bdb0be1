// Blanks and invisible format characters (zero-width space, direction marks, byte order mark) that a
// spreadsheet may pass over before it decides whether a cell is a formula.
const LEADING_BLANKS = /^[\s\p{Cf}]*/u;
const FORMULA_STARTS = new Set(['=', '+', '-', '@']);
// OWASP and ASVS list tab, CR (and NUL) as starts of their own; a cell may also open with a line break.
const CONTROL_START = /^[\t\r\n\0]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Whether a spreadsheet could read a CSV cell as a formula (OWASP "CSV injection"): it starts with
 * = + - @, also after blanks or line breaks, or with a tab or CR. Full-width and other compatibility
 * forms (＝ ＋ － ＠, ﹦ …) count as their ASCII character, since Apple Numbers normalises them (NFKC).
 * A plain number such as -3 is a legitimate figure and cannot run anything, so it is left alone.
 */
export function couldBeFormula(text: string): boolean {
  if (PLAIN_NUMBER.test(text)) return false;
  if (CONTROL_START.test(text)) return true;
  const first = String.fromCodePoint(text.replace(LEADING_BLANKS, '').codePointAt(0) ?? 0x20);
  return FORMULA_STARTS.has(first.normalize('NFKC').charAt(0));
}

/** The cell as a spreadsheet keeps it as text: with an apostrophe in front when it could be a formula. */
export function guardFormula(text: string): string {
  return couldBeFormula(text) ? `'${text}` : text;
}

/** A cell of one of our own exports read back (the monitoring import): the guard's apostrophe comes off. */
export function withoutFormulaGuard(text: string): string {
  return text.startsWith("'") && couldBeFormula(text.slice(1)) ? text.slice(1) : text;
}
