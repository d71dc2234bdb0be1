import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { BoardStatic } from '~/boards/components/BoardStatic';
import { viewOfState } from '~/boards/view.server';
import { getBoard, getSnapshot } from '~/boards/queries.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { formatDateTime } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.snapshot.name, data.board.title) : 'Expertpool' },
];

/** A named snapshot, read-only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const snapshotId = requireId(params.snapshotId);
  const locale = await detectLocale(request);
  const { board, snapshot } = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    const snapshot = board ? await getSnapshot(tx, boardId, snapshotId) : undefined;
    if (!board || !snapshot) throw notFound();
    return { board, snapshot };
  });
  const view = viewOfState(new Uint8Array(snapshot.state), locale);
  return json({
    board: { id: board.id, title: board.title },
    snapshot: { name: snapshot.name, createdAt: snapshot.created_at },
    view,
  });
}

export default function SnapshotPage() {
  const { t, i18n } = useTranslation();
  const { board, snapshot, view } = useLoaderData<typeof loader>();
  const date = formatDateTime(snapshot.createdAt, i18n.language);
  return (
    <article aria-labelledby="snapshot-title">
      <p>
        <Link to={`/boards/${board.id}`}>{t('boards.backToBoard')}</Link>
      </p>
      <h1 id="snapshot-title">{t('boards.snapshotTitle', { name: snapshot.name })}</h1>
      <p className="notice">{t('boards.snapshotReadOnly', { board: board.title, date })}</p>
      <BoardStatic view={view} />
    </article>
  );
}
