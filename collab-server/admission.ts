import { CLOSE, type BoardPermission, type BoardTokenClaims, type CloseReason } from '~/boards/protocol';
import { verifyBoardToken } from '~/boards/protocol.server';
import type { Database } from '~/db/connection.server';
import { lessThan, permissionNow } from './access';
import type { Connection } from './connection';
import type { Limits } from './limits';
import type { Tally } from './tally';

const BOARD_PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export type Admitted =
  { ok: true; claims: BoardTokenClaims } | { ok: false; close: CloseReason; fields: Record<string, unknown> };

/**
 * Who may open a board and keep it open: a good token for `/collab/<boardId>`, within the per-board and
 * per-user connection limits, and, as the database says now (on connecting and again while connected),
 * no more than the token granted.
 */
export class Admission {
  private readonly perUser = new Map<string, number>();
  private readonly perBoard = new Map<string, number>();
  private rechecking: Promise<void> | null = null;

  constructor(
    private readonly options: {
      database: Database;
      tokenKey: Buffer;
      limits: Limits;
      /** Off only for tests whose tokens name no real person. */
      checkRightsNow: boolean;
      tally: Tally;
    },
  ) {}

  /** The claims of the token in `url` for the board it names, or why the connection is refused. */
  check(url: URL, shuttingDown: boolean): Admitted {
    const { limits } = this.options;
    const boardId = BOARD_PATH.exec(url.pathname)?.[1]?.toLowerCase() ?? null;
    if (!boardId) return { ok: false, close: CLOSE.boardNotFound, fields: { path: url.pathname } };
    if (shuttingDown) return { ok: false, close: CLOSE.shuttingDown, fields: { board: boardId } };
    const token = verifyBoardToken(this.options.tokenKey, url.searchParams.get('token'), boardId);
    if (!token.ok) return { ok: false, close: token.close, fields: { board: boardId } };
    const { claims } = token;
    if ((this.perBoard.get(boardId) ?? 0) >= limits.maxConnectionsPerBoard) {
      return { ok: false, close: CLOSE.tooManyConnections, fields: { board: boardId, limit: 'board' } };
    }
    if ((this.perUser.get(claims.sub) ?? 0) >= limits.maxConnectionsPerUser) {
      return {
        ok: false,
        close: CLOSE.tooManyConnections,
        fields: { board: boardId, user: claims.sub, limit: 'user' },
      };
    }
    return { ok: true, claims };
  }

  /** Counts a connection against its board's and its user's limits until the returned function is called. */
  enter(claims: BoardTokenClaims): () => void {
    adjust(this.perUser, claims.sub, 1);
    adjust(this.perBoard, claims.board, 1);
    return () => {
      adjust(this.perUser, claims.sub, -1);
      adjust(this.perBoard, claims.board, -1);
    };
  }

  /** What the token's holder may do now (a token outlives the session or access it was issued for). */
  permissionNow(claims: BoardTokenClaims): Promise<BoardPermission | null> {
    return this.options.checkRightsNow ? permissionNow(this.options.database, claims) : Promise.resolve(claims.perm);
  }

  /**
   * Asks the database again what each of `connections` may do, and closes those whose session ended
   * or whose access narrowed (4412: the page loads again and gets what is theirs now). Holders of the
   * same token share one question.
   */
  async recheck(connections: Iterable<Connection>) {
    const { database, tally } = this.options;
    const asked = new Map<string, Promise<BoardPermission | null>>();
    const checks: Promise<void>[] = [];
    for (const connection of connections) {
      const { claims } = connection;
      const key = `${claims.sub} ${claims.board} ${claims.sid ?? ''}`;
      let now = asked.get(key);
      if (!now) asked.set(key, (now = permissionNow(database, claims)));
      checks.push(
        now.then(
          (permission) => {
            if (lessThan(permission, claims.perm))
              tally.closeByGuard(connection, CLOSE.rightsChanged, { now: permission });
          },
          (error: unknown) => tally.log('rights.check_failed', { board: claims.board, error: String(error) }),
        ),
      );
    }
    await Promise.all(checks);
    tally.rightsChecks += 1;
  }

  /** Rechecks every `rightsRecheckMs`, one round at a time (a slow database must not pile them up). */
  recheckEvery(connections: () => Iterable<Connection>): () => Promise<void> {
    const { limits, checkRightsNow } = this.options;
    if (!checkRightsNow || limits.rightsRecheckMs <= 0) return async () => {};
    const timer = setInterval(() => {
      this.rechecking ??= this.recheck(connections()).finally(() => (this.rechecking = null));
    }, limits.rightsRecheckMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.rechecking;
    };
  }
}

function adjust(map: Map<string, number>, key: string, delta: number) {
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
