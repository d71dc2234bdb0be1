import path from 'node:path';
import { sql } from 'kysely';
import { config } from '~/config.server';
import { StartFailure } from '~/start-failure.server';
import { openDatabase, type Database } from './connection.server';
import { migrate } from './migrate.server';
import { answerToDatabaseError } from './refusals.server';
import { claimsOf, runAs, runAsSystem, type Principal, type Tx } from './with-user.server';

// The Express server and the Remix build each load this module; globalThis makes them share one database.
const KEY = Symbol.for('expertpool.database');
type Holder = { [KEY]?: Promise<Database> };
const holder = globalThis as Holder;

/** Opens the configured database and applies pending migrations, once per process. */
export function startDatabase(): Promise<Database> {
  holder[KEY] ??= (async () => {
    const database = await openDatabase({
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      dataDir: path.join(config.dataDir, 'pglite'),
      worker: config.pgliteWorker,
    });
    const applied = await migrate(database).catch((error: unknown) => {
      throw unreachable(error, config.databaseUrl) ?? error;
    });
    for (const migration of applied) console.log(`migrated: ${migration}`);
    return database;
  })();
  return holder[KEY];
}

/** The database server, as an operator may see it in a log: without the password. */
function whereIs(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.href;
}

/** A database the process cannot use at start, said in one line with what to change. */
export function unreachable(error: unknown, url: string | undefined): StartFailure | null {
  if (!url) return null;
  const code = (error as { code?: string } | null)?.code;
  const at = `the database at ${whereIs(url)}`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: `${at} refused the connection: start it, or set DATABASE_URL to a server that runs.`,
    ENOTFOUND: `the host of ${at} is not known: check the host name in DATABASE_URL.`,
    EAI_AGAIN: `the host of ${at} could not be looked up: check the host name in DATABASE_URL and the network.`,
    ETIMEDOUT: `${at} did not answer: check DATABASE_URL and the network between here and there.`,
    EHOSTUNREACH: `${at} cannot be reached: check DATABASE_URL and the network between here and there.`,
    '28P01': `${at} refused the user name or password: check them in DATABASE_URL.`,
    '28000': `${at} does not let this user in: check the user in DATABASE_URL and the server's pg_hba.conf.`,
    '3D000': `${at} does not exist: create it, or fix its name in DATABASE_URL.`,
  };
  return code && reasons[code] ? new StartFailure(reasons[code]) : null;
}

export function getDatabase(): Promise<Database> {
  return startDatabase();
}

/** Answers when the database does, for health checks; fails when it does not within `timeoutMs`. */
export async function pingDatabase(timeoutMs: number): Promise<Database> {
  const database = await getDatabase();
  await Promise.race([
    sql`select 1`.execute(database.db),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
  ]);
  return database;
}

/**
 * The one way a request reads or writes: as its user (or anon), under row level security. What the
 * database refuses comes out as the matching 4xx answer (see answerToDatabaseError).
 */
export async function withUser<T>(user: Principal | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await runAs(await getDatabase(), claimsOf(user), work);
  } catch (error) {
    throw answerToDatabaseError(error) ?? error;
  }
}

/** Bypasses row level security: auth provider, joining and deletion (app/people), mail delivery, jobs and seeding only. */
export async function asSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return runAsSystem(await getDatabase(), work);
}

export type { Principal, Tx };
