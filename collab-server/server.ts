import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { sectionsTouched } from '~/boards/doc';
import type { Database } from '~/db/connection.server';
import { lessThan, permissionNow } from './access';
import {
  anonymousAuthor,
  CLOSE,
  verifyBoardToken,
  type BoardPermission,
  type BoardTokenClaims,
  type CloseReason,
} from './auth';
import { AwarenessGuard } from './awareness';
import { Fanout, type FanoutBoard, type FanoutStats } from './fanout';
import { DEFAULT_LIMITS, RateBudget, type Limits } from './limits';
import { BoardPersistence, type PersistenceStats } from './persistence';
import { refusedChange, type Writer } from './rights';
import { CheckedDoc, isBoardRoot, type Judge } from './updates';

// y-websocket message types (the stock provider's numbering).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** A client whose unsent backlog grows past this is too slow to follow; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const BOARD_PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export type Log = (event: string, fields?: Record<string, unknown>) => void;
/** One JSON line per event on standard output. */
export const consoleLog: Log = (event, fields) => console.log(JSON.stringify({ at: 'collab', event, ...fields }));

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

export interface CollabStats {
  documents: number;
  connections: number;
  persistence: PersistenceStats;
  droppedReadOnlyUpdates: number;
  refusedConnections: number;
  closedByGuards: Record<string, number>;
  /** Updates refused by `CheckedDoc`, by reason. */
  rejectedUpdates: Record<string, number>;
  /** Awareness entries dropped (another connection's clientID) or given the token's identity. */
  awareness: { forged: number; rewritten: number };
  /** Rounds of asking the database again what open connections may do (`rightsRecheckMs`). */
  rightsChecks: number;
  fanout: FanoutStats | null;
}

/** Origin of what other instances sent through Redis. */
const REMOTE = Symbol('remote');

class Connection {
  readonly budget: RateBudget;
  /** What this connection may change (`rights.ts`): a member's rights, or for a facilitator the cards' shape. */
  readonly judge: Judge;
  constructor(
    readonly ws: WebSocket,
    readonly claims: BoardTokenClaims,
    limits: Limits,
    tokenKey: Buffer,
  ) {
    this.budget = new RateBudget(limits.messagesPerSecond, limits.messageBurst);
    const writer: Writer =
      claims.perm === 'facilitate'
        ? 'facilitator'
        : {
            id: claims.sub,
            name: claims.name ?? null,
            anonymousAs: anonymousAuthor(tokenKey, claims.board, claims.sub),
          };
    this.judge = (transaction, before) => refusedChange(transaction, before, writer);
  }
  get readOnly() {
    return this.claims.perm === 'read';
  }
}

/** One loaded board: its document, who is on it, and their presence. */
class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  readonly guard = new AwarenessGuard(this.awareness);
  checked!: CheckedDoc;
  fanout: FanoutBoard | null = null;
  bytes: number;

  constructor(
    readonly boardId: string,
    stored: { updates: Uint8Array[]; bytes: number },
    private readonly persistence: BoardPersistence,
  ) {
    this.bytes = stored.bytes;
    if (stored.updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(stored.updates), 'load');
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.bytes += update.length;
      // Encoded once, the same buffer to everyone; broadcast first, then queued for the batched write.
      const message = encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
      for (const connection of this.connections.values()) if (connection !== origin) send(connection.ws, message);
      if (origin instanceof Connection) this.persistence.append(this.boardId, update);
    });
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      if (!(origin instanceof Connection) || transaction.changed.size === 0) return;
      try {
        for (const section of sectionsTouched(transaction)) {
          this.persistence.recordActivity(this.boardId, origin.claims.sub, section);
        }
      } catch {
        // History is a nicety; an odd document shape must not end the editor's connection.
      }
    });
    this.awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...changes.added, ...changes.updated, ...changes.removed];
        const message = encodeMessage(MESSAGE_AWARENESS, (encoder) =>
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
        );
        for (const connection of this.connections.values()) send(connection.ws, message);
      },
    );
  }

  /** Sync step 1 and everyone's presence, as the stock server does when a client joins. */
  greet(connection: Connection) {
    send(
      connection.ws,
      encodeMessage(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)),
    );
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      send(
        connection.ws,
        encodeMessage(MESSAGE_AWARENESS, (encoder) =>
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)),
        ),
      );
    }
  }
}

/**
 * The collab-server: speaks the y-websocket protocol (sync + awareness) so the stock
 * `WebsocketProvider` connects unchanged, authorises every connection with a board token, persists
 * through `BoardPersistence`, and guards message size, document size, rate and connection counts.
 * `handleUpgrade` takes the HTTP server's `upgrade` events for `/collab/<boardId>`.
 */
export function createCollabServer(options: CollabServerOptions) {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log: Log = options.log ?? consoleLog;
  const checkRightsNow = options.checkRightsNow ?? true;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const rooms = new Map<string, Promise<Room | null>>();
  const loaded = new Map<string, Room>();
  const unloading = new Map<string, Promise<void>>();
  const perUser = new Map<string, number>();
  const perBoard = new Map<string, number>();
  const counters = {
    droppedReadOnlyUpdates: 0,
    refusedConnections: 0,
    closedByGuards: {} as Record<string, number>,
    rejectedUpdates: {} as Record<string, number>,
    awareness: { forged: 0, rewritten: 0 },
    rightsChecks: 0,
  };
  let shuttingDown = false;
  const fanout = options.fanout ? new Fanout(options.fanout.url, { prefix: options.fanout.prefix, log }) : null;

  const persistence = new BoardPersistence(options.database, {
    flushDelayMs: limits.flushDelayMs,
    compactAfterUpdates: limits.compactAfterUpdates,
    currentState: (boardId) => {
      const room = loaded.get(boardId);
      return room ? room.checked.integratedState() : null;
    },
    // Deleted through another process (the app, while this standalone server held the board).
    onBoardGone: (boardId) => closeBoard(boardId),
    log,
  });

  function refuse(ws: WebSocket, reason: CloseReason, fields: Record<string, unknown>) {
    counters.refusedConnections += 1;
    log('connection.refused', { reason: reason.reason, ...fields });
    ws.close(reason.code, reason.reason);
  }

  function closeByGuard(connection: Connection, reason: CloseReason, fields: Record<string, unknown> = {}) {
    counters.closedByGuards[reason.reason] = (counters.closedByGuards[reason.reason] ?? 0) + 1;
    log('connection.closed_by_guard', {
      reason: reason.reason,
      board: connection.claims.board,
      user: connection.claims.sub,
      ...fields,
    });
    connection.ws.close(reason.code, reason.reason);
  }

  function openRoom(boardId: string): Promise<Room | null> {
    let room = rooms.get(boardId);
    if (!room) {
      room = (async () => {
        await unloading.get(boardId);
        // Subscribed before loading: what other instances publish from now on is not missed.
        const joining = fanout ? await fanout.join(boardId) : null;
        const stored = await persistence.load(boardId).catch(async (error: unknown) => {
          await joining?.cancel();
          throw error;
        });
        if (!stored) {
          await joining?.cancel();
          return null;
        }
        const created = new Room(boardId, stored, persistence);
        created.checked = new CheckedDoc(created.doc, {
          acceptRoot: options.acceptRoot ?? isBoardRoot,
          pendingGraceMs: options.pendingGraceMs ?? 10_000,
          onUnresolved: (senders) => {
            counters.rejectedUpdates.unresolved = (counters.rejectedUpdates.unresolved ?? 0) + 1;
            log('document.unresolved_dropped', { board: boardId });
            for (const sender of senders) {
              if (sender instanceof Connection) closeByGuard(sender, CLOSE.malformed, { error: 'unresolved structs' });
            }
          },
        });
        if (joining) created.fanout = joining.ready(fanoutHandlers(created));
        loaded.set(boardId, created);
        log('document.loaded', { board: boardId, bytes: stored.bytes, logRows: stored.logRows });
        return created;
      })();
      rooms.set(boardId, room);
      room.then(
        (r) => r ?? rooms.delete(boardId),
        () => rooms.delete(boardId),
      );
    }
    return room;
  }

  /** Compacts when this instance holds anything the stored state lacks. */
  async function compactIfChanged(room: Room) {
    // Updates from other instances are in no log row of ours: compaction (which merges the log) keeps them.
    if (persistence.hasLog(room.boardId) || room.fanout?.takeRemoteChanges()) {
      await persistence.compact(room.boardId, room.checked.integratedState());
    }
  }

  /** Frees a room's documents; destroying the document drops its update listener, so nothing more persists. */
  function disposeRoom(room: Room) {
    room.checked.destroy();
    room.awareness.destroy();
    room.doc.destroy();
  }

  /**
   * A board was deleted: its clients are told it no longer exists (4404, the provider stops retrying)
   * and nothing more is written for it.
   */
  function closeBoard(boardId: string) {
    const room = loaded.get(boardId);
    rooms.delete(boardId);
    loaded.delete(boardId);
    persistence.discard(boardId);
    if (!room) return;
    for (const connection of room.connections.values()) {
      connection.ws.close(CLOSE.boardNotFound.code, CLOSE.boardNotFound.reason);
    }
    room.connections.clear();
    void room.fanout?.leave();
    disposeRoom(room);
    log('document.deleted', { board: boardId });
  }

  /** After the last client left: write what is pending, compact, and free the memory. */
  function unloadIfEmpty(room: Room) {
    if (room.connections.size > 0 || rooms.get(room.boardId) === undefined) return;
    rooms.delete(room.boardId);
    loaded.delete(room.boardId);
    const done = (async () => {
      await room.fanout?.leave();
      await persistence.flush();
      await compactIfChanged(room);
      persistence.forget(room.boardId);
      disposeRoom(room);
      log('document.unloaded', { board: room.boardId });
    })().catch((error) => log('document.unload_failed', { board: room.boardId, error: String(error) }));
    unloading.set(room.boardId, done);
    void done.finally(() => {
      if (unloading.get(room.boardId) === done) unloading.delete(room.boardId);
    });
  }

  function handleMessage(room: Room, connection: Connection, data: RawData, isBinary: boolean) {
    // Once a guard closed it, nothing more of this connection counts (its next edits build on a refused one).
    if (connection.ws.readyState !== WebSocket.OPEN) return;
    if (!connection.budget.take()) return closeByGuard(connection, CLOSE.rateLimited);
    if (!isBinary || !(data instanceof Buffer)) return closeByGuard(connection, CLOSE.malformed);
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const messageType = decoding.readVarUint(decoder);
      if (messageType === MESSAGE_SYNC) {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // Sync step 2 by hand: the stock one would also hand out structs still waiting for predecessors.
          const stateVector = decoding.readVarUint8Array(decoder);
          const reply = encodeMessage(MESSAGE_SYNC, (encoder) => {
            encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
            encoding.writeVarUint8Array(encoder, room.checked.integratedState(stateVector));
          });
          send(connection.ws, reply);
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          if (connection.readOnly) {
            // A reader's client still sends its (empty or offline) state; it is counted, never applied.
            if (update.length > 2) counters.droppedReadOnlyUpdates += 1;
            return;
          }
          if (room.bytes + update.length > limits.maxDocumentBytes) {
            return closeByGuard(connection, CLOSE.docTooLarge, { bytes: room.bytes + update.length });
          }
          const applied = room.checked.apply(update, connection, connection.judge);
          if (!applied.ok) {
            counters.rejectedUpdates[applied.reason] = (counters.rejectedUpdates[applied.reason] ?? 0) + 1;
            // Refused as a whole: the sender's copy now differs from the board, so it must start again.
            if (applied.reason === 'forbidden') {
              return closeByGuard(connection, CLOSE.changeRefused, { error: applied.reason, rule: applied.rule });
            }
            return closeByGuard(connection, CLOSE.malformed, { error: applied.reason });
          }
          if (applied.applied) room.fanout?.publishUpdate(applied.applied);
        } else {
          throw new Error(`unknown sync message ${syncType}`);
        }
      } else if (messageType === MESSAGE_AWARENESS) {
        const checked = room.guard.check(decoding.readVarUint8Array(decoder), connection, {
          id: connection.claims.sub,
          name: connection.claims.name,
          colour: connection.claims.colour,
        });
        if (checked.forged.length > 0 || checked.rewritten.length > 0) {
          counters.awareness.forged += checked.forged.length;
          counters.awareness.rewritten += checked.rewritten.length;
          log('awareness.corrected', {
            board: room.boardId,
            user: connection.claims.sub,
            forged: checked.forged,
            rewritten: checked.rewritten,
          });
        }
        if (checked.update) {
          awarenessProtocol.applyAwarenessUpdate(room.awareness, checked.update, connection);
          room.fanout?.publishAwareness(checked.update);
        }
      } else if (messageType === MESSAGE_QUERY_AWARENESS) {
        const states = [...room.awareness.getStates().keys()];
        send(
          connection.ws,
          encodeMessage(MESSAGE_AWARENESS, (encoder) =>
            encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states)),
          ),
        );
      } else {
        throw new Error(`unknown message type ${messageType}`);
      }
    } catch (error) {
      // A broken message ends this one connection; the document and everyone else carry on.
      closeByGuard(connection, CLOSE.malformed, { error: String(error) });
    }
  }

  function adjust(map: Map<string, number>, key: string, delta: number) {
    const next = (map.get(key) ?? 0) + delta;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  }

  async function accept(ws: WebSocket, claims: BoardTokenClaims) {
    const boardId = claims.board;
    adjust(perUser, claims.sub, 1);
    adjust(perBoard, boardId, 1);
    // Messages that arrive while the document loads wait their turn.
    const early: [RawData, boolean][] = [];
    const queue = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on('message', queue);
    let room: Room | null = null;
    const connection = new Connection(ws, claims, limits, options.tokenKey);
    // Asked while the board loads: a token outlives the session or access it was issued for.
    const allowed = checkRightsNow ? permissionNow(options.database, claims) : Promise.resolve(claims.perm);
    allowed.catch(() => undefined);
    ws.on('close', () => {
      adjust(perUser, claims.sub, -1);
      adjust(perBoard, boardId, -1);
      if (!room) return;
      room.connections.delete(ws);
      room.checked.release(connection);
      // Only ids the awareness knows (a first state with clock 0 is never applied).
      const gone = room.guard.release(connection).filter((id) => room!.awareness.meta.has(id));
      awarenessProtocol.removeAwarenessStates(room.awareness, gone, null);
      if (gone.length > 0) room.fanout?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, gone));
      unloadIfEmpty(room);
    });
    ws.on('error', (error) => log('connection.error', { board: boardId, error: String(error) }));
    try {
      room = await openRoom(boardId);
    } catch (error) {
      log('document.load_failed', { board: boardId, error: String(error) });
      ws.close(CLOSE.shuttingDown.code, 'load-failed');
      return;
    }
    if (!room) return refuse(ws, CLOSE.boardNotFound, { board: boardId });
    let now: Awaited<typeof allowed>;
    try {
      now = await allowed;
    } catch (error) {
      log('rights.check_failed', { board: boardId, error: String(error) });
      ws.close(CLOSE.shuttingDown.code, 'rights-check-failed');
      return unloadIfEmpty(room);
    }
    if (lessThan(now, claims.perm)) {
      refuse(ws, CLOSE.rightsChanged, { board: boardId, user: claims.sub, now });
      return unloadIfEmpty(room);
    }
    if (ws.readyState !== WebSocket.OPEN) return unloadIfEmpty(room);
    room.connections.set(ws, connection);
    ws.off('message', queue);
    const current = room;
    ws.on('message', (data, isBinary) => handleMessage(current, connection, data, isBinary));
    current.greet(connection);
    for (const [data, isBinary] of early) handleMessage(current, connection, data, isBinary);
  }

  /**
   * Asks the database again what each open connection (of `only.user`, or on `only.board`) may do, and
   * closes those whose session ended or whose access narrowed (4412: the page loads again and gets
   * what is theirs now). Holders of the same token share one question.
   */
  let rechecking: Promise<void> | null = null;
  async function recheckRights(only: { user?: string; board?: string } = {}) {
    const asked = new Map<string, Promise<BoardPermission | null>>();
    const checks: Promise<void>[] = [];
    for (const room of loaded.values()) {
      if (only.board !== undefined && room.boardId !== only.board) continue;
      for (const connection of room.connections.values()) {
        const { claims } = connection;
        if (only.user !== undefined && claims.sub !== only.user) continue;
        const key = `${claims.sub} ${claims.board} ${claims.sid ?? ''}`;
        let now = asked.get(key);
        if (!now) asked.set(key, (now = permissionNow(options.database, claims)));
        checks.push(
          now.then(
            (permission) => {
              if (lessThan(permission, claims.perm)) closeByGuard(connection, CLOSE.rightsChanged, { now: permission });
            },
            (error: unknown) => log('rights.check_failed', { board: room.boardId, error: String(error) }),
          ),
        );
      }
    }
    await Promise.all(checks);
    counters.rightsChecks += 1;
  }
  const recheckTimer =
    checkRightsNow && limits.rightsRecheckMs > 0
      ? setInterval(() => {
          // One round at a time: a slow database must not pile them up.
          rechecking ??= recheckRights().finally(() => (rechecking = null));
        }, limits.rightsRecheckMs)
      : null;
  recheckTimer?.unref();

  return {
    /** For the HTTP server's `upgrade` event; answers only `/collab/<boardId>`. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(request.url ?? '/', 'http://collab.invalid');
      const boardId = BOARD_PATH.exec(url.pathname)?.[1]?.toLowerCase() ?? null;
      wss.handleUpgrade(request, socket, head, (ws) => {
        if (!boardId) return refuse(ws, CLOSE.boardNotFound, { path: url.pathname });
        if (shuttingDown) return refuse(ws, CLOSE.shuttingDown, { board: boardId });
        const check = verifyBoardToken(options.tokenKey, url.searchParams.get('token'), boardId);
        if (!check.ok) return refuse(ws, check.close, { board: boardId });
        const { claims } = check;
        if ((perBoard.get(boardId) ?? 0) >= limits.maxConnectionsPerBoard) {
          return refuse(ws, CLOSE.tooManyConnections, { board: boardId, limit: 'board' });
        }
        if ((perUser.get(claims.sub) ?? 0) >= limits.maxConnectionsPerUser) {
          return refuse(ws, CLOSE.tooManyConnections, { board: boardId, user: claims.sub, limit: 'user' });
        }
        void accept(ws, claims);
      });
    },

    stats(): CollabStats {
      let connections = 0;
      for (const room of loaded.values()) connections += room.connections.size;
      return {
        documents: loaded.size,
        connections,
        persistence: persistence.snapshotStats(),
        droppedReadOnlyUpdates: counters.droppedReadOnlyUpdates,
        refusedConnections: counters.refusedConnections,
        closedByGuards: { ...counters.closedByGuards },
        rejectedUpdates: { ...counters.rejectedUpdates },
        awareness: { ...counters.awareness },
        rightsChecks: counters.rightsChecks,
        fanout: fanout?.stats() ?? null,
      };
    },

    /** A board was deleted (called by the app in the same process; see also `onBoardGone`). */
    closeBoard,

    /**
     * Another process says boards were deleted (collab-server/deletions.ts): closes those of `boardIds`
     * (default: every loaded board) that the database no longer has, so a stray message closes nothing.
     */
    closeIfDeleted: (boardIds: string[] = [...loaded.keys()]) => persistence.checkGone(boardIds),

    /** Someone's rights may have shrunk (collab-server/notifications.ts, or the app in this process). */
    recheckRights,

    /** Writes everything pending now (tests, and before a snapshot is taken). */
    flush: () => persistence.flush(),

    /** Resolves once Redis fan-out is connected (at once without fan-out). */
    fanoutReady: () => fanout?.ready() ?? Promise.resolve(),

    /** SIGTERM: refuse new connections, say goodbye to clients, write and compact every document. */
    async close() {
      shuttingDown = true;
      if (recheckTimer) clearInterval(recheckTimer);
      await rechecking;
      const open = [...loaded.values()];
      for (const room of open) {
        for (const connection of room.connections.values()) {
          connection.ws.close(CLOSE.shuttingDown.code, CLOSE.shuttingDown.reason);
        }
      }
      await persistence.flush();
      for (const room of open) await compactIfChanged(room);
      await Promise.all(unloading.values());
      await fanout?.close();
      wss.close();
      log('server.closed', { documents: open.length });
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;

/** What another instance's messages do to a room here. */
function fanoutHandlers(room: Room) {
  return {
    applyUpdate(update: Uint8Array) {
      const applied = room.checked.apply(update, REMOTE);
      if (!applied.ok) throw new Error(`update from another instance refused: ${applied.reason}`);
    },
    applyAwareness: (update: Uint8Array) => awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE),
    stateVector: () => Y.encodeStateVector(room.doc),
    diff: (stateVector: Uint8Array) => room.checked.integratedState(stateVector),
    presence() {
      const present = [...room.awareness.getStates().keys()];
      return present.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(room.awareness, present) : null;
    },
  };
}

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function send(ws: WebSocket, message: Uint8Array) {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.close(CLOSE.shuttingDown.code, 'too-slow');
    return;
  }
  ws.send(message, (error) => {
    if (error) ws.terminate();
  });
}
