import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsSystem } from '~/db/with-user.server';
import { requestContext } from '../request-context';
import { useAsAppDatabase } from './app-database';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';

// Issue 16, item 1: /forgot-password had no limit, and a known address did more work than an unknown
// one (a token, a mail, an SMTP delivery awaited), which a stopwatch could tell apart.
let world: World;
let close: () => Promise<void>;
/** Statements the app sent to the database, counted by a Kysely plugin on the app's connection. */
let statements = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    statements += 1;
    return args.result;
  },
};

beforeAll(async () => {
  const database = await freshDatabase({ demo: true });
  close = database.close;
  world = await worldOf(database);
  useAsAppDatabase({ ...database, db: database.db.withPlugin(counter) });
});
afterAll(() => close());

async function forgot(email: string, ip: string) {
  const { action } = await import('~/routes/forgot-password');
  const request = new Request('http://localhost/forgot-password', {
    method: 'POST',
    body: new URLSearchParams({ email }),
  });
  const before = statements;
  const response = await action({ request, params: {}, context: requestContext(ip) });
  return { status: response.status, body: (await response.json()) as object, statements: statements - before };
}

const mailsTo = (address: string) =>
  runAsSystem(world.database, (tx) =>
    tx.selectFrom('outbox').select('body_text').where('to_address', '=', address).execute(),
  );

describe('asking for a new password', () => {
  it('answers the same, after the same work, whether or not the address has an account', async () => {
    const known = await forgot('samir@demo.expertpool.nl', '10.7.0.1');
    const unknown = await forgot('nobody.here@example.org', '10.7.0.2');
    expect(known.status).toBe(200);
    expect(known.statements).toBeGreaterThan(0);
    expect(unknown).toEqual(known);
    expect(await mailsTo('samir@demo.expertpool.nl')).toEqual([
      { body_text: expect.stringMatching(/http:\/\/localhost:\d+\/reset-password\/\S+/) },
    ]);
    expect(await mailsTo('nobody.here@example.org')).toEqual([]);
  });

  it('is limited like signing in: per address typed, the same for addresses without an account', async () => {
    for (const email of ['layla@demo.expertpool.nl', 'not.a.member@example.org']) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await forgot(email, '10.7.1.1')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await forgot(email, '10.7.1.1');
      expect(refused.body).toMatchObject({
        sent: false,
        values: { email },
        formError: 'errors.rate_limited',
        retryAfterSeconds: expect.any(Number),
      });
      // Someone else asking for the same address from another address is not held up by this.
      expect((await forgot(email, '10.7.1.2')).status).toBe(200);
    }
    expect(await mailsTo('layla@demo.expertpool.nl')).toHaveLength(6);
  });
});
