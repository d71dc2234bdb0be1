import { afterAll, beforeAll } from 'vitest';
import type { Database } from '~/db/connection.server';
import { freshDatabase } from './database';
import { worldOf, type World } from './fixtures';

/** Points the app's database module (app/db/db.server.ts) at a test database, as the server would. */
export function useAsAppDatabase(database: Database): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('expertpool.database')] = Promise.resolve(database);
}

/**
 * For a file that calls routes: a fresh database with the demo world, used as the app's own, closed
 * after the file. Returns the world (available once the file's tests run).
 */
export function seededAppWorld(): () => World {
  let world: World;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshDatabase({ demo: true });
    close = database.close;
    world = await worldOf(database);
    useAsAppDatabase(database);
  });
  afterAll(() => close());
  return () => world;
}
