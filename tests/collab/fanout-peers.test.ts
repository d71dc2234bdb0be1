import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Fanout, type FanoutBoardHandlers } from '../../collab-server/fanout';
import { redisReachable, TEST_REDIS_URL } from '../redis';
import { eventually } from './harness';

/**
 * An instance that had a board open is gone (it died, or it closed): the instances left on the board
 * are told, so they write what they hold of its updates (tests/collab/processes.test.ts shows the whole
 * of it with a collab-server killed by SIGKILL). And an instance alone on a board publishes nothing,
 * yet one that opens the board later gets everything.
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

/** A board's handlers over a real document, as the collab-server's room gives them. */
function documentBoard() {
  const doc = new Y.Doc();
  const handlers: FanoutBoardHandlers = {
    applyUpdate: (update) => Y.applyUpdate(doc, update),
    applyAwareness: () => {},
    stateVector: () => Y.encodeStateVector(doc),
    diff: (stateVector) => Y.encodeStateAsUpdate(doc, stateVector),
    presence: () => null,
    peerGone: async () => {},
  };
  return { doc, handlers };
}

// Skipped only without a Redis server (npm test and CI have one): the fan-out under test is Redis pub/sub.
describe.skipIf(!redisUp)('Redis fan-out: an instance alone on a board', () => {
  afterAll(async () => {
    await Promise.all(open.map((fanout) => fanout.close()));
  });

  it('keeps its updates to itself, and an instance opening the board later still gets all of them', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.ready(), b.ready()]);
    const onA = documentBoard();
    const boardA = (await a.join('alleen')).ready(onA.handlers);
    /** Types on a's document and hands the update to the fan-out, as a client's edit would. */
    const type = (text: string) => {
      let update: Uint8Array | null = null;
      onA.doc.once('update', (u: Uint8Array) => (update = u));
      onA.doc.getText('t').insert(onA.doc.getText('t').length, text);
      boardA.publishUpdate(update!);
    };
    // Until a count has found it alone, it publishes; then it keeps its updates.
    let n = 0;
    await eventually(() => {
      type(`${n++} `);
      return a.stats().keptAlone > 0;
    });
    const keptBefore = a.stats().keptAlone;
    for (let i = 0; i < 5; i++) type(`alleen${i} `);
    expect(a.stats().keptAlone).toBe(keptBefore + 5);

    // b opens the board: its sync request is answered with everything, kept or published.
    const onB = documentBoard();
    (await b.join('alleen')).ready(onB.handlers);
    await eventually(() => onB.doc.getText('t').toString() === onA.doc.getText('t').toString());
    expect(onB.doc.getText('t').toString()).toContain('alleen4 ');

    // From then on a publishes again, and b sees what a types.
    const published = a.stats().published;
    type('samen ');
    expect(a.stats().published).toBe(published + 1);
    await eventually(() => onB.doc.getText('t').toString().endsWith('samen '));

    // b closes: a is alone again after the next count.
    await b.close();
    const kept = a.stats().keptAlone;
    await eventually(() => {
      type('weer ');
      return a.stats().keptAlone > kept;
    });
  });
});
