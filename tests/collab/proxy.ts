import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin TCP proxy on a loopback port, standing in for the reverse proxy in front of several
 * collab-servers: each new connection goes to the next backend, and to the one after that when a
 * backend refuses (a killed process), as a proxy with passive health checks does. `routed` lists the
 * backend port each connection went to, in order.
 */
export async function roundRobinProxy(backends: number[]) {
  let next = 0;
  const routed: number[] = [];
  const open = new Set<Socket>();

  function connect(client: Socket, tries: number) {
    const port = backends[next++ % backends.length]!;
    const upstream = createConnection({ host: '127.0.0.1', port });
    let connected = false;
    upstream.on('error', () => {
      upstream.destroy();
      if (connected) return;
      if (tries > 1) connect(client, tries - 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      routed.push(port);
      open.add(upstream);
      // A backend that dies cuts its connections: the client sees the close, as through a real proxy.
      upstream.once('close', () => {
        open.delete(upstream);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    connect(client, backends.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    routed,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
