/**
 * Comments on a board's cards and sections, as the page and the server agree on them (browser-safe;
 * the reads and writes are in comments.server.ts, the rules in migration 20261209200000).
 */

/** The longest comment one may write (the database's check says the same). */
export const COMMENT_MAX = 2000;
/** The most people one comment may mention. */
export const MENTIONS_MAX = 20;

export interface CommentTarget {
  kind: 'card' | 'section';
  /** The card's or section's id in the board's document. */
  id: string;
}

export interface BoardComment {
  id: string;
  target: CommentTarget;
  /** The thread's first comment, for a reply; null for a thread's first comment. */
  parentId: string | null;
  authorId: string | null;
  /** null when the reader may not see the author's name (a municipality reader) or they left. */
  authorName: string | null;
  body: string;
  mentions: { id: string; name: string | null }[];
  resolvedAt: string | null;
  editedAt: string | null;
  createdAt: string;
}

export interface MentionablePerson {
  id: string;
  name: string;
  role: string;
}

export interface CommentThread {
  first: BoardComment;
  replies: BoardComment[];
}

const sameTarget = (a: CommentTarget, b: CommentTarget) => a.kind === b.kind && a.id === b.id;

/** The threads on one card or section, oldest first, each with its replies. */
export function threadsOn(comments: BoardComment[], target: CommentTarget): CommentThread[] {
  const on = comments.filter((comment) => sameTarget(comment.target, target));
  return on
    .filter((comment) => comment.parentId === null)
    .map((first) => ({ first, replies: on.filter((comment) => comment.parentId === first.id) }));
}

/** How many comments the open (unresolved) threads on a card or section hold: what the badge says. */
export function openCommentCount(comments: BoardComment[], target: CommentTarget): number {
  return threadsOn(comments, target)
    .filter((thread) => thread.first.resolvedAt === null)
    .reduce((sum, thread) => sum + 1 + thread.replies.length, 0);
}

/** What the comments route answers with: the board's comments and, to those who may write, who to mention. */
export interface CommentsResponse {
  comments: BoardComment[];
  people: MentionablePerson[];
  /** The action's outcome: an i18n key and the field it is about when it was refused. */
  done?: { error?: string; field?: string };
}
