import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { sectionsTouched, type CloseReason } from '~/boards/protocol';
import { AwarenessGuard } from './awareness';
import { Connection } from './connection';
import type { FanoutBoard, FanoutBoardHandlers } from './fanout';
import type { BoardPersistence, StoredBoard } from './persistence';
import { CheckedDoc } from './updates';
import { awarenessMessage, syncStep1Message, updateMessage } from './wire';

/** Origin of what other instances sent through Redis. */
const REMOTE = Symbol('remote');
/** Origin of what the app wrote into the board's log itself (revealed brainstorm cards). */
const STORED = Symbol('stored');

export interface RoomChecks {
  /** Which new root types an update may create. */
  acceptRoot: (name: string) => boolean;
  /** How long structs may wait for missing predecessors before they are dropped. */
  pendingGraceMs: number;
  /** Structs waited too long for their predecessors and were dropped; `senders`: the connections that sent them. */
  onUnresolved: (senders: Connection[]) => void;
}

/**
 * One loaded board: its document (with the shadow copy every update is tried on first), who is on it,
 * and their presence. What changes the document is broadcast to the others first and then queued for
 * the batched write; presence goes to everyone.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  readonly guard = new AwarenessGuard(this.awareness);
  readonly checked: CheckedDoc;
  /** Set once this board's Redis channel is joined (`REDIS_URL`). */
  fanout: FanoutBoard | null = null;
  /** The document's size as counted by the guard: stored state plus what was applied since loading. */
  bytes: number;

  constructor(
    readonly boardId: string,
    stored: StoredBoard,
    private readonly persistence: BoardPersistence,
    checks: RoomChecks,
  ) {
    this.bytes = stored.bytes;
    if (stored.updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(stored.updates), 'load');
    this.checked = new CheckedDoc(this.doc, {
      acceptRoot: checks.acceptRoot,
      pendingGraceMs: checks.pendingGraceMs,
      onUnresolved: (senders) =>
        checks.onUnresolved(senders.filter((sender): sender is Connection => sender instanceof Connection)),
    });
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.bytes += update.length;
      // Encoded once, the same buffer to everyone; broadcast first, then queued for the batched write.
      const message = updateMessage(update);
      for (const connection of this.connections.values()) if (connection !== origin) connection.send(message);
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
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const message = awarenessMessage(this.awareness, [...changes.added, ...changes.updated, ...changes.removed]);
      for (const connection of this.connections.values()) connection.send(message);
    });
  }

  /** Sync step 1 and everyone's presence, as the stock server does when a client joins. */
  join(connection: Connection) {
    this.connections.set(connection.ws, connection);
    connection.send(syncStep1Message(this.doc));
    const present = this.present();
    if (present.length > 0) connection.send(awarenessMessage(this.awareness, present));
  }

  /** A client left: its held-back updates and its presence go with it. */
  leave(connection: Connection) {
    this.connections.delete(connection.ws);
    this.checked.release(connection);
    // Only ids the awareness knows (a first state with clock 0 is never applied).
    const gone = this.guard.release(connection).filter((id) => this.awareness.meta.has(id));
    awarenessProtocol.removeAwarenessStates(this.awareness, gone, null);
    if (gone.length > 0) this.fanout?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, gone));
  }

  /** The clientIDs present on this board. */
  present(): number[] {
    return [...this.awareness.getStates().keys()];
  }

  /** Closes every client's connection with `reason`. */
  closeAll(reason: CloseReason) {
    for (const connection of this.connections.values()) connection.close(reason);
  }

  /** Compacts when this instance holds anything the stored state lacks. */
  async compactIfChanged() {
    // Updates from other instances are in no log row of ours: compaction (which merges the log) keeps them.
    if (this.persistence.hasLog(this.boardId) || this.fanout?.takeRemoteChanges()) {
      await this.persistence.compact(this.boardId, this.checked.integratedState());
    }
  }

  /**
   * An update the app already appended to the board's log (app/boards/brainstorm.server.ts): applied and
   * sent to every client, not logged again. Trusted like another instance's: the app built it.
   */
  applyStored(update: Uint8Array) {
    const applied = this.checked.apply(update, STORED);
    if (!applied.ok) throw new Error(`stored update refused: ${applied.reason}`);
  }

  /** Frees the documents; destroying the document drops its update listener, so nothing more persists. */
  dispose() {
    this.checked.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** What another instance's messages do to this room. */
  remote(): FanoutBoardHandlers {
    return {
      applyUpdate: (update) => {
        const applied = this.checked.apply(update, REMOTE);
        if (!applied.ok) throw new Error(`update from another instance refused: ${applied.reason}`);
      },
      applyAwareness: (update) => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE),
      stateVector: () => Y.encodeStateVector(this.doc),
      diff: (stateVector) => this.checked.integratedState(stateVector),
      presence: () => {
        const present = this.present();
        return present.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, present) : null;
      },
      peerGone: () => this.compactIfChanged(),
    };
  }
}
