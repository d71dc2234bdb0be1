import pg from 'pg';
import type { Log } from './server';

/** The channel `boards_notify_deleted` (migration 20261202120000) notifies with the board's id. */
const CHANNEL = 'board_deleted';
const RECONNECT_MS = 1000;

/**
 * A standalone collab-server runs in another process than the app that deletes boards. It listens on
 * the database (Postgres LISTEN/NOTIFY; a notification arrives only once the delete commits), so people
 * still on a deleted board are told at once instead of at its next write. `check(ids)` is called with
 * the notified board, and without ids each time listening (re)starts, since notifications sent while
 * the connection was down are lost.
 */
export function listenForDeletedBoards(url: string, check: (boardIds?: string[]) => Promise<void>, log: Log) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void check([message.payload]);
    });
    next.on('error', (error) => {
      log('deletions.listener_error', { error: String(error) });
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      await check();
    } catch (error) {
      log('deletions.listen_failed', { error: String(error) });
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
