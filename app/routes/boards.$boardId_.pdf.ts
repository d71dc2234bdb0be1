import type { LoaderFunctionArgs } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { boardLabels } from '~/boards/export';
import { readBoardExport } from '~/boards/export.server';
import { boardPdf } from '~/boards/pdf.server';
import { withUser } from '~/db/db.server';
import { attachmentHeader, notFound } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { i18nFor } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';

/**
 * The board as a PDF to file: sections, cards with authors, the revealed vote ranking, insights and
 * golden tips, in the board's language or else the reader's (section titles, labels, direction), made on
 * the server.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const readerLocale = await detectLocale(request);
  const found = await withUser(user, (tx) => readBoardExport(tx, boardId, readerLocale));
  if (!found) throw notFound();
  const { board, view, locale } = found;
  const { t } = i18nFor(locale);
  const pdf = boardPdf(
    { title: board.title, poolName: board.pool_name, date: formatDate(board.created_at, locale, 'long') },
    view,
    locale,
    {
      ...boardLabels(t),
      madeOn: (date) => t('boards.pdf.madeOn', { date }),
      ranking: t('boards.pdf.ranking'),
      noRevealedVotes: t('boards.pdf.noRevealedVotes'),
      noVotes: t('boards.rankingEmpty'),
      insights: t('boards.pdf.insights'),
      goldenTips: t('boards.pdf.goldenTips'),
      noneMarked: t('boards.pdf.noneMarked'),
      page: (page, total) => t('boards.pdf.page', { page, total }),
    },
  );
  return new Response(createReadableStreamFromReadable(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachmentHeader(board.title, 'pdf', 'board'),
      'Cache-Control': 'no-store',
    },
  });
}
