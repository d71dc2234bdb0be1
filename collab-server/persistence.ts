import { sql } from 'kysely';
import * as Y from 'yjs';
import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import type { Log } from './log';

/** A board's document as stored: the compacted state plus the log rows written after it. */
export interface StoredBoard {
  updates: Uint8Array[];
  bytes: number;
  logRows: number;
}

export interface PersistenceStats {
  pendingUpdates: number;
  /** Age of the oldest update not yet written: how far the database is behind the clients. */
  lagMs: number;
  lastFlushMs: number;
  flushes: number;
  writeFailures: number;
}

/** Five-minute buckets: history says who changed what "roughly when". */
const ACTIVITY_PERIOD_MS = 5 * 60 * 1000;

/** History rows are upserted at most this often (and on every explicit flush): buckets are 5 minutes. */
const ACTIVITY_WRITE_INTERVAL_MS = 1000;

/**
 * Writes every board's updates to Postgres through the app's database module, as the system (the
 * collab-server is the one writer of document rows). One timer gathers the updates of all boards for
 * `flushDelayMs` and writes them in one statement: one merged log row per board. All writes go
 * through one queue, so a compaction never races a batch of the same board.
 *
 * Nothing here runs between a client's message and its broadcast: the server broadcasts first and then
 * `append`s, which only pushes onto a list. The batch is written later from a timer; with PGlite the
 * database itself runs in a worker thread (`app/db/pglite-worker.mjs`), with a Postgres server the I/O is
 * the socket's, so the event loop serving the WebSockets only builds and sends the statement.
 */
export class BoardPersistence {
  private pending = new Map<string, Uint8Array[]>();
  private pendingCount = 0;
  /** Updates handed to the database and not yet committed: still "pending" for health and tests. */
  private inFlight = 0;
  private activity = new Map<string, { board: string; user: string; section: string; period: Date; edits: number }>();
  private lastActivityWrite = 0;
  /** When the oldest update not yet committed arrived (in flight ones included). */
  private oldestPendingAt: number | null = null;
  private oldestInFlightAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private activityTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private logRows = new Map<string, number>();
  private deleted = new Set<string>();
  private stats = { lastFlushMs: 0, flushes: 0, writeFailures: 0 };

  constructor(
    private readonly database: Database,
    private readonly options: {
      flushDelayMs: number;
      compactAfterUpdates: number;
      /** The current state of a loaded board, for compaction; null when it is not loaded. */
      currentState: (boardId: string) => Uint8Array | null;
      /** A board this writer holds updates for no longer exists; the owner closes it and calls `discard`. */
      onBoardGone: (boardId: string) => void;
      log: Log;
    },
  ) {}

  /** Null when the board does not exist. */
  async load(boardId: string): Promise<StoredBoard | null> {
    return this.enqueue(() =>
      runAsSystem(this.database, async (tx) => {
        const board = await tx.selectFrom('boards').select('id').where('id', '=', boardId).executeTakeFirst();
        if (!board) return null;
        // Rows before the snapshot, and all of them: another instance may compact in between (it
        // merges the rows it deletes into the snapshot), and a row committed late may have a lower id
        // than the snapshot's `through_update_id`. Reading a row twice is harmless (Yjs updates are
        // idempotent); missing one is not.
        const tail = await tx
          .selectFrom('board_updates')
          .select('update')
          .where('board_id', '=', boardId)
          .orderBy('id')
          .execute();
        const snapshot = await tx
          .selectFrom('board_documents')
          .select('state')
          .where('board_id', '=', boardId)
          .executeTakeFirst();
        const updates = [...(snapshot ? [snapshot.state] : []), ...tail.map((row) => row.update)].map(toBytes);
        this.logRows.set(boardId, tail.length);
        return { updates, bytes: updates.reduce((sum, u) => sum + u.length, 0), logRows: tail.length };
      }),
    );
  }

  /** One row of the board's log (an update the app appended itself); null when compacted away or gone. */
  async readLogRow(boardId: string, updateId: number): Promise<Uint8Array | null> {
    const row = await runAsSystem(this.database, (tx) =>
      tx
        .selectFrom('board_updates')
        .select('update')
        .where('board_id', '=', boardId)
        .where('id', '=', updateId)
        .executeTakeFirst(),
    );
    return row ? toBytes(row.update) : null;
  }

  /** Queues one update of a board for the next batched write. */
  append(boardId: string, update: Uint8Array): void {
    if (this.deleted.has(boardId)) return;
    const list = this.pending.get(boardId);
    if (list) list.push(update);
    else this.pending.set(boardId, [update]);
    this.pendingCount += 1;
    this.oldestPendingAt ??= performance.now();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.enqueue(() => this.writeBatch(false));
    }, this.options.flushDelayMs);
  }

  recordActivity(boardId: string, userId: string, section: string, at = Date.now()): void {
    const period = new Date(Math.floor(at / ACTIVITY_PERIOD_MS) * ACTIVITY_PERIOD_MS);
    const key = `${boardId}|${userId}|${section}|${period.getTime()}`;
    const entry = this.activity.get(key);
    if (entry) entry.edits += 1;
    else this.activity.set(key, { board: boardId, user: userId, section, period, edits: 1 });
  }

  /** Writes everything gathered so far, history included; resolves once it is in the database. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.activityTimer) {
      clearTimeout(this.activityTimer);
      this.activityTimer = null;
    }
    return this.enqueue(() => this.writeBatch(true));
  }

  /** Merges a board's log into its compacted state (called on unload and when the log grows). */
  compact(boardId: string, state: Uint8Array): Promise<void> {
    return this.enqueue(() => this.writeCompaction(boardId, state));
  }

  hasLog(boardId: string): boolean {
    return (this.logRows.get(boardId) ?? 0) > 0 || this.pending.has(boardId);
  }

  forget(boardId: string): void {
    if (!this.pending.has(boardId)) this.logRows.delete(boardId);
  }

  /** The board was deleted: drop what is pending for it and ignore anything that still comes. */
  discard(boardId: string): void {
    this.deleted.add(boardId);
    this.pendingCount -= this.pending.get(boardId)?.length ?? 0;
    this.pending.delete(boardId);
    this.logRows.delete(boardId);
    if (this.pendingCount === 0) this.oldestPendingAt = null;
    for (const [key, entry] of this.activity) if (entry.board === boardId) this.activity.delete(key);
  }

  /** Reports (`onBoardGone`) which of these boards the database no longer has. */
  async checkGone(boardIds: string[]): Promise<void> {
    if (boardIds.length === 0) return;
    let present: { id: string }[];
    try {
      present = await this.database.db.selectFrom('boards').select('id').where('id', 'in', boardIds).execute();
    } catch {
      return; // the database itself is unreachable: keep everything and retry
    }
    const ids = new Set(present.map((row) => row.id));
    for (const id of boardIds) if (!ids.has(id)) this.options.onBoardGone(id);
  }

  snapshotStats(): PersistenceStats {
    const oldest = this.oldestInFlightAt ?? this.oldestPendingAt;
    return {
      pendingUpdates: this.pendingCount + this.inFlight,
      lagMs: oldest === null ? 0 : Math.round(performance.now() - oldest),
      ...this.stats,
    };
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async writeBatch(includeActivity: boolean): Promise<void> {
    const writeActivity =
      this.activity.size > 0 &&
      (includeActivity || performance.now() - this.lastActivityWrite >= ACTIVITY_WRITE_INTERVAL_MS);
    if (this.pending.size === 0 && !writeActivity) return this.scheduleDeferredActivity();
    const batch = this.pending;
    const count = this.pendingCount;
    const since = this.oldestPendingAt;
    this.pending = new Map();
    this.pendingCount = 0;
    this.oldestPendingAt = null;
    this.inFlight = count;
    this.oldestInFlightAt = since;
    const started = performance.now();
    try {
      const rows = [...batch].map(([board_id, updates]) => ({
        board_id,
        update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates),
      }));
      // One multi-row insert is atomic on its own: one round trip, no begin/commit.
      if (rows.length > 0) await this.database.db.insertInto('board_updates').values(rows).execute();
      this.stats.flushes += 1;
      this.stats.lastFlushMs = Math.round(performance.now() - started);
      for (const { board_id } of rows) this.logRows.set(board_id, (this.logRows.get(board_id) ?? 0) + 1);
    } catch (error) {
      // Keep the updates (in order, before newer ones) and try again with the next batch.
      this.stats.writeFailures += 1;
      this.options.log('persistence.write_failed', { error: String(error), boards: batch.size });
      // A board deleted while open (e.g. through another process) would fail every later batch.
      await this.checkGone([...batch.keys()]);
      for (const [board, updates] of batch) {
        if (this.deleted.has(board)) continue;
        this.pending.set(board, [...updates, ...(this.pending.get(board) ?? [])]);
        this.pendingCount += updates.length;
      }
      if (this.pendingCount === 0) return;
      this.oldestPendingAt = since ?? this.oldestPendingAt;
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.enqueue(() => this.writeBatch(false));
      }, 1000);
      return;
    } finally {
      this.inFlight = 0;
      this.oldestInFlightAt = null;
    }
    if (!writeActivity) this.scheduleDeferredActivity();
    if (writeActivity) {
      const activity = this.activity;
      this.activity = new Map();
      this.lastActivityWrite = performance.now();
      await this.writeActivity([...activity.values()]);
    }
    for (const [boardId, count] of this.logRows) {
      if (count < this.options.compactAfterUpdates) continue;
      const state = this.options.currentState(boardId);
      if (state) await this.writeCompaction(boardId, state);
    }
  }

  /**
   * Deferred history still gets written within the interval, even when no more edits come. Its own timer:
   * the flush timer must stay free for the next update's `flushDelayMs`.
   */
  private scheduleDeferredActivity(): void {
    if (this.activity.size === 0 || this.activityTimer) return;
    const wait = Math.max(1, ACTIVITY_WRITE_INTERVAL_MS - (performance.now() - this.lastActivityWrite) + 1);
    this.activityTimer = setTimeout(() => {
      this.activityTimer = null;
      void this.enqueue(() => this.writeBatch(false));
    }, wait);
  }

  /** History is best effort: a failure is logged and never holds up the edits themselves. */
  private async writeActivity(
    entries: { board: string; user: string; section: string; period: Date; edits: number }[],
  ) {
    try {
      // One statement, atomic on its own.
      await this.database.db
        .insertInto('board_activity')
        .values(
          entries.map((a) => ({
            board_id: a.board,
            user_id: a.user,
            section: a.section,
            period_start: a.period,
            edits: a.edits,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['board_id', 'user_id', 'section', 'period_start'])
            .doUpdateSet({ edits: sql<number>`board_activity.edits + excluded.edits` }),
        )
        .execute();
    } catch (error) {
      this.options.log('persistence.activity_failed', { error: String(error) });
    }
  }

  /**
   * Replaces the board's compacted state by `state` merged with the stored state and the log rows it
   * replaces, and deletes exactly those rows. Merging matters with several instances: another
   * instance's rows may hold edits this one has not received yet. Compactions of one board (from any
   * instance) take turns on the board's row lock.
   */
  private async writeCompaction(boardId: string, ownState: Uint8Array): Promise<void> {
    let size = 0;
    await runAsSystem(this.database, async (tx) => {
      await tx.selectFrom('boards').select('id').where('id', '=', boardId).forUpdate().execute();
      const rows = await tx
        .selectFrom('board_updates')
        .select(['id', 'update'])
        .where('board_id', '=', boardId)
        .execute();
      const stored = await tx
        .selectFrom('board_documents')
        .select('state')
        .where('board_id', '=', boardId)
        .executeTakeFirst();
      const merged = new Y.Doc();
      for (const update of [...(stored ? [stored.state] : []), ...rows.map((row) => row.update), ownState]) {
        Y.applyUpdate(merged, toBytes(update));
      }
      // Structs still waiting here (a row they build on is not committed yet) stay in the state.
      const state = Y.encodeStateAsUpdate(merged);
      merged.destroy();
      size = state.length;
      const last = { id: String(rows.reduce((max, row) => Math.max(max, Number(row.id)), 0)) };
      await tx
        .insertInto('board_documents')
        .values({ board_id: boardId, state, through_update_id: Number(last.id), updated_at: new Date() })
        .onConflict((oc) =>
          oc.column('board_id').doUpdateSet({
            state,
            through_update_id: sql<number>`greatest(board_documents.through_update_id, excluded.through_update_id)`,
            updated_at: new Date(),
          }),
        )
        .execute();
      if (rows.length > 0) {
        await tx
          .deleteFrom('board_updates')
          .where(
            'id',
            'in',
            rows.map((row) => row.id),
          )
          .execute();
      }
    });
    this.logRows.set(boardId, 0);
    this.options.log('persistence.compacted', { board: boardId, bytes: size });
  }
}

/** pg hands back Buffers, PGlite Uint8Arrays; Yjs wants plain Uint8Arrays. */
function toBytes(value: Uint8Array): Uint8Array {
  return value instanceof Buffer ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
}
