/**
 * Turns whatever was posted into plain text: script and style blocks go with their content, every
 * other tag goes, and a "<" that could still open a tag loses its bracket. Nothing typed as HTML
 * survives; ordinary text (including "a < b") stays readable.
 */
export function toPlainText(input: string): string {
  return (
    input
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<[^>]*>/g, '')
      .replace(/<(?=[A-Za-z/!?])/g, '')
      // Control characters (not tab/newline) have no place in a question and can break mail or CSV.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  );
}
