// First: from here on, what stops the start (configuration, database, port) is told in one line.
import { started } from '~/start-failure.server';
import { createServer } from 'node:http';
import { config, sessionSecret } from '~/config.server';
import { startDatabase } from '~/db/db.server';
import { deriveTokenKey } from './auth';
import { listenForBoardChanges } from './notifications';
import { fanoutFromEnv } from './fanout';
import { collabHealth, mountCollab } from './http';
import { limitsFromEnv } from './limits';
import { consoleLog, createCollabServer } from './server';

/**
 * `npm run collab`: the collab-server as its own process (production: next to the app, on the same
 * Postgres through DATABASE_URL and with the same SESSION_SECRET). The app mounts it at /collab itself
 * when no separate process is wanted.
 */
const tokenKey = deriveTokenKey(sessionSecret());
const database = await startDatabase();
const collab = createCollabServer({
  database,
  tokenKey,
  limits: limitsFromEnv(),
  fanout: fanoutFromEnv(),
});
// The app cannot call closeBoard in this process (embedded it does), nor say whose rights shrank, so
// the database tells this one.
const notifications = config.databaseUrl ? listenForBoardChanges(config.databaseUrl, collab, consoleLog) : null;
const health = collabHealth(collab);
const server = createServer((request, response) => {
  if (request.url === '/collab/healthz') return health(request, response);
  response.writeHead(404).end();
});
mountCollab(server, collab);

const port = Number(process.env.COLLAB_PORT ?? config.port + 1);
server.listen(port, config.host, () => {
  started();
  const redis = process.env.REDIS_URL ? 'on' : 'off';
  console.log(
    `collab-server listening on ws://${config.host}:${port}/collab (database: ${database.kind}, fan-out: ${redis})`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void notifications?.close();
    void collab
      .close()
      .catch((error) => console.error('collab flush failed', error))
      .finally(() => {
        server.closeAllConnections();
        void database.close().finally(() => process.exit(0));
      });
  });
}
