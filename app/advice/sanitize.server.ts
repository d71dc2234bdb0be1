import sanitizeHtml from 'sanitize-html';

// What an advice's rich text may contain: paragraphs, emphasis, lists, quotes and plain links.
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'blockquote', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/**
 * Rich text as it may be stored and shown: anything outside the allow-list (scripts, iframes, event
 * handlers, javascript: links, styles) is removed. Runs before storing and again before rendering,
 * so text that reached the database another way (a board's draft) is safe too.
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).trim();
}

/** Plain text typed in a textarea becomes paragraphs; text that already has markup is sanitised as is. */
export function richTextFromInput(input: string): string {
  const text = input.replace(/\r\n?/g, '\n').trim();
  if (/<[a-z][\s\S]*>/i.test(text)) return sanitizeRichText(text);
  const escaped = sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} });
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Rich text without its markup, for CSV, feeds and a textarea to edit. */
export function plainText(html: string): string {
  const spaced = html.replace(/<\/(p|li|blockquote)>|<br\s*\/?>/gi, '\n');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
