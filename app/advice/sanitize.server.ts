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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const UNESCAPES = Object.fromEntries(Object.entries(ESCAPES).map(([char, entity]) => [entity, char]));

/**
 * Rich text without its markup, for CSV, feeds and a textarea to edit. Entities are decoded in one
 * pass: decoding `&amp;` first would turn a typed "&lt;img …&gt;" into a real tag.
 */
export function plainText(html: string): string {
  const spaced = html.replace(/<\/(p|li|blockquote)>|<br\s*\/?>/gi, '\n');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => UNESCAPES[entity]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text as HTML element content that shows exactly that text (not for attribute values). */
export function htmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char]!);
}
