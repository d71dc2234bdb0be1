import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { issueBoardTokenAs } from '~/boards/token.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { requireId } from '~/input/params.server';

/** A fresh collab token, for a board page that reconnects after its token expired. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const token = await withUser(user, (tx) => issueBoardTokenAs(tx, user, boardId));
  if (!token) throw notFound();
  return json(token, { headers: { 'Cache-Control': 'no-store' } });
}
