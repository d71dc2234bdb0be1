import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Fanout, type FanoutBoardHandlers } from '../../collab-server/fanout';
import { redisReachable, TEST_REDIS_URL } from '../redis';
import { eventually } from './harness';

/**
 * An instance that had a board open is gone (it died, or it closed): the instances left on the board
 * are told, so they write what they hold of its updates (tests/collab/processes.test.ts shows the whole
 * of it with a collab-server killed by SIGKILL).
 */
const redisUp = await redisReachable();
if (!redisUp) console.warn(`SKIPPED: Redis is not reachable at ${TEST_REDIS_URL}; the fan-out tests need it.`);

const PREFIX = `test:peers:${randomUUID()}:`;
const open: Fanout[] = [];

function instance() {
  const fanout = new Fanout(TEST_REDIS_URL, { prefix: PREFIX, log: () => {}, peerCheckMs: 50 });
  open.push(fanout);
  return fanout;
}

/** A board's handlers that hold nothing and count how often a peer was reported gone. */
function board() {
  const gone = { count: 0 };
  const handlers: FanoutBoardHandlers = {
    applyUpdate: () => {},
    applyAwareness: () => {},
    stateVector: () => new Uint8Array([0]),
    diff: () => new Uint8Array([0, 0]),
    presence: () => null,
    peerGone: async () => {
      gone.count += 1;
    },
  };
  return { handlers, gone };
}

// Skipped only without a Redis server (npm test and CI have one): the fan-out under test is Redis pub/sub.
describe.skipIf(!redisUp)('Redis fan-out: an instance gone from a board', () => {
  afterAll(async () => {
    await Promise.all(open.map((fanout) => fanout.close()));
  });

  it('is reported to the instances still on the board, and only then', async () => {
    const [a, b, c] = [instance(), instance(), instance()];
    await Promise.all([a.ready(), b.ready(), c.ready()]);
    const onA = board();
    const onB = board();
    const elsewhere = board();
    (await a.join('bord')).ready(onA.handlers);
    (await b.join('bord')).ready(onB.handlers);
    // c has another board open only: a leaving 'bord' is none of its business.
    (await c.join('ander-bord')).ready(elsewhere.handlers);

    // Counted a few times over, both present: nobody is gone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([onA.gone.count, onB.gone.count]).toEqual([0, 0]);

    // a's connections to Redis close, as when its process dies.
    await a.close();
    await eventually(() => onB.gone.count === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onB.gone.count).toBe(1);
    expect(elsewhere.gone.count).toBe(0);
  });
});
