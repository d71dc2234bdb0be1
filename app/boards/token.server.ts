import { sessionSecret } from '~/config.server';
import type { Tx } from '~/db/db.server';
import { boardIdentity, type BoardIdentity } from './presence';
import type { BoardPermission } from './protocol';
import { anonymousAuthor, deriveTokenKey, issueBoardToken } from './protocol.server';
import { getBoard, type Board } from './queries.server';

let key: Buffer | null = null;

/** The database decides (`can_facilitate_board`, `can_edit_board`); the collab-server holds the connection to it. */
export function permissionFor(board: Pick<Board, 'access'>): BoardPermission {
  return board.access;
}

/**
 * A short-lived token for the collab-server: this user, this board, facilitate, edit or read, and the
 * name and colour the server lets them show in presence (and on the cards they post). The board is read under RLS first, so only someone
 * who may see the board gets one; null otherwise.
 */
export async function issueBoardTokenAs(
  tx: Tx,
  user: { id: string; name: string; sessionId?: string },
  boardId: string,
  signingKey?: Buffer,
) {
  const board = await getBoard(tx, boardId);
  if (!board) return null;
  return tokenFor(boardIdentity(user), user.sessionId, board, signingKey);
}

/** `session`: the sign-in session asking (local auth); the token and its connections end with it. */
const tokenKey = () => (key ??= deriveTokenKey(sessionSecret()));

/** The key `userId`'s anonymous cards on `boardId` carry (for cards the app itself writes: demo data). */
export const anonymousAuthorOn = (boardId: string, userId: string) => anonymousAuthor(tokenKey(), boardId, userId);

export function tokenFor(
  me: BoardIdentity,
  session: string | undefined,
  board: Pick<Board, 'id' | 'access'>,
  signingKey?: Buffer,
) {
  const permission = permissionFor(board);
  const signWith = signingKey ?? tokenKey();
  return {
    anonymousAs: anonymousAuthor(signWith, board.id, me.id),
    ...issueBoardToken(signWith, {
      userId: me.id,
      boardId: board.id,
      permission,
      name: me.name,
      colour: me.colour,
      session,
    }),
    permission,
  };
}
