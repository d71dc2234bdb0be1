import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { deriveTokenKey } from '../../collab-server/auth';
import { mountCollab } from '../../collab-server/http';
import { createCollabServer } from '../../collab-server/server';
import { openDatabase } from '~/db/connection.server';
import { migrate } from '~/db/migrate.server';
import { runAsSystem } from '~/db/with-user.server';

/** One benchmark server in its own process: `ours`, `ywss` (@y/websocket-server) or `hocuspocus`. */
const [kind = 'ours', portArg = '0', boardsArg = '1'] = process.argv.slice(2);
const port = Number(portArg);
let lag: () => number = () => 0;
let boards: string[] = Array.from({ length: Number(boardsArg) }, () => crypto.randomUUID());

if (kind === 'ours') {
  const database = await openDatabase({});
  await migrate(database);
  boards = await runAsSystem(database, async (tx) => {
    const pool = await tx.insertInto('pools').values({ name: 'Bench pool' }).returning('id').executeTakeFirstOrThrow();
    const rows = await tx
      .insertInto('boards')
      .values(boards.map((id) => ({ id, pool_id: pool.id, title: 'bench' })))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  });
  const collab = createCollabServer({
    database,
    tokenKey: deriveTokenKey('bench-secret-0123456789abcdef0123'),
    limits: { maxConnectionsPerBoard: 1000, maxConnectionsPerUser: 1000, messagesPerSecond: 1000, messageBurst: 2000 },
    log: () => {},
    // The benchmark clients write their own roots ('t', 'lat'), not a board's.
    acceptRoot: () => true,
  });
  const server = createServer();
  mountCollab(server, collab);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let maxLag = 0;
  setInterval(() => (maxLag = Math.max(maxLag, collab.stats().persistence.lagMs)), 10).unref();
  lag = () => maxLag;
} else if (kind === 'ywss') {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as unknown as {
    setupWSConnection: (ws: unknown, req: unknown) => void;
  };
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
} else {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port, address: '127.0.0.1', quiet: true });
  await server.listen();
}

const cpuStart = process.cpuUsage();
process.on('message', (message) => {
  if (message === 'stats') {
    const cpu = process.cpuUsage(cpuStart);
    process.send!({
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      lagMs: lag(),
    });
  }
});
process.send!({ ready: true, boards });
