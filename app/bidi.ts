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
