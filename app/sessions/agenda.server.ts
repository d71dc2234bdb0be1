import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// What an agenda may contain after rendering: text structure and links, nothing that runs or loads.
const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    // Headings inside a session page sit under its h1/h2.
    h1: 'h3',
    h2: 'h3',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

/**
 * The agenda is stored as the Markdown the coordinator typed; it is rendered and sanitised on the
 * server, so no script or tracking image from the text ever reaches a member's browser.
 */
export function renderAgenda(markdown: string): string {
  if (!markdown.trim()) return '';
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true, breaks: true }), ALLOWED);
}
