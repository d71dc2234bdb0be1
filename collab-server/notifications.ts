import pg from 'pg';
import type { Database } from '~/db/connection.server';
import type { Log } from './log';

const RECONNECT_MS = 1000;

/**
 * What a channel's notifications do: called with the payload, and without one each time listening
 * (re)starts, since notifications sent while the connection was down are lost.
 */
export type Handler = (payload?: string) => Promise<void>;

/**
 * A standalone collab-server runs in another process than the app that deletes boards and takes rights
 * away. It listens on the database (Postgres LISTEN/NOTIFY; a notification arrives only once its
 * transaction commits), so the people concerned are told at once instead of at the next write or
 * the next periodic rights check.
 */
export function listenToDatabase(url: string, channels: Record<string, Handler>, log: Log) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', (message) => {
      const handle = channels[message.channel];
      if (handle && message.payload) void handle(message.payload);
    });
    next.on('error', (error) => {
      log('notifications.listener_error', { error: String(error) });
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      for (const channel of Object.keys(channels)) await next.query(`listen ${channel}`);
      await Promise.all(Object.values(channels).map((handle) => handle()));
    } catch (error) {
      log('notifications.listen_failed', { error: String(error) });
      reconnect(next);
    }
  };
  const reconnect = (failed: pg.Client) => {
    if (stopped || client !== failed || retry) return;
    client = null;
    void failed.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };

  const ready = connect();
  return {
    /** Resolves once the first attempt to listen is done (for tests and start-up logs). */
    ready,
    async close() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * `board_deleted` (migration 20261202120000) names a deleted board: it, and after a reconnect every
 * loaded board, is closed if the database no longer has it.
 */
export const boardDeleted =
  (check: (boardIds?: string[]) => Promise<void>): Handler =>
  (boardId) =>
    check(boardId === undefined ? undefined : [boardId]);

/**
 * `board_rights_changed` (migration 20261204230000) says whose rights may have shrunk: `user:<id>` (a
 * sign-in session ended, a pool membership or role changed) or `board:<id>` (no longer shared with
 * readers). Their open connections are checked again; after a reconnect, all are.
 */
export const boardRightsChanged =
  (recheck: (only?: { user?: string; board?: string }) => Promise<void>): Handler =>
  (payload) => {
    const [kind, id] = payload?.split(':') ?? [];
    if (kind === 'user' && id) return recheck({ user: id });
    if (kind === 'board' && id) return recheck({ board: id });
    return recheck();
  };

/**
 * `board_update_stored` (app/boards/brainstorm.server.ts) names a log row the app appended itself,
 * `<board>:<row id>`: a board this instance holds applies it. Nothing to catch up after a reconnect: a
 * board loaded meanwhile read the row, and one held all along misses it only until it loads again
 * (the row stays in the log until a compaction merges it).
 */
export const boardUpdateStored =
  (apply: (boardId: string, updateId: number) => Promise<void>): Handler =>
  async (payload) => {
    const [boardId, id] = payload?.split(':') ?? [];
    const updateId = Number(id);
    if (boardId && Number.isSafeInteger(updateId)) await apply(boardId, updateId);
  };

/**
 * The embedded default (PGlite, in the app's process): NOTIFY works within PGlite too, so rights taken
 * away reach open board connections at once here as well, not only at the periodic check. Deleted boards
 * and rows the app appended reach this process's collab-server directly (`context.collab`): only rights
 * are listened to.
 */
export async function listenForRightsInProcess(
  listen: NonNullable<Database['listen']>,
  recheck: (only?: { user?: string; board?: string }) => Promise<void>,
  log: Log,
): Promise<void> {
  const handle = boardRightsChanged(recheck);
  await listen('board_rights_changed', (payload) => {
    handle(payload).catch((error: unknown) => log('rights.check_failed', { error: String(error) }));
  });
}

/** All three, as `npm run collab` listens when DATABASE_URL is set. */
export const listenForBoardChanges = (
  url: string,
  collab: {
    closeIfDeleted: (boardIds?: string[]) => Promise<void>;
    recheckRights: (only?: { user?: string; board?: string }) => Promise<void>;
    applyStoredRow: (boardId: string, updateId: number) => Promise<void>;
  },
  log: Log,
) =>
  listenToDatabase(
    url,
    {
      board_deleted: boardDeleted(collab.closeIfDeleted),
      board_rights_changed: boardRightsChanged(collab.recheckRights),
      board_update_stored: boardUpdateStored(collab.applyStoredRow),
    },
    log,
  );
