import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BoardPermission } from '~/boards/protocol';
import { deriveTokenKey, issueBoardToken } from '~/boards/protocol.server';
import { collabHealth, mountCollab } from '../../collab-server/http';
import type { Limits } from '../../collab-server/limits';
import { createCollabServer, type CollabServer, type CollabServerOptions } from '../../collab-server/server';
import { buildInitialState } from '~/boards/doc';
import type { Database } from '~/db/connection.server';
import { runAsSystem } from '~/db/with-user.server';
import { spawnEntry } from '../processes';

/** The session secret the test tokens are signed with (a child-process server gets it as SESSION_SECRET). */
export const TEST_SECRET = 'collab-test-secret-0123456789abcdef';
export const TEST_KEY = deriveTokenKey(TEST_SECRET);

/** A real collab-server on a random free port of 127.0.0.1, on the given database. */
export async function startCollab(
  database: Database,
  limits: Partial<Limits> = {},
  extra: Pick<CollabServerOptions, 'fanout' | 'pendingGraceMs' | 'log' | 'checkRightsNow'> = {},
) {
  const collab = createCollabServer({
    database,
    tokenKey: TEST_KEY,
    limits,
    log: process.env.COLLAB_LOG ? undefined : () => {},
    // Most tests' tokens name made-up people; tests/collab/lifetime.test.ts uses real ones.
    checkRightsNow: false,
    ...extra,
  });
  const health = collabHealth(collab);
  const server = createServer((request, response) => health(request, response));
  mountCollab(server, collab);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    collab,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    async stop() {
      await collab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type Running = Awaited<ReturnType<typeof startCollab>>;

/** The sections the tests' boards start with (cards must be in one of the board's sections). */
const TEST_SECTIONS = ['s', 'notes', 'wishes', 'ideas'];

/**
 * A pool and a board in it, written as the system (these tests are about the collab-server), with a
 * first document as the app stores one: `sections`, no cards.
 */
export async function createBoard(database: Database, title = 'Testbord', sections = TEST_SECTIONS): Promise<string> {
  const first = buildInitialState(
    sections.map((id) => ({ id, title: { nl: id, en: id, ar: id }, question: { nl: '?', en: '?', ar: '?' } })),
    [],
    { id: 'system', name: null },
  );
  return runAsSystem(database, async (tx) => {
    const pool = await tx
      .insertInto('pools')
      .values({ name: `Pool ${title}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const board = await tx
      .insertInto('boards')
      .values({ pool_id: pool.id, title })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('board_documents').values({ board_id: board.id, state: first, through_update_id: 0 }).execute();
    return board.id;
  });
}

/**
 * A real person in the board's pool (`role`), signed in once: for servers that ask the database what a
 * token's holder may do now (`checkRightsNow`, as `npm run collab` does). `session` is the sign-in's id.
 */
export async function addPerson(
  database: Database,
  boardId: string,
  role: 'member' | 'coordinator' = 'member',
): Promise<{ id: string; session: string }> {
  return runAsSystem(database, async (tx) => {
    const { pool_id: poolId } = await tx
      .selectFrom('boards')
      .select('pool_id')
      .where('id', '=', boardId)
      .executeTakeFirstOrThrow();
    const { id } = await tx
      .insertInto('auth.users')
      .values({ email: `${crypto.randomUUID()}@test.expertpool.nl`, email_confirmed_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pool_memberships').values({ pool_id: poolId, user_id: id, role }).execute();
    const session = await tx
      .insertInto('auth_sessions')
      .values({
        user_id: id,
        secret_hash: crypto.randomUUID().replaceAll('-', '').repeat(2),
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, session: session.id };
  });
}

export function token(
  boardId: string,
  permission: BoardPermission = 'edit',
  userId: string = crypto.randomUUID(),
  ttl = 600,
  identity: { name?: string; colour?: string } = {},
) {
  return issueBoardToken(TEST_KEY, { userId, boardId, permission, ...identity }, ttl).token;
}

/** A stock y-websocket client, as the browser uses it (with `ws` as its WebSocket in Node). */
export function client(url: string, boardId: string, params: Record<string, string>, connect = true) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    connect,
    disableBc: true,
  });
  return { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) };
}

export type Client = ReturnType<typeof client>;

export function synced(c: Client): Promise<void> {
  if (c.provider.synced) return Promise.resolve();
  return new Promise((resolve) => c.provider.once('sync', (state: boolean) => state && resolve()));
}

/** The close code and reason the server ended a raw connection with. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

export function rawSocket(url: string, boardId: string, params: Record<string, string> = {}): WebSocket {
  const query = new URLSearchParams(params).toString();
  return new WebSocket(`${url}/${boardId}${query ? `?${query}` : ''}`);
}

/** `rawSocket`, once it is open. */
export async function openRawSocket(url: string, boardId: string, params: Record<string, string>): Promise<WebSocket> {
  const ws = rawSocket(url, boardId, params);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

/** A sync message as a raw client sends it: an update (or another sync type) carrying `update`. */
export function syncMessage(update: Uint8Array, type: number = syncProtocol.messageYjsUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Polls until `check` holds (real networks and timers: no fixed sleeps). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const textOf = (doc: Y.Doc, name: string) => doc.getXmlFragment(name).toString();

/** A loopback port nobody listens on (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The standalone collab-server (`npm run collab`) as a child process; resolves once it listens. */
export async function spawnCollabProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const started = await spawnEntry(
    'collab-server/main.ts',
    { COLLAB_PORT: String(port), HOST: '127.0.0.1', ...env },
    'collab-server listening',
    45_000,
  );
  return started.process;
}

export type { Server, CollabServer };
