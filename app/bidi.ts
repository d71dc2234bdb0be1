/**
 * Unicode's explicit direction controls: embeddings and overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069). Stored text that carries them is shown in another order than it is written (an
 * override turns "gnp.exe" into "exe.png"), and an unclosed one reorders whatever follows it on the
 * line: the app's own words after a title in a mail subject, a calendar entry or a page title. Forms
 * strip them on input; outputs drop them too, because text stored earlier, or written into a board
 * over the collab-server, never passed a form. The marks LRM, RLM and ALM stay: they only place
 * neutral characters, and Arabic text uses them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A value people wrote (a title, a name, a pool) inside a sentence of plain text, such as a mail: set
 * apart in its own direction (first strong isolate … pop directional isolate), so an Arabic title keeps
 * its order in a Dutch sentence and a Dutch title's full stop stays at its end in an Arabic one. Plain
 * text has no <bdi>; these two characters are its equivalent, and mail programs and browsers honour
 * them. The value's own controls go first: it cannot close the isolate early or leave one open.
 */
export const isolated = (text: string): string => (text ? FSI + withoutBidiControls(text) + PDI : '');

/** A code, number or file name inside a sentence: isolated and always left to right ("(ics.)" stays ".ics"). */
export const isolatedLtr = (text: string): string => (text ? LRI + withoutBidiControls(text) + PDI : '');

const OPENERS = new Set([LRI, '\u2067', FSI]);

/**
 * Text with direction controls as a mail may carry them: the isolates it was composed with stay, every
 * embedding and override goes, and so does an isolate without its partner on the same line (a paragraph
 * ends an isolate, and an open one would take the rest of its line with it). Isolates come only from
 * `isolated`; this holds the line even if a value reached a mail without it.
 */
export function withPairedIsolatesOnly(text: string): string {
  return text.split('\n').map(pairIsolatesInLine).join('\n');
}

function pairIsolatesInLine(line: string): string {
  const kept = [...line];
  const open: number[] = [];
  kept.forEach((char, at) => {
    if (OPENERS.has(char)) open.push(at);
    else if (char === PDI) {
      if (open.length > 0) open.pop();
      else kept[at] = '';
    } else if (/[\u202A-\u202E]/.test(char)) kept[at] = '';
  });
  for (const at of open) kept[at] = '';
  return kept.join('');
}
