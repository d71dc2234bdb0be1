import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { BoardStatic } from '~/boards/components/BoardStatic';
import { readBoardExport } from '~/boards/export.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.board.title) : 'Expertpool' },
];

/** The board as a printable page: the browser's print dialog also saves it as PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const locale = await detectLocale(request);
  const found = await withUser(user, (tx) => readBoardExport(tx, boardId, locale));
  if (!found) throw notFound();
  const { board, view } = found;
  return json({ board: { id: board.id, title: board.title, poolName: board.pool_name }, view });
}

export default function PrintPage() {
  const { t } = useTranslation();
  const { board, view } = useLoaderData<typeof loader>();
  return (
    <article className="print-page" aria-labelledby="print-title">
      <p className="no-print">
        <Link to={`/boards/${board.id}`}>{t('boards.backToBoard')}</Link>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('boards.printNow')}
        </button>
      </p>
      <h1 dir="auto" id="print-title">
        {board.title}
      </h1>
      <p dir="auto" className="meta">
        {board.poolName}
      </p>
      <BoardStatic view={view} />
    </article>
  );
}
