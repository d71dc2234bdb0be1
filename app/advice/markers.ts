// Markers around highlighted words in search snippets (invisible separators, never typed by people);
// the page turns them into <mark> without parsing any HTML.
export const MARK_START = '\u2063[';
export const MARK_END = ']\u2063';
