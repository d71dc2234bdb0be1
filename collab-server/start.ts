import type { Server } from 'node:http';
import { deriveTokenKey } from '~/boards/protocol.server';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { fanoutFromEnv } from './fanout';
import { mountCollab } from './http';
import { limitsFromEnv } from './limits';
import { consoleLog } from './log';
import { listenForBoardChanges, listenForRightsInProcess } from './notifications';
import { createCollabServer, type CollabServer } from './server';

/**
 * The collab-server as both entry points run it (the app's server/index.ts, on its own port, and
 * `npm run collab`, alone): configured from the environment and mounted on `server` for /collab.
 * On Postgres the database tells it of deleted boards and of rights taken away by other processes
 * (LISTEN). On PGlite the app in the same process is the only one changing them: it hands deleted boards
 * over directly, and PGlite's own NOTIFY tells of rights taken away.
 * SIGINT/SIGTERM stop the process in order: no new requests, `stopFirst` (what else the process
 * runs) and every board's pending edits written and compacted, then the database closed (PGlite writes
 * everything to disk).
 */
export function startCollab({
  server,
  database,
  secret,
  stopFirst,
}: {
  server: Server;
  database: Database;
  /** The app's session secret; the board token key is derived from it. */
  secret: string;
  stopFirst?: () => Promise<void>;
}): CollabServer {
  const collab = createCollabServer({
    database,
    tokenKey: deriveTokenKey(secret),
    limits: limitsFromEnv(),
    fanout: fanoutFromEnv(),
  });
  const notifications = config.databaseUrl ? listenForBoardChanges(config.databaseUrl, collab, consoleLog) : null;
  if (!config.databaseUrl && database.listen) {
    listenForRightsInProcess(database.listen, collab.recheckRights, consoleLog).catch((error: unknown) =>
      consoleLog('notifications.listen_failed', { error: String(error) }),
    );
  }
  mountCollab(server, collab);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      const stopped = stopFirst?.();
      void notifications?.close();
      void collab
        .close()
        .catch((error) => console.error('collab flush failed', error))
        .then(() => stopped)
        .finally(() => {
          server.closeAllConnections();
          void database.close().finally(() => process.exit(0));
        });
    });
  }
  return collab;
}
