import { withoutBidiControls } from '~/bidi';

/**
 * C0 controls other than tab and newline, and DEL. Postgres cannot store NUL at all, and none of them
 * is text a person meant: they break mail headers, CSV rows and terminal logs.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/**
 * What every typed text goes through first: one kind of newline (text pasted from a word processor
 * brings its soft line breaks as vertical tab or form feed), no bidi controls, no outer spaces.
 */
export function cleanText(value: string): string {
  return withoutBidiControls(value.replace(/\r\n?|[\v\f]/g, '\n')).trim();
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A typed value as it is shown back in a refused form: the controls that were the problem left out. */
export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '');
}

/**
 * Text the server takes from somewhere it cannot answer with a message (a card of a live board, which
 * any client of the board could have written): what typed text would be refused for is dropped.
 */
export function textFromElsewhere(value: string): string {
  return withoutControlCharacters(cleanText(value));
}

/**
 * Search words from a query string: never refused (a hand-edited link still shows a page), so
 * controls become spaces and anything past `max` is cut.
 */
export function searchWords(value: string, max: number): string {
  return cleanText(value.replace(CONTROL_CHARACTERS, ' ')).slice(0, max);
}

/**
 * The name an upload came with, safe to store and to show: no path, no controls, no bidi tricks
 * (`\u202Etxt.exe`), at most 255 characters.
 */
export function uploadedFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  // No line of a file name is meant to break: newlines and tabs go with the other controls.
  const clean = cleanText(base.replace(/[\u0000-\u001F\u007F]/g, '')).slice(0, 255);
  return clean || fallback;
}
