// First: what stops the run (configuration, database) is told in one line.
import { started } from '~/start-failure.server';
import { config } from '~/config.server';
import { startDatabase } from '~/db/db.server';

/**
 * `npm run migrate`: the pending migrations and nothing else (no demo data, no server), for an upgrade's
 * first step. Every process also migrates when it starts; the advisory lock makes them take turns.
 */
const database = await startDatabase();
await database.close();
started();
console.log(`The database is up to date (${config.embedded ? `PGlite under ${config.dataDir}` : 'DATABASE_URL'}).`);
