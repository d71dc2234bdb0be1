import type { Database } from '~/db/connection.server';

/** Points the app's database module (app/db/db.server.ts) at a test database, as the server would. */
export function useAsAppDatabase(database: Database): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('expertpool.database')] = Promise.resolve(database);
}
