import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountLimiter, growingDelay, type Granted, type LimiterStore, type Refused } from '~/auth/rate-limit.server';
import { openDatabase, type Database } from '~/db/connection.server';
import { redisReachable, TEST_REDIS_URL } from '../redis';
import { freshDatabase } from './database';

// Issue 16, item 11. The limiters count failures only, grow the wait instead of locking out, and keep
// their counts where every app process sees them: the database (here PGlite, or the Postgres server
// with TEST_DATABASE_URL) or Redis.
const REDIS_URL = TEST_REDIS_URL;
const redisUp = await redisReachable();
if (!redisUp) console.warn(`SKIPPED: Redis is not reachable at ${REDIS_URL}; the Redis store tests need it.`);

let database: Awaited<ReturnType<typeof freshDatabase>>;
/** Another connection to the same database: a second app process (its own pool on the server). */
let second: Database;
beforeAll(async () => {
  database = await freshDatabase();
  second = database.url ? await openDatabase({ url: database.url }) : database;
});
afterAll(async () => {
  if (second !== database) await second.close();
  await database.close();
});
afterEach(() => vi.useRealTimers());

const settings = { freeAttempts: 3, windowSeconds: 3600, firstDelaySeconds: 2, maxDelaySeconds: 10 };
const granted = (outcome: Granted | Refused) => outcome.granted;
const key = () => `someone-${randomUUID()}`;

describe('a growing delay on the database', () => {
  const store = (): LimiterStore => ({ kind: 'database', database });

  it('lets the free attempts through, then doubles the wait up to its cap', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const budget = growingDelay(store(), `test-${randomUUID()}`, settings);
    const who = key();
    const take = () => budget.take(who);
    expect(await take()).toMatchObject({ granted: true, nextWaitSeconds: 0 });
    expect(await take()).toMatchObject({ granted: true, nextWaitSeconds: 0 });
    // The last free attempt already tells how long the next one waits.
    expect(await take()).toMatchObject({ granted: true, nextWaitSeconds: 2 });
    expect(await take()).toEqual({ granted: false, waitSeconds: 2 });

    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1000);
      const early = await take();
      expect(early.granted).toBe(false);
      vi.advanceTimersByTime((early as Refused).waitSeconds * 1000 + 50);
      const next = await take();
      expect(next.granted).toBe(true);
      waits.push((next as Granted).nextWaitSeconds);
    }
    expect(waits).toEqual([4, 8, 10, 10, 10]);
  });

  it('a burst of parallel attempts gets only the free ones through', async () => {
    const budget = growingDelay(store(), `test-${randomUUID()}`, settings);
    const who = key();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => budget.take(who)));
    expect(outcomes.filter(granted)).toHaveLength(3);
  });

  it('an attempt given back costs nothing', async () => {
    const budget = growingDelay(store(), `test-${randomUUID()}`, settings);
    const who = key();
    for (let i = 0; i < 10; i++) {
      const outcome = await budget.take(who);
      expect(outcome.granted).toBe(true);
      await (outcome as Granted).release();
    }
  });

  it('two app processes on one database share the counts', async () => {
    const name = `test-${randomUUID()}`;
    const here = growingDelay(store(), name, settings);
    const there = growingDelay({ kind: 'database', database: second }, name, settings);
    const who = key();
    for (let i = 0; i < 3; i++) expect((await here.take(who)).granted).toBe(true);
    expect(await there.take(who)).toMatchObject({ granted: false });
    await there.forget(who);
    expect((await here.take(who)).granted).toBe(true);
  });
});

describe('the sign-in limiter', () => {
  const limits = {
    freeFailures: 3,
    freeFailuresPerAccount: 6,
    freeFailuresPerIp: 5,
    windowSeconds: 3600,
    firstDelaySeconds: 30,
    maxDelaySeconds: 900,
    maxAccountDelaySeconds: 60,
  };
  const limiter = () => accountLimiter({ kind: 'database', database }, `test-${randomUUID()}`, limits);

  it("an attacker's failures slow their own address; the real person elsewhere signs in", async () => {
    const signIn = limiter();
    for (let i = 0; i < 3; i++) expect((await signIn.attempt('amal@example.org', '198.51.100.7')).granted).toBe(true);
    expect(await signIn.attempt('amal@example.org', '198.51.100.7')).toMatchObject({ granted: false });
    const real = await signIn.attempt('Amal@example.org ', '203.0.113.5');
    expect(real.granted).toBe(true);
  });

  it('guessing from many addresses slows the account, but only briefly (the cap is a minute)', async () => {
    const signIn = limiter();
    for (let i = 0; i < 6; i++)
      expect((await signIn.attempt('hawa@example.org', `198.51.100.${i}`)).granted).toBe(true);
    const refused = await signIn.attempt('hawa@example.org', '203.0.113.5');
    expect(refused).toMatchObject({ granted: false });
    expect((refused as Refused).waitSeconds).toBeLessThanOrEqual(60);
  });

  it('a success forgives the account its failures and costs the address nothing', async () => {
    const signIn = limiter();
    for (let round = 0; round < 4; round++) {
      expect((await signIn.attempt('olena@example.org', '192.0.2.1')).granted).toBe(true); // a typo
      const success = await signIn.attempt('olena@example.org', '192.0.2.1');
      expect(success.granted).toBe(true);
      if (success.granted) await success.succeeded();
    }
    // Four failures and four successes: had the successes counted, the address's 5 would be gone.
    expect((await signIn.attempt('someone.else@example.org', '192.0.2.1')).granted).toBe(true);
    expect(await signIn.attempt('someone.else@example.org', '192.0.2.1')).toMatchObject({ granted: false });
  });

  it("a guesser's own successful sign-ins do not wipe their address's failures", async () => {
    const signIn = limiter();
    for (let i = 0; i < 5; i++) {
      await signIn.attempt(`victim${i}@example.org`, '192.0.2.66');
      const own = await signIn.attempt('guesser@example.org', '192.0.2.66');
      if (own.granted) await own.succeeded();
    }
    expect(await signIn.attempt('victim9@example.org', '192.0.2.66')).toMatchObject({ granted: false });
  });
});

// Skipped only without a Redis server (npm test and CI have one): the limiter's shared state under test is in Redis.
describe.skipIf(!redisUp)('a growing delay on Redis (REDIS_URL)', () => {
  const clients: Redis[] = [];
  const prefix = `test:limits:${randomUUID()}:`;
  const redisStore = (): LimiterStore => {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return { kind: 'redis', client, prefix };
  };
  afterAll(async () => {
    const keys = await clients[0]!.keys(`${prefix}*`);
    if (keys.length > 0) await clients[0]!.del(...keys);
    for (const client of clients) client.disconnect();
  });

  it('two app processes on one Redis share the counts, and the wait ends', async () => {
    const fast = { ...settings, firstDelaySeconds: 1 };
    const here = growingDelay(redisStore(), 'ask', fast);
    const there = growingDelay(redisStore(), 'ask', fast);
    const who = key();
    for (let i = 0; i < 3; i++) expect((await here.take(who)).granted).toBe(true);
    expect(await there.take(who)).toMatchObject({ granted: false, waitSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await there.take(who)).toMatchObject({ granted: true, nextWaitSeconds: 2 });
    expect((await here.take(who)).granted).toBe(false);
  });

  it('a burst of parallel attempts gets only the free ones through', async () => {
    const budget = growingDelay(redisStore(), 'burst', settings);
    const who = key();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => budget.take(who)));
    expect(outcomes.filter(granted)).toHaveLength(3);
  });
});
