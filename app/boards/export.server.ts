import type { Tx } from '~/db/db.server';
import type { Locale } from '~/i18n/locales';
import type { BoardView } from './export';
import { getBoard, loadBoardState, type Board } from './queries.server';
import { viewOfState } from './view.server';
import { latestRevealedTotals } from './votes.server';

/**
 * What every export of a board reads (print page, Markdown, PDF): the board as the person may see it,
 * its document and the latest revealed votes, and the language to write it in: the board's own when it
 * has one (a council files the same document whoever downloads it), else the reader's. Null when the
 * board does not exist for this person.
 */
export async function readBoardExport(
  tx: Tx,
  boardId: string,
  readerLocale: Locale,
): Promise<{ board: Board; view: BoardView; locale: Locale } | null> {
  const board = await getBoard(tx, boardId);
  if (!board) return null;
  const locale = board.language ?? readerLocale;
  const state = await loadBoardState(tx, boardId);
  const totals = await latestRevealedTotals(tx, boardId);
  return { board, view: viewOfState(state, locale, totals), locale };
}
