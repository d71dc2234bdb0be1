import { CLOSE } from '~/boards/protocol';
import type { Connection } from './connection';
import type { Fanout } from './fanout';
import type { Log } from './log';
import type { BoardPersistence } from './persistence';
import { Room, type RoomChecks } from './room';

/**
 * The boards this instance holds: a board is loaded for its first connection (subscribed to the other
 * instances before it is read, so nothing they publish meanwhile is missed), and unloaded after its
 * last one left (what is pending written, compacted, memory freed). A board opened again while it
 * unloads waits for the unload to finish.
 */
export class Rooms {
  private readonly opening = new Map<string, Promise<Room | null>>();
  private readonly loaded = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly options: {
      persistence: BoardPersistence;
      fanout: Fanout | null;
      checks: (boardId: string) => RoomChecks;
      log: Log;
    },
  ) {}

  /** The board's room, loaded if need be; null when the board does not exist. */
  open(boardId: string): Promise<Room | null> {
    let room = this.opening.get(boardId);
    if (!room) {
      room = this.load(boardId);
      this.opening.set(boardId, room);
      room.then(
        (r) => r ?? this.opening.delete(boardId),
        () => this.opening.delete(boardId),
      );
    }
    return room;
  }

  private async load(boardId: string): Promise<Room | null> {
    const { persistence, fanout, log } = this.options;
    await this.unloading.get(boardId);
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
    const room = new Room(boardId, stored, persistence, this.options.checks(boardId));
    if (joining) room.fanout = joining.ready(room.remote());
    this.loaded.set(boardId, room);
    log('document.loaded', { board: boardId, bytes: stored.bytes, logRows: stored.logRows });
    return room;
  }

  get(boardId: string): Room | undefined {
    return this.loaded.get(boardId);
  }

  /** The board's room if it is loaded or loading (without loading it); undefined otherwise. */
  held(boardId: string): Promise<Room | null> | undefined {
    return this.opening.get(boardId);
  }

  get size() {
    return this.loaded.size;
  }

  get connectionCount() {
    let count = 0;
    for (const room of this.loaded.values()) count += room.connections.size;
    return count;
  }

  boardIds(): string[] {
    return [...this.loaded.keys()];
  }

  /** Open connections, of `only.user` or on `only.board` when given. */
  *connections(only: { user?: string; board?: string } = {}): Generator<Connection> {
    for (const room of this.loaded.values()) {
      if (only.board !== undefined && room.boardId !== only.board) continue;
      for (const connection of room.connections.values()) {
        if (only.user === undefined || connection.claims.sub === only.user) yield connection;
      }
    }
  }

  /**
   * A board was deleted: its clients are told it no longer exists (4404, the provider stops retrying)
   * and nothing more is written for it.
   */
  closeBoard(boardId: string) {
    const room = this.loaded.get(boardId);
    this.opening.delete(boardId);
    this.loaded.delete(boardId);
    this.options.persistence.discard(boardId);
    if (!room) return;
    room.closeAll(CLOSE.boardNotFound);
    room.connections.clear();
    void room.fanout?.leave();
    room.dispose();
    this.options.log('document.deleted', { board: boardId });
  }

  /** After the last client left: write what is pending, compact, and free the memory. */
  unloadIfEmpty(room: Room) {
    const { persistence, log } = this.options;
    if (room.connections.size > 0 || this.opening.get(room.boardId) === undefined) return;
    this.opening.delete(room.boardId);
    this.loaded.delete(room.boardId);
    const done = (async () => {
      await room.fanout?.leave();
      await persistence.flush();
      await room.compactIfChanged();
      persistence.forget(room.boardId);
      room.dispose();
      log('document.unloaded', { board: room.boardId });
    })().catch((error) => log('document.unload_failed', { board: room.boardId, error: String(error) }));
    this.unloading.set(room.boardId, done);
    void done.finally(() => {
      if (this.unloading.get(room.boardId) === done) this.unloading.delete(room.boardId);
    });
  }

  /** Shutting down: every client told, everything pending written, every board compacted. */
  async closeAll(): Promise<number> {
    const open = [...this.loaded.values()];
    for (const room of open) room.closeAll(CLOSE.shuttingDown);
    await this.options.persistence.flush();
    for (const room of open) await room.compactIfChanged();
    await Promise.all(this.unloading.values());
    return open.length;
  }
}
