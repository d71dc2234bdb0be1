import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs, type Tx } from '~/db/with-user.server';
import { loadMonitoring } from '~/monitoring/queries.server';
import { freshDatabase } from './database';
import { seedWorld, type Actor, type World } from './fixtures';

let world: World;
let close: () => Promise<void>;
let alkmaar: string;
const as = <T>(actor: Actor, work: (tx: Tx) => Promise<T>) => runAs(world.database, world.claims(actor), work);

beforeAll(async () => {
  const database = await freshDatabase();
  close = database.close;
  world = await seedWorld(database);
  alkmaar = await as('reader', (tx) =>
    tx.selectFrom('municipalities').select('id').where('name', '=', 'Alkmaar').executeTakeFirstOrThrow().then((r) => r.id),
  );
});
afterAll(() => close());

describe('smoke', () => {
  it('loads', async () => {
    const data = await as('reader', (tx) => loadMonitoring(tx, alkmaar, 'nl'));
    console.log(JSON.stringify(data.goals, null, 1).slice(0, 6000));
    expect(data.goals.length).toBe(3);
  });
});
