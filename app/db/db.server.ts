import path from 'node:path';
import { config } from '~/config.server';
import type { User } from '~/auth/user';
import { openDatabase, type Database } from './connection.server';
import { migrate } from './migrate.server';
import { runAs, runAsSystem, type Tx } from './with-user.server';

// The Express server and the Remix build each load this module; globalThis makes them share one database.
const KEY = Symbol.for('expertpool.database');
type Holder = { [KEY]?: Promise<Database> };
const holder = globalThis as Holder;

/** Opens the configured database and applies pending migrations, once per process. */
export function startDatabase(): Promise<Database> {
  holder[KEY] ??= (async () => {
    const database = await openDatabase({
      url: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'pglite'),
      // PGlite's WebAssembly in a worker thread, off the loop that serves requests and WebSockets.
      worker: process.env.PGLITE_WORKER !== '0',
    });
    await migrate(database);
    return database;
  })();
  return holder[KEY];
}

export function getDatabase(): Promise<Database> {
  return startDatabase();
}

/** The one way a request reads or writes: as its user (or anon), under row level security. */
export async function withUser<T>(user: User | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return runAs(await getDatabase(), user ? { sub: user.id, email: user.email, role: 'authenticated' } : null, work);
}

/** Bypasses row level security: auth provider, mail delivery, jobs and seeding only. */
export async function asSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return runAsSystem(await getDatabase(), work);
}

export type { Tx };
