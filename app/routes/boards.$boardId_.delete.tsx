import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { boardDeletionSummary, deleteBoard, getBoard } from '~/boards/queries.server';
import { deleteBoardSchema } from '~/boards/schema.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.board.title) : 'Expertpool' },
];

/** The confirmation step before a board is deleted: what goes with it, and what stays. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  return withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    if (board.access !== 'facilitate') throw forbidden();
    const summary = await boardDeletionSummary(tx, boardId);
    return json({ board: { id: board.id, title: board.title, poolId: board.pool_id }, summary });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const form = await readForm(request);
  const result = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    // RLS refuses the delete for anyone else; this check gives the clear answer first.
    if (board.access !== 'facilitate') throw forbidden();
    const parsed = parseForm(deleteBoardSchema(board.title), form);
    if (!parsed.ok) return { errors: parsed.errors, values: parsed.values };
    if (!(await deleteBoard(tx, boardId))) throw forbidden();
    return { poolId: board.pool_id };
  });
  if ('errors' in result) return json({ errors: result.errors, values: result.values }, { status: 400 });
  // The collab-server in this process stops serving the board at once; new tokens are refused
  // already, because the board no longer exists for anyone.
  context.collab?.closeBoard(boardId);
  return redirect(`/pools/${result.poolId}/boards`, { headers: await flash(request, 'boards.boardDeleted') });
}

export default function DeleteBoardPage() {
  const { t } = useTranslation();
  const { board, summary } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <article aria-labelledby="delete-title">
      <p>
        <Link to={`/boards/${board.id}`}>{t('boards.backToBoard')}</Link>
      </p>
      <h1 id="delete-title">{t('boards.deleteBoardTitle', { title: board.title })}</h1>
      <p>{t('boards.deleteBoardGone', { count: summary.snapshots })}</p>
      <p>{t('boards.deleteBoardKept', { advices: summary.advices, signals: summary.signals })}</p>
      <Form method="post" noValidate>
        <Field
          name="confirmTitle"
          label={t('boards.deleteBoardConfirmLabel', { title: board.title })}
          defaultValue={data?.values?.confirmTitle}
          error={data?.errors?.confirmTitle}
          required
          autoComplete="off"
        />
        <button type="submit" className="danger">
          {t('boards.deleteBoardSubmit')}
        </button>{' '}
        <Link to={`/boards/${board.id}`}>{t('boards.cancel')}</Link>
      </Form>
    </article>
  );
}
