import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { boardLabels, boardToMarkdown } from '~/boards/export';
import { readBoardExport } from '~/boards/export.server';
import { withUser } from '~/db/db.server';
import { attachmentHeader, notFound } from '~/http.server';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';

/**
 * The board as a Markdown file: sections, their text, cards with authors, marks and revealed votes, in the
 * board's language or else the reader's.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const readerLocale = await detectLocale(request);
  const found = await withUser(user, (tx) => readBoardExport(tx, boardId, readerLocale));
  if (!found) throw notFound();
  const { board, view, locale } = found;
  const { t } = i18nFor(locale);
  const markdown = boardToMarkdown(board.title, view, boardLabels(t));
  return new Response(markdown, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': attachmentHeader(board.title, 'md', 'board'),
      'Cache-Control': 'no-store',
    },
  });
}
