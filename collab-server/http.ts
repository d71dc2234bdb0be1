import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { CollabServer } from './server';

const HOLDER = Symbol.for('expertpool.collab');

/**
 * Hands the HTTP server's WebSocket upgrades for /collab to the collab-server; any other upgrade is
 * refused. Also makes the instance findable by the app in the same process (to flush before a snapshot).
 */
export function mountCollab(server: Server, collab: CollabServer): void {
  (globalThis as Record<symbol, unknown>)[HOLDER] = collab;
  server.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith('/collab/')) collab.handleUpgrade(request, socket, head as Buffer);
    else socket.destroy();
  });
}

/** The collab-server running in this process, if any. */
export function collabInProcess(): CollabServer | null {
  return ((globalThis as Record<symbol, unknown>)[HOLDER] as CollabServer | undefined) ?? null;
}

/** GET /collab/healthz: open documents, connections and how far persistence is behind. */
export function collabHealth(collab: CollabServer) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    const stats = collab.stats();
    const ok = stats.persistence.lagMs < 10_000;
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ ok, ...stats }));
  };
}
