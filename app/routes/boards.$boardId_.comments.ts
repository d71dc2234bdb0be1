import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import type { CommentsResponse } from '~/boards/comments';
import {
  addComment,
  deleteComment,
  editComment,
  getComment,
  hasRepliesOfOthers,
  listBoardComments,
  listMentionable,
  setThreadResolved,
  targetExists,
} from '~/boards/comments.server';
import { getBoard, type Board } from '~/boards/queries.server';
import { commentIdSchema, editCommentSchema, newCommentSchema } from '~/boards/schema.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { parseValues } from '~/ui/forms';

/** The board's comments and whom the reader may mention (fetched when the board opens and on a ping). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const answer = await withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    return stateFor(tx, board, user.id);
  });
  return json(answer, { headers: { 'Cache-Control': 'no-store' } });
}

async function stateFor(tx: Tx, board: Board, userId: string): Promise<CommentsResponse> {
  const [comments, people] = await Promise.all([
    listBoardComments(tx, board.id, board.pool_id),
    board.access === 'read' ? Promise.resolve([]) : listMentionable(tx, board.pool_id, userId),
  ]);
  return { comments, people };
}

/** The form's text fields, with the mention picker's checked boxes as one list. */
function formValues(form: FormData) {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form) if (typeof value === 'string' && key !== 'mention') values[key] = value;
  values.mentions = form.getAll('mention').filter((value) => typeof value === 'string');
  return values;
}

/** add (a thread or a reply), edit (one's own), delete (one's own, facilitators any), resolve and reopen (facilitators). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const form = await readForm(request);
  const intent = form.get('intent');
  // The card may have been posted a moment ago: in the embedded mode the collab-server shares this
  // process (and PGlite's one connection), so its pending writes go first.
  if (intent === 'add') await context.collab?.flush();
  return withUser(user, async (tx) => {
    const board = await getBoard(tx, boardId);
    if (!board) throw notFound();
    if (board.access === 'read') throw forbidden();
    const answer = async (status: number, error?: string, field?: string) =>
      json<CommentsResponse>(
        { ...(await stateFor(tx, board, user.id)), done: error ? { error, field } : {} },
        { status },
      );
    const mentionable = async (ids: string[]) => {
      if (ids.length === 0) return true;
      const people = new Set((await listMentionable(tx, board.pool_id, user.id)).map((p) => p.id));
      return ids.every((id) => people.has(id));
    };

    if (intent === 'add') {
      const parsed = parseValues(newCommentSchema, formValues(form));
      if (!parsed.ok) return firstError(answer, parsed.errors);
      const { targetKind, targetId, parentId, body, mentions } = parsed.data;
      const target = { kind: targetKind, id: targetId };
      if (parentId) {
        const thread = await getComment(tx, boardId, parentId);
        if (!thread || thread.parent_id !== null || thread.target_kind !== targetKind || thread.target_id !== targetId)
          return answer(400, 'boards.comments.errors.invalidThread');
        if (thread.thread_resolved) return answer(409, 'boards.comments.errors.resolved');
      }
      if (!(await targetExists(tx, boardId, target))) return answer(400, 'boards.comments.errors.targetGone');
      if (!(await mentionable(mentions))) return answer(400, 'boards.comments.errors.notInPool', 'mentions');
      await addComment(tx, { boardId, target, parentId, body, mentions, userId: user.id });
      return answer(200);
    }

    if (intent === 'edit') {
      const parsed = parseValues(editCommentSchema, formValues(form));
      if (!parsed.ok) return firstError(answer, parsed.errors);
      const comment = await getComment(tx, boardId, parsed.data.commentId);
      if (!comment) return answer(404, 'boards.comments.errors.gone');
      if (comment.author_id !== user.id) throw forbidden();
      if (comment.thread_resolved) return answer(409, 'boards.comments.errors.resolved');
      if (!(await mentionable(parsed.data.mentions)))
        return answer(400, 'boards.comments.errors.notInPool', 'mentions');
      await editComment(tx, comment.id, parsed.data.body, parsed.data.mentions);
      return answer(200);
    }

    const parsed = parseValues(commentIdSchema, formValues(form));
    if (!parsed.ok) return firstError(answer, parsed.errors);
    const comment = await getComment(tx, boardId, parsed.data.commentId);
    if (!comment) return answer(404, 'boards.comments.errors.gone');
    const facilitates = board.access === 'facilitate';

    if (intent === 'delete') {
      if (!facilitates && comment.author_id !== user.id) throw forbidden();
      // A thread's first comment takes its replies with it: others' words go only by a facilitator's hand.
      if (!facilitates && comment.parent_id === null && (await hasRepliesOfOthers(tx, comment.id, user.id)))
        return answer(409, 'boards.comments.errors.hasReplies');
      await deleteComment(tx, comment.id);
      return answer(200);
    }

    if (intent === 'resolve' || intent === 'reopen') {
      if (!facilitates) throw forbidden();
      if (comment.parent_id !== null) return answer(400, 'boards.comments.errors.invalidThread');
      await setThreadResolved(tx, comment.id, intent === 'resolve');
      return answer(200);
    }
    throw new Response('Bad Request', { status: 400 });
  });
}

function firstError(
  answer: (status: number, error?: string, field?: string) => Promise<Response>,
  errors: Partial<Record<string, string>>,
) {
  const [field, error] = Object.entries(errors)[0] ?? ['form', 'errors.invalid'];
  return answer(400, error, field);
}

/** The board stays on the screen when the connection is gone: see ~/offline-requests. */
export { readUnlessOffline as clientLoader, sendUnlessOffline as clientAction } from '~/offline-requests';
