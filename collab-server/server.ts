import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE, isBoardRoot, type BoardTokenClaims } from '~/boards/protocol';
import type { Database } from '~/db/connection.server';
import { lessThan } from './access';
import { Admission } from './admission';
import { Connection } from './connection';
import { Fanout, type FanoutStats } from './fanout';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { consoleLog, type Log } from './log';
import { receiveMessage } from './messages';
import { BoardPersistence, type PersistenceStats } from './persistence';
import type { Room } from './room';
import { Rooms } from './rooms';
import { Tally } from './tally';

export interface CollabServerOptions {
  database: Database;
  tokenKey: Buffer;
  limits?: Partial<Limits>;
  log?: Log;
  /** Redis fan-out between instances (`fanoutFromEnv()`); null or absent: this instance alone. */
  fanout?: { url: string; prefix?: string } | null;
  /** Which new root types an update may create (default: a board's, `isBoardRoot`). */
  acceptRoot?: (name: string) => boolean;
  /** How long structs may wait for missing predecessors before they are dropped (default 10 s). */
  pendingGraceMs?: number;
  /**
   * Whether the database is asked, on connecting and again while connected, whether the token's session
   * and access still hold (default true; off only for tests whose tokens name no real person).
   */
  checkRightsNow?: boolean;
}

export type CollabStats = {
  documents: number;
  connections: number;
  persistence: PersistenceStats;
  fanout: FanoutStats | null;
} & ReturnType<Tally['counts']>;

/**
 * The collab-server: speaks the y-websocket protocol (sync + awareness) so the stock
 * `WebsocketProvider` connects unchanged, authorises every connection with a board token
 * (`admission.ts`), keeps one `Room` per loaded board, judges every message (`messages.ts`), persists
 * through `BoardPersistence`, and guards message size, document size, rate and connection counts.
 * This part puts them together and takes a connection from its admission into its board's room
 * (`rooms.ts`).
 * `handleUpgrade` takes the HTTP server's `upgrade` events for `/collab/<boardId>`.
 */
export function createCollabServer(options: CollabServerOptions) {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log: Log = options.log ?? consoleLog;
  const tally = new Tally(log);
  const admission = new Admission({
    database: options.database,
    tokenKey: options.tokenKey,
    limits,
    checkRightsNow: options.checkRightsNow ?? true,
    tally,
  });
  const guards = { tally, maxDocumentBytes: limits.maxDocumentBytes };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  let shuttingDown = false;
  const fanout = options.fanout ? new Fanout(options.fanout.url, { prefix: options.fanout.prefix, log }) : null;

  const persistence: BoardPersistence = new BoardPersistence(options.database, {
    flushDelayMs: limits.flushDelayMs,
    compactAfterUpdates: limits.compactAfterUpdates,
    currentState: (boardId) => rooms.get(boardId)?.checked.integratedState() ?? null,
    // Deleted through another process (the app, while this standalone server held the board).
    onBoardGone: (boardId) => rooms.closeBoard(boardId),
    log,
  });

  const rooms: Rooms = new Rooms({
    persistence,
    fanout,
    log,
    checks: (boardId) => ({
      acceptRoot: options.acceptRoot ?? isBoardRoot,
      pendingGraceMs: options.pendingGraceMs ?? 10_000,
      onUnresolved: (senders) => {
        tally.rejectedUpdate('unresolved');
        log('document.unresolved_dropped', { board: boardId });
        for (const sender of senders) tally.closeByGuard(sender, CLOSE.malformed, { error: 'unresolved structs' });
      },
    }),
  });

  /** A connection that passed `admission.check`: it joins its board's room once loaded and still allowed. */
  async function accept(ws: WebSocket, claims: BoardTokenClaims) {
    const boardId = claims.board;
    const release = admission.enter(claims);
    const connection = new Connection(ws, claims, limits, options.tokenKey);
    let room: Room | null = null;
    // Asked while the board loads.
    const allowed = admission.permissionNow(claims);
    allowed.catch(() => undefined);
    ws.on('close', () => {
      release();
      if (!room) return;
      room.leave(connection);
      rooms.unloadIfEmpty(room);
    });
    ws.on('error', (error) => log('connection.error', { board: boardId, error: String(error) }));
    try {
      room = await rooms.open(boardId);
    } catch (error) {
      log('document.load_failed', { board: boardId, error: String(error) });
      ws.close(CLOSE.shuttingDown.code, 'load-failed');
      return;
    }
    if (!room) return tally.refuse(ws, CLOSE.boardNotFound, { board: boardId });
    let now: Awaited<typeof allowed>;
    try {
      now = await allowed;
    } catch (error) {
      log('rights.check_failed', { board: boardId, error: String(error) });
      ws.close(CLOSE.shuttingDown.code, 'rights-check-failed');
      return rooms.unloadIfEmpty(room);
    }
    if (lessThan(now, claims.perm)) {
      tally.refuse(ws, CLOSE.rightsChanged, { board: boardId, user: claims.sub, now });
      return rooms.unloadIfEmpty(room);
    }
    if (!connection.open) return rooms.unloadIfEmpty(room);
    const joined = room;
    joined.join(connection);
    connection.start((data, isBinary) => receiveMessage(joined, connection, data, isBinary, guards));
  }

  const stopRechecking = admission.recheckEvery(() => rooms.connections());

  return {
    /** For the HTTP server's `upgrade` event; answers only `/collab/<boardId>`. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(request.url ?? '/', 'http://collab.invalid');
      wss.handleUpgrade(request, socket, head, (ws) => {
        const admitted = admission.check(url, shuttingDown);
        if (!admitted.ok) return tally.refuse(ws, admitted.close, admitted.fields);
        void accept(ws, admitted.claims);
      });
    },

    stats(): CollabStats {
      return {
        documents: rooms.size,
        connections: rooms.connectionCount,
        persistence: persistence.snapshotStats(),
        ...tally.counts(),
        fanout: fanout?.stats() ?? null,
      };
    },

    /** A board was deleted (called by the app in the same process; see also `onBoardGone`). */
    closeBoard: (boardId: string) => rooms.closeBoard(boardId),

    /**
     * Another process says boards were deleted (notifications.ts): closes those of `boardIds`
     * (default: every loaded board) that the database no longer has, so a stray message closes nothing.
     */
    closeIfDeleted: (boardIds: string[] = rooms.boardIds()) => persistence.checkGone(boardIds),

    /**
     * Someone's rights may have shrunk (notifications.ts): asks the database again what each open
     * connection (of `only.user`, or on `only.board`) may do.
     */
    recheckRights: (only: { user?: string; board?: string } = {}) => admission.recheck(rooms.connections(only)),

    /**
     * The app appended `update` to the board's log itself (revealed brainstorm cards): a loaded board
     * applies it and sends it to its clients; one still loading gets it once loaded (its read may have
     * come before the row); a board not held reads it from the log when it loads.
     */
    async applyStoredUpdate(boardId: string, update: Uint8Array) {
      const room = await rooms.held(boardId)?.catch(() => null);
      room?.applyStored(update);
    },

    /**
     * `board_update_stored` from the database (another process appended to the log): the row is read
     * and applied as `applyStoredUpdate` does, when this instance holds the board.
     */
    async applyStoredRow(boardId: string, updateId: number) {
      const room = await rooms.held(boardId)?.catch(() => null);
      if (!room) return;
      const update = await persistence.readLogRow(boardId, updateId);
      if (update) room.applyStored(update);
    },

    /** Writes everything pending now (tests, and before a snapshot is taken). */
    flush: () => persistence.flush(),

    /** Resolves once Redis fan-out is connected (at once without fan-out). */
    fanoutReady: () => fanout?.ready() ?? Promise.resolve(),

    /** SIGTERM: refuse new connections, say goodbye to clients, write and compact every document. */
    async close() {
      shuttingDown = true;
      await stopRechecking();
      const documents = await rooms.closeAll();
      await fanout?.close();
      wss.close();
      log('server.closed', { documents });
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
