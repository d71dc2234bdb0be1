import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import {
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type PGlite as KyselyPGlite,
  type PGliteQueryResults,
  type PGliteTransaction,
} from 'kysely';
import pg from 'pg';
import type { DB } from './types';
import { nameStatements, PREPARED_PER_CONNECTION } from './prepared-statements.server';

export type DatabaseKind = 'pglite' | 'postgres';

/** Runs SQL outside Kysely's query builder: multi-statement scripts (migrations) and plain queries. */
export interface ScriptRunner {
  exec(script: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** One transaction with raw access, for migrations and the bootstrap only. */
  scriptTransaction<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while this process holds the session-level advisory lock `key` (Postgres: on a connection
   * of its own, outside the pool, so `fn` may use every pooled one; the lock goes when that connection
   * does, also when the process dies). PGlite has one process and one connection: `fn` just runs.
   */
  exclusively<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * PGlite only: calls `handler` with the payload of each `NOTIFY channel` once its transaction commits.
   * (On a Postgres server a listener needs a connection of its own: collab-server/notifications.ts.)
   */
  listen?(channel: string, handler: (payload: string) => void): Promise<void>;
  /** In-process PGlite only: the whole cluster as a tarball, for `loadDataDir` (test templates). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A Postgres server; when absent, PGlite is used. */
  url?: string;
  /** Postgres only: connections in this process's pool (default 10). */
  poolSize?: number;
  /** PGlite's data directory; absent means in memory (tests). */
  dataDir?: string;
  /**
   * PGlite only: run it in a worker thread (`pglite-worker.mjs`), so its WebAssembly never blocks this
   * event loop (HTTP requests, the collab WebSockets). Each query then costs a message round trip.
   */
  worker?: boolean;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of an empty cluster (test templates). */
  loadDataDir?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return openPostgres(config.url, config.poolSize ?? 10);
  return config.worker ? openPgliteWorker(config) : openPglite(config);
}

/** One transaction on the worker's PGlite: statements and scripts, then `rollback` or, when `fn` returns, `commit`. */
interface WorkerTransaction extends PGliteTransaction {
  exec(script: string): Promise<void>;
}

/** The PGlite that Kysely's dialect and `scriptTransaction` use, as the worker thread offers it. */
interface PgliteWorker extends KyselyPGlite {
  transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T>;
  listen(channel: string, handler: (payload: string) => void): Promise<void>;
}

type WorkerReply =
  | { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }
  | { notification: { channel: string; payload: string } };

function workerScript(): string {
  // Next to this module in the source tree; from the Remix build (build/) it is found from the cwd.
  const here = new URL('./pglite-worker.mjs', import.meta.url);
  if (here.protocol === 'file:' && existsSync(here)) return here.pathname;
  return path.resolve('app/db/pglite-worker.mjs');
}

/**
 * PGlite in a worker thread, behind the calls of the in-process one that Kysely's dialect makes. Queries
 * are serialised here (PGlite has one connection); a transaction holds the line from `begin` to `commit`.
 */
async function startPgliteWorker({ dataDir, loadDataDir }: DatabaseConfig): Promise<PgliteWorker> {
  const worker = new Worker(workerScript(), {
    workerData: { dataDir, loadDataDir, preparedPerConnection: PREPARED_PER_CONNECTION },
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let nextId = 1;
  let closed = false;
  let line: Promise<unknown> = Promise.resolve();
  worker.unref(); // referenced only while a request is under way (see call)

  await new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { ready: boolean; error?: { message: string } }) =>
      message.ready ? resolve() : reject(new Error(`PGlite worker failed to start: ${message.error?.message}`)),
    );
    worker.once('error', reject);
  });
  const fail = (error: unknown) => {
    closed = true;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('PGlite worker exited')));
  const listeners = new Map<string, ((payload: string) => void)[]>();
  worker.on('message', (reply: WorkerReply) => {
    if ('notification' in reply) {
      const { channel, payload } = reply.notification;
      for (const handler of listeners.get(channel) ?? []) handler(payload);
      return;
    }
    const request = waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.error) request.reject(Object.assign(new Error(reply.error.message), reply.error));
    else request.resolve(reply.result);
  });

  function call<T>(message: Record<string, unknown>): Promise<T> {
    if (closed) return Promise.reject(new Error('PGlite worker is closed'));
    const id = nextId++;
    if (waiting.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...message });
    });
  }
  /** Runs `work` when the queries before it are done. */
  function inLine<T>(work: () => Promise<T>): Promise<T> {
    const result = line.then(work);
    line = result.catch(() => undefined);
    return result;
  }
  const query = <R>(text: string, params: unknown[] = [], begin = false) =>
    call<PGliteQueryResults<R>>({ op: 'query', sql: text, params, begin });
  const exec = (script: string, begin = false) => call<void>({ op: 'exec', sql: script, begin });
  return {
    query: (text, params) => inLine(() => query(text, params)),
    // `begin` goes with the transaction's first statement, one message to the worker (and one wait for
    // this thread) fewer per transaction; a transaction that sends no statement costs no message at all.
    transaction: <T>(fn: (tx: WorkerTransaction) => Promise<T>) =>
      inLine(async () => {
        let begun = false;
        let finished = false;
        const first = () => {
          if (finished) throw new Error('the transaction is already over');
          const begin = !begun;
          begun = true;
          return begin;
        };
        /** Ends the transaction, if a statement began it, with `rollback` or `commit`. */
        const end = async (op: 'rollback' | 'commit') => {
          const open = begun && !finished;
          finished = true;
          if (open) await (op === 'commit' ? call<void>({ op }) : exec(op));
        };
        let result: T;
        try {
          result = await fn({
            query: async (text, params) => query(text, params, first()),
            exec: async (script) => exec(script, first()),
            rollback: () => end('rollback'),
          });
        } catch (error) {
          await end('rollback');
          throw error;
        }
        await end('commit');
        return result;
      }),
    listen: async (channel, handler) => {
      const handlers = listeners.get(channel);
      if (handlers) return void handlers.push(handler);
      listeners.set(channel, [handler]);
      try {
        // In line: a LISTEN inside someone's open transaction would go if that one rolled back.
        await inLine(() => call<void>({ op: 'listen', channel }));
      } catch (error) {
        // Not listening after all: the next call tries again instead of waiting on nothing.
        listeners.delete(channel);
        throw error;
      }
    },
    close: () =>
      inLine(async () => {
        if (closed) return;
        await call<void>({ op: 'close' });
        closed = true;
        await worker.terminate();
      }),
    get closed() {
      return closed;
    },
    ready: true,
    waitReady: Promise.resolve(),
  };
}

async function openPgliteWorker(config: DatabaseConfig): Promise<Database> {
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await startPgliteWorker(config);
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    scriptTransaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: (script) => tx.exec(script),
          query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        }),
      ),
    exclusively: (_key, fn) => fn(),
    listen: (channel, handler) => pglite.listen(channel, handler),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPglite({ dataDir, loadDataDir }: DatabaseConfig): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : undefined, {
    extensions: { pg_trgm, unaccent },
    loadDataDir: loadDataDir ? new Blob([readFileSync(loadDataDir)]) : undefined,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    scriptTransaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (script) => {
            await tx.exec(script);
          },
          query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        }),
      ),
    exclusively: (_key, fn) => fn(),
    listen: async (channel, handler) => void (await pglite.listen(channel, handler)),
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover) must not take the process down.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  pool.on('connect', nameStatements);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    scriptTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          // Without parameters pg uses the simple query protocol, which accepts many statements at once.
          exec: async (script) => {
            await client.query(script);
          },
          query: async <R>(text: string, params?: unknown[]) =>
            (await client.query(text, params as unknown[])).rows as R[],
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    exclusively: async (key, fn) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        return await fn();
      } finally {
        // Closing the session releases its advisory locks; no unlock that a lost connection could miss.
        await client.end();
      }
    },
    close: () => db.destroy(),
  };
}
