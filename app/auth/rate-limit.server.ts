import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { CompiledQuery } from 'kysely';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { config } from '~/config.server';
import type { Database } from '~/db/connection.server';
import { getDatabase } from '~/db/db.server';

/**
 * Where the limiters keep their counts, so that every app process sees the same ones: the database's
 * `rate_limits` table (Postgres, or PGlite in embedded mode through the same queries), or Redis.
 */
export type LimiterStore = { kind: 'database'; database: Database } | { kind: 'redis'; client: Redis; prefix: string };

export interface DelaySettings {
  /** Attempts that go through at once within the window. */
  freeAttempts: number;
  /** How long attempts are remembered, from the first one. */
  windowSeconds: number;
  /** The wait after the last free attempt; it doubles with each further attempt… */
  firstDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
}

/** An attempt that may go ahead; `nextWaitSeconds` is how long the one after it has to wait (0: none). */
export interface Granted {
  granted: true;
  nextWaitSeconds: number;
  /** Gives the attempt back, as if it had not been made. */
  release(): Promise<void>;
}
export interface Refused {
  granted: false;
  waitSeconds: number;
}

/**
 * The database store speaks rate-limiter-flexible's `pg` client protocol through Kysely, so the
 * same table works on the Postgres server and in embedded PGlite (one process there, but its counts
 * survive a restart, and the tests run the same code as production).
 */
function databaseClient(database: Database) {
  return {
    async query({ text, values }: { text: string; values?: unknown[] }) {
      const result = await database.db.executeQuery(CompiledQuery.raw(text, values ?? []));
      const rowCount = result.rows.length > 0 ? result.rows.length : Number(result.numAffectedRows ?? 0);
      return { rows: result.rows, rowCount };
    },
  };
}

/** One rate-limiter-flexible limiter on the store. Keys are hashed before they reach it. */
function limiterOn(store: LimiterStore, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  if (store.kind === 'redis') {
    return new RateLimiterRedis({
      storeClient: store.client,
      keyPrefix: `${store.prefix}${keyPrefix}`,
      points,
      duration,
      // With Redis away, sign-in still works, limited by this process alone, instead of failing.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }
  return new RateLimiterPostgres({
    storeClient: databaseClient(store.database),
    storeType: 'client',
    schemaName: 'public',
    tableName: 'rate_limits',
    tableCreated: true, // by migration 20261204100100_rate_limits.sql
    // Expired rows are deleted by the one limiter per store that got the job (see cleanerFor).
    clearExpiredByTimeout: cleanerFor(store),
    keyPrefix,
    points,
    duration,
  });
}

const cleaned = new WeakSet<Database>();
function cleanerFor(store: { database: Database }): boolean {
  if (cleaned.has(store.database)) return false;
  cleaned.add(store.database);
  return true;
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url');

/** The limiter's answer when a budget is spent, its count either way; anything else is a store error. */
async function consumed(attempt: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await attempt;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return outcome;
    throw outcome;
  }
}

/**
 * One budget: `freeAttempts` per window go through at once; after the last of them each further
 * attempt must wait, first `firstDelaySeconds`, then twice as long each time, up to `maxDelaySeconds`.
 * A slow attacker gets few guesses, and a person who mistyped waits seconds, never a fixed lockout.
 *
 * The attempt is counted before it is made (and can be given back), so a burst of parallel requests
 * cannot all pass before the first failure is written: the wait is a "gate" taken atomically — of all
 * requests arriving while it is open, only the one that set it goes ahead.
 */
export function growingDelay(store: LimiterStore, name: string, settings: DelaySettings) {
  const free = limiterOn(store, `${name}:free`, settings.freeAttempts, settings.windowSeconds);
  // Attempts made after the free ones: the exponent of the next wait.
  const delayed = limiterOn(store, `${name}:delayed`, 1, settings.windowSeconds);
  const gate = limiterOn(store, `${name}:gate`, 1, settings.maxDelaySeconds);
  const waitAfter = (delayedSoFar: number) =>
    Math.min(settings.firstDelaySeconds * 2 ** delayedSoFar, settings.maxDelaySeconds);

  return {
    async take(rawKey: string): Promise<Granted | Refused> {
      const key = hashed(rawKey);
      const used = (await consumed(free.consume(key))).consumedPoints;
      if (used < settings.freeAttempts) {
        return { granted: true, nextWaitSeconds: 0, release: async () => void (await free.reward(key)) };
      }
      const wait = waitAfter((await delayed.get(key))?.consumedPoints ?? 0);
      const slot = await gate.penalty(key, 1, { customDuration: wait });
      if (slot.consumedPoints === 1) {
        await delayed.penalty(key);
        return {
          granted: true,
          nextWaitSeconds: wait,
          release: async () => void (await Promise.all([free.reward(key), delayed.reward(key), gate.delete(key)])),
        };
      }
      await free.reward(key);
      return { granted: false, waitSeconds: Math.max(1, Math.ceil(slot.msBeforeNext / 1000)) };
    },

    /** Forgets every attempt made for the key (a successful sign-in forgives the account its failures). */
    async forget(rawKey: string): Promise<void> {
      const key = hashed(rawKey);
      await Promise.all([free.delete(key), delayed.delete(key), gate.delete(key)]);
    },
  };
}

export type GrowingDelay = ReturnType<typeof growingDelay>;

/**
 * Takes an attempt from several budgets at once (per account, per address …): granted only when every
 * one grants, and then the next attempt waits for the longest of their waits. When one refuses, the
 * attempts already taken from the others are given back.
 */
async function takeAll(
  budgets: [GrowingDelay, string][],
): Promise<{ granted: true; nextWaitSeconds: number; each: Granted[] } | Refused> {
  const outcomes = await Promise.all(budgets.map(([budget, key]) => budget.take(key)));
  const granted = outcomes.filter((o): o is Granted => o.granted);
  if (granted.length < outcomes.length) {
    await Promise.all(granted.map((g) => g.release()));
    return { granted: false, waitSeconds: Math.max(...outcomes.map((o) => (o.granted ? 0 : o.waitSeconds))) };
  }
  return { granted: true, nextWaitSeconds: Math.max(...granted.map((g) => g.nextWaitSeconds)), each: granted };
}

export interface LoginLimits {
  freeFailures: number;
  freeFailuresPerAccount: number;
  freeFailuresPerIp: number;
  windowSeconds: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  maxAccountDelaySeconds: number;
}

/**
 * Budgets keyed on an account (the e-mail address as typed, so unknown addresses are limited exactly
 * like known ones) and the client's address:
 * - per account and address: the attacker's own budget; it never slows the real person elsewhere;
 * - per account, from every address: slows a guesser who spreads over many addresses, with a short
 *   cap because it also slows the real person;
 * - per address, for every account: slows one address trying many accounts, with a generous budget
 *   because a municipality's staff may share one address.
 */
export function accountLimiter(store: LimiterStore, purpose: string, limits: LoginLimits) {
  const settings = (freeAttempts: number, maxDelaySeconds = limits.maxDelaySeconds): DelaySettings => ({
    freeAttempts,
    windowSeconds: limits.windowSeconds,
    firstDelaySeconds: limits.firstDelaySeconds,
    maxDelaySeconds,
  });
  const perAccountAndAddress = growingDelay(store, `${purpose}:account+ip`, settings(limits.freeFailures));
  const perAccount = growingDelay(
    store,
    `${purpose}:account`,
    settings(limits.freeFailuresPerAccount, Math.min(limits.maxAccountDelaySeconds, limits.maxDelaySeconds)),
  );
  const perAddress = growingDelay(store, `${purpose}:ip`, settings(limits.freeFailuresPerIp));

  return {
    /**
     * Counts an attempt for the account from the address before it is made. On success call
     * `succeeded()`: successes cost nothing, and the account's failures are forgiven (only someone
     * who knows the password can do that; the address's count is not, or a guesser with one account
     * of their own could wipe it between guesses).
     */
    async attempt(email: string, ip: string) {
      const account = email.trim().toLowerCase();
      const taken = await takeAll([
        [perAccountAndAddress, `${account}\n${ip}`],
        [perAccount, account],
        [perAddress, ip],
      ]);
      if (!taken.granted) return taken;
      const [, , fromAddress] = taken.each;
      return {
        granted: true as const,
        nextWaitSeconds: taken.nextWaitSeconds,
        succeeded: async () => {
          await Promise.all([
            perAccountAndAddress.forget(`${account}\n${ip}`),
            perAccount.forget(account),
            fromAddress!.release(),
          ]);
        },
      };
    },
  };
}

/** One budget per client address (the public "ask us" form). */
export function addressLimiter(store: LimiterStore, purpose: string, settings: DelaySettings) {
  const perAddress = growingDelay(store, `${purpose}:ip`, settings);
  return { attempt: (ip: string) => perAddress.take(ip) };
}

/** A store on Redis when `redisUrl` is set, else on the database. */
export function limiterStore(redisUrl: string | undefined, database: Database): LimiterStore {
  if (!redisUrl) return { kind: 'database', database };
  // Commands wait while it connects; when it is down they fail after one retry (→ insurance limiter).
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  client.on('error', (error: Error) => console.warn(`limiter Redis: ${error.message}`));
  return { kind: 'redis', client, prefix: 'expertpool:limits:' };
}

let appStore: Promise<LimiterStore> | null = null;
/** The app's one store, from the configuration (REDIS_URL, else the app's database), made on first use. */
export function appLimiterStore(): Promise<LimiterStore> {
  appStore ??= getDatabase().then((database) => limiterStore(config.redisUrl, database));
  return appStore;
}
