import { sql } from 'kysely';
import type { Tx } from '~/db/db.server';
import { cardsOf, docFromUpdates, readSections } from './doc';
import type { CommentTarget, BoardComment, MentionablePerson } from './comments';
import { loadBoardState } from './queries.server';

/**
 * Comments on a board's cards and sections (issue 22, migration 20261209200000_board_comments): rows in
 * the database, keyed by the board and the card's or section's id in the document. RLS decides who reads
 * and writes; the checks here are the ones that deserve a message of their own (a card that is gone, a
 * resolved thread, someone who is not in the pool), the database repeats them.
 */

/** Every comment of the board the reader may read, oldest first, with names the reader may see. */
export async function listBoardComments(tx: Tx, boardId: string, poolId: string): Promise<BoardComment[]> {
  const rows = await tx
    .selectFrom('board_comments as c')
    // pool_peers holds names only for the pool's own people: a municipality reader sees no names.
    .leftJoin('pool_peers as p', (join) => join.onRef('p.user_id', '=', 'c.author_id').on('p.pool_id', '=', poolId))
    .select([
      'c.id',
      'c.target_kind',
      'c.target_id',
      'c.parent_id',
      'c.author_id',
      'p.display_name as author_name',
      'c.body',
      'c.mentions',
      'c.resolved_at',
      'c.edited_at',
      'c.created_at',
    ])
    .where('c.board_id', '=', boardId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(COMMENTS_SHOWN)
    .execute();
  const mentioned = [...new Set(rows.flatMap((row) => row.mentions))];
  const names = mentioned.length
    ? new Map(
        (
          await tx
            .selectFrom('pool_peers')
            .select(['user_id', 'display_name'])
            .where('pool_id', '=', poolId)
            .where('user_id', 'in', mentioned)
            .execute()
        ).map((row) => [row.user_id, row.display_name]),
      )
    : new Map<string | null, string | null>();
  return rows.map((row) => ({
    id: row.id,
    target: { kind: row.target_kind as CommentTarget['kind'], id: row.target_id },
    parentId: row.parent_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    mentions: row.mentions.map((id) => ({ id, name: names.get(id) ?? null })),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** A board has at most this many comments on its page (the oldest first): a page, not an archive. */
const COMMENTS_SHOWN = 2000;

/** The people of the board's pool one may mention (never oneself), by name. */
export async function listMentionable(tx: Tx, poolId: string, userId: string): Promise<MentionablePerson[]> {
  const rows = await tx
    .selectFrom('pool_peers')
    .select(['user_id', 'display_name', 'role'])
    .where('pool_id', '=', poolId)
    .where('user_id', '<>', userId)
    .orderBy('display_name')
    .execute();
  return rows.flatMap((row) =>
    row.user_id && row.display_name ? [{ id: row.user_id, name: row.display_name, role: row.role ?? 'member' }] : [],
  );
}

/** Whether the card or section is in the board's stored document (not deleted, not another board's). */
export async function targetExists(tx: Tx, boardId: string, target: CommentTarget): Promise<boolean> {
  const state = await loadBoardState(tx, boardId);
  if (!state) return false;
  const doc = docFromUpdates([state]);
  try {
    return target.kind === 'card'
      ? cardsOf(doc).has(target.id)
      : readSections(doc).some((section) => section.id === target.id);
  } finally {
    doc.destroy();
  }
}

/** A comment of this board as stored, for the checks before a change. */
export async function getComment(tx: Tx, boardId: string, commentId: string) {
  const comment = await tx
    .selectFrom('board_comments as c')
    .leftJoin('board_comments as t', 't.id', 'c.parent_id')
    .select([
      'c.id',
      'c.target_kind',
      'c.target_id',
      'c.parent_id',
      'c.author_id',
      sql<boolean>`coalesce(t.resolved_at, c.resolved_at) is not null`.as('thread_resolved'),
    ])
    .where('c.id', '=', commentId)
    .where('c.board_id', '=', boardId)
    .executeTakeFirst();
  return comment ?? null;
}

export async function addComment(
  tx: Tx,
  input: {
    boardId: string;
    target: CommentTarget;
    parentId: string | null;
    body: string;
    mentions: string[];
    userId: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('board_comments')
    .values({
      board_id: input.boardId,
      target_kind: input.target.kind,
      target_id: input.target.id,
      parent_id: input.parentId,
      author_id: input.userId,
      body: input.body,
      mentions: input.mentions,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The author's new words (the database refuses anyone else's); false when nothing was changed. */
export async function editComment(tx: Tx, commentId: string, body: string, mentions: string[]): Promise<boolean> {
  const result = await tx
    .updateTable('board_comments')
    .set({ body, mentions })
    .where('id', '=', commentId)
    .where('author_id', '=', sql<string>`auth.uid()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Resolves or reopens a thread (facilitators; RLS); false when nothing was changed. */
export async function setThreadResolved(tx: Tx, threadId: string, resolved: boolean): Promise<boolean> {
  const result = await tx
    .updateTable('board_comments')
    .set({ resolved_at: resolved ? new Date() : null })
    .where('id', '=', threadId)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes a comment (its author, or a facilitator; RLS) and, for a thread's first, its replies. */
export async function deleteComment(tx: Tx, commentId: string): Promise<boolean> {
  const result = await tx.deleteFrom('board_comments').where('id', '=', commentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether anyone else replied in the thread (its first comment would take their words with it). */
export async function hasRepliesOfOthers(tx: Tx, threadId: string, userId: string): Promise<boolean> {
  const reply = await tx
    .selectFrom('board_comments')
    .select('id')
    .where('parent_id', '=', threadId)
    .where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', '<>', userId)]))
    .executeTakeFirst();
  return reply !== undefined;
}
