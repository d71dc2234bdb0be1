// First: from here on, what stops the start (configuration, database, port) is told in one line.
import { started } from '~/start-failure.server';
import { createServer } from 'node:http';
import { config, sessionSecret } from '~/config.server';
import { startDatabase } from '~/db/db.server';
import { collabHealth } from './http';
import { startCollab } from './start';

/**
 * `npm run collab`: the collab-server as its own process (production: next to the app, on the same
 * Postgres through DATABASE_URL and with the same SESSION_SECRET). The app mounts it at /collab itself
 * when no separate process is wanted.
 */
const secret = sessionSecret();
const database = await startDatabase();
const server = createServer();
const health = collabHealth(startCollab({ server, database, secret }));
server.on('request', (request, response) => {
  if (request.url === '/collab/healthz') return health(request, response);
  response.writeHead(404).end();
});

const port = config.collabPort;
server.listen(port, config.host, () => {
  started();
  const redis = process.env.REDIS_URL ? 'on' : 'off';
  console.log(
    `collab-server listening on ws://${config.host}:${port}/collab (database: ${database.kind}, fan-out: ${redis})`,
  );
});
