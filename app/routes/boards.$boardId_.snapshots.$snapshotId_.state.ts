import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { getSnapshot } from '~/boards/queries.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { requireId } from '~/input/params.server';

/** A snapshot's Yjs state as bytes, for the board page that restores it into the live document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const boardId = requireId(params.boardId);
  const snapshotId = requireId(params.snapshotId);
  const snapshot = await withUser(user, (tx) => getSnapshot(tx, boardId, snapshotId));
  if (!snapshot) throw notFound();
  return new Response(new Uint8Array(snapshot.state), {
    headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' },
  });
}
