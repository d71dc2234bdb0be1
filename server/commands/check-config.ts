import pg from 'pg';
import { Redis } from 'ioredis';
import { readMigrations } from '~/db/migrate.server';
import { StartFailure } from '~/start-failure.server';
import { limitProblems } from '../../collab-server/limits';

/**
 * `npm run check-config`: every missing or wrong variable in one go, by the rules the processes apply
 * when they start (app/config.server.ts, collab-server/limits.ts), then whether the database and Redis
 * answer. Exit code 1 when anything is wrong; warnings alone leave it 0. Values are never printed.
 */
const problems: string[] = [];
const warnings: string[] = [];

const loaded = await import('~/config.server').catch((error: unknown) => {
  if (!(error instanceof StartFailure)) throw error;
  problems.push(...error.problems);
  return null;
});
problems.push(...limitProblems(process.env));

if (loaded) {
  const { config } = loaded;
  if (config.databaseUrl) problems.push(...(await databaseProblems(config.databaseUrl)));
  if (config.redisUrl) problems.push(...(await redisProblems(config.redisUrl)));
  if (config.production && !config.embedded) {
    if (!config.appUrl.startsWith('https://'))
      warnings.push('APP_URL is not an https:// address: links in mail and the session cookie are not secure.');
    if (!config.smtpUrl) warnings.push('SMTP_URL is not set: mail stays in the outbox table and is never sent.');
  }
}

for (const warning of warnings) console.log(`warning: ${warning}`);
if (problems.length > 0) {
  console.error(`${problems.length === 1 ? 'One problem' : `${problems.length} problems`} in the configuration:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log('The configuration is good.');

/** The database answers, and says which migrations it still lacks (a note, not a problem: processes migrate). */
async function databaseProblems(url: string): Promise<string[]> {
  const { unreachable } = await import('~/db/db.server');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    // A database never migrated has no such table yet: everything is pending.
    const { rows } = await client
      .query<{ version: string }>('select version from supabase_migrations.schema_migrations')
      .catch(() => ({ rows: [] as { version: string }[] }));
    const applied = new Set(rows.map((row) => row.version));
    const pending = (await readMigrations()).filter((migration) => !applied.has(migration.version));
    if (pending.length > 0)
      console.log(`note: ${pending.length} migrations are pending (npm run migrate applies them).`);
    return [];
  } catch (error) {
    return [(unreachable(error, url) ?? new StartFailure(`DATABASE_URL: ${(error as Error).message}`)).message];
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisProblems(url: string): Promise<string[]> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection's own error says more than the command's ("Connection is closed").
  let reason = '';
  redis.on('error', (error: Error) => (reason ||= error.message));
  try {
    await redis.connect();
    await redis.ping();
    return [];
  } catch (error) {
    return [
      `REDIS_URL does not answer (${reason || (error as Error).message}): check the address and that Redis runs.`,
    ];
  } finally {
    redis.disconnect();
  }
}
