import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { CollabServer } from './server';

/** Hands the HTTP server's WebSocket upgrades for /collab to the collab-server; any other upgrade is refused. */
export function mountCollab(server: Server, collab: CollabServer): void {
  server.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith('/collab/')) collab.handleUpgrade(request, socket, head as Buffer);
    else socket.destroy();
  });
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
