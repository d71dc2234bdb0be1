import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAuth } from '~/auth/local.server';
import { openDatabase, type Database } from '~/db/connection.server';
import { PUBLISHABLE_KEY, SECRET_KEY, startFakeGoTrue } from '../fake-gotrue';
import { freshDatabase } from './database';

/**
 * The operator's commands as an operator runs them (`npm run migrate | admin:create | check-config`,
 * here through tsx as the npm scripts do), on an embedded data directory of their own, or with
 * TEST_DATABASE_URL on a fresh database of the Postgres server.
 */
const SECRET = 'an-operator-session-secret-0123456789abcdef';
let dataDir: string;
let server: Awaited<ReturnType<typeof freshDatabase>> | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'operator-'));
  if (process.env.TEST_DATABASE_URL) server = await freshDatabase({ migrate: false });
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function run(
  command: string,
  args: string[],
  /** `undefined` takes a variable away. */
  options: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(SUPABASE_|SMTP_|REDIS_|COLLAB_)/.test(name) && !['DATABASE_URL', 'NODE_ENV'].includes(name),
    ),
  );
  const database = server ? { DATABASE_URL: server.url! } : {};
  const env = {
    ...inherited,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SESSION_SECRET: SECRET,
    ...database,
    ...options.env,
  };
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', `server/commands/${command}.ts`, ...args], {
      env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(options.stdin ?? '');
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** The database the commands wrote, opened after they have exited (PGlite allows one process). */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  if (server) return work(server);
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function isAdmin(email: string): Promise<boolean> {
  return withDatabase(async (database) => {
    const row = await database.db
      .selectFrom('user_roles')
      .innerJoin('auth.users', 'auth.users.id', 'user_roles.user_id')
      .select('user_roles.role')
      .where('auth.users.email', '=', email)
      .where('user_roles.role', '=', 'admin')
      .executeTakeFirst();
    return Boolean(row);
  });
}

describe('npm run migrate', () => {
  it('applies every migration once, then says the database is up to date', async () => {
    const first = await run('migrate', []);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('migrated: 20261123090000_foundation');
    const again = await run('migrate', []);
    expect(again.code, again.output).toBe(0);
    expect(again.output).not.toContain('migrated:');
    expect(again.output).toContain('The database is up to date');
  }, 180_000);
});

describe('npm run admin:create', () => {
  it.each([
    ['nothing', []],
    ['a word', ['root']],
    ['a NUL byte', ['boss\u0001@example.org']],
    // Linux takes at most 128 kB per argument.
    ['a 100 kB address', [`${'a'.repeat(100_000)}@example.org`]],
  ])(
    'refuses %s with a clear line and exit code 2',
    async (_what, args) => {
      const { code, output } = await run('admin-create', args);
      expect(code, output).toBe(2);
      expect(output).toMatch(/admin:create: (give the address|".*" is not an e-mail address)/);
      expect(output).toContain('npm run admin:create -- name@example.org');
    },
    60_000,
  );

  it('creates the first admin with the password given on stdin, who can then sign in', async () => {
    const { code, output } = await run('admin-create', ['Boss@Example.org', '--password-stdin'], {
      stdin: 'a-long-enough-password\n',
    });
    expect(code, output).toBe(0);
    expect(output).toContain('boss@example.org is an admin now (new account).');
    expect(output).not.toContain('a-long-enough-password');
    expect(await isAdmin('boss@example.org')).toBe(true);
    const signedIn = await withDatabase((database) =>
      createLocalAuth(database).verifyCredentials('boss@example.org', 'a-long-enough-password'),
    );
    expect(signedIn?.email).toBe('boss@example.org');
  }, 180_000);

  it('says so when the account is an admin already, and leaves its password alone', async () => {
    const { code, output } = await run('admin-create', ['boss@example.org', '--password-stdin'], {
      stdin: 'another-password-here\n',
    });
    expect(code, output).toBe(0);
    expect(output).toContain('boss@example.org was an admin already.');
    const withOld = await withDatabase((database) =>
      createLocalAuth(database).verifyCredentials('boss@example.org', 'a-long-enough-password'),
    );
    expect(withOld).not.toBeNull();
  }, 120_000);

  it('without a password prints a one-time set-password link that works once', async () => {
    const { code, output } = await run('admin-create', ['second@example.org']);
    expect(code, output).toBe(0);
    const token = /\/reset-password\/([\w-]+)/.exec(output)?.[1];
    expect(token, output).toBeTruthy();
    await withDatabase(async (database) => {
      const auth = createLocalAuth(database);
      expect(await auth.verifyCredentials('second@example.org', '')).toBeNull();
      expect((await auth.resetPassword(token!, 'chosen-by-the-person'))?.email).toBe('second@example.org');
      expect(await auth.resetPassword(token!, 'someone-else-again')).toBeNull();
    });
    expect(await isAdmin('second@example.org')).toBe(true);
  }, 120_000);

  it('refuses a password that is too short and sets none', async () => {
    const { code, output } = await run('admin-create', ['third@example.org', '--password-stdin'], { stdin: 'short\n' });
    expect(code, output).toBe(1);
    expect(output).toContain('it must be 10 to 200 characters');
    const signedIn = await withDatabase((database) =>
      createLocalAuth(database).verifyCredentials('third@example.org', 'short'),
    );
    expect(signedIn).toBeNull();
  }, 120_000);

  it('with Supabase Auth and no password creates no account', async () => {
    const { code, output } = await run('admin-create', ['nobody@example.org'], {
      env: {
        SUPABASE_URL: 'http://127.0.0.1:1',
        SUPABASE_ANON_KEY: 'e30.e30.sig',
        SUPABASE_SERVICE_ROLE_KEY: 'e30.e30.sig',
      },
    });
    expect(code, output).toBe(1);
    expect(output).toContain('Supabase Auth has no account for nobody@example.org');
    expect(await isAdmin('nobody@example.org')).toBe(false);
  }, 120_000);
});

// GoTrue keeps its users in the project's database: the fake needs the server the command also uses.
describe.skipIf(!process.env.TEST_DATABASE_URL)('npm run admin:create with Supabase Auth (a fake GoTrue)', () => {
  it('makes the account through the admin API when given a password, and the profile and role with it', async () => {
    const gotrue = await startFakeGoTrue(server!);
    try {
      const { code, output } = await run('admin-create', ['chief@example.org', '--password-stdin'], {
        env: { SUPABASE_URL: gotrue.url, SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE_KEY, SUPABASE_SECRET_KEY: SECRET_KEY },
        stdin: 'a-long-enough-password\n',
      });
      expect(code, output).toBe(0);
      expect(output).toContain('chief@example.org is an admin now (new account).');
      expect(gotrue.requests.some((request) => request.includes('/admin/users'))).toBe(true);
      expect(await isAdmin('chief@example.org')).toBe(true);
      const profile = await server!.db
        .selectFrom('profiles')
        .innerJoin('auth.users', 'auth.users.id', 'profiles.id')
        .select('profiles.display_name')
        .where('auth.users.email', '=', 'chief@example.org')
        .executeTakeFirst();
      expect(profile).toBeDefined();
    } finally {
      await gotrue.close();
    }
  }, 120_000);
});

describe('npm run check-config', () => {
  it('reports every wrong variable in one go, naming each and printing no value, exit 1', async () => {
    const { code, output } = await run('check-config', [], {
      env: {
        NODE_ENV: 'production',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/expertpool',
        SESSION_SECRET: 'short-secret',
        REDIS_URL: 'http://cache',
        SMTP_URL: 'mail.example.org',
        TRUST_PROXY: 'yes',
        COLLAB_MAX_MESSAGE_BYTES: '-1',
        COLLAB_FLUSH_DELAY_MS: 'soon',
        SUPABASE_URL: 'https://abcdefgh.supabase.co',
      },
    });
    expect(code, output).toBe(1);
    expect(output).toContain('9 problems in the configuration');
    for (const name of [
      'PORT',
      'DATABASE_URL must be a postgres://',
      'SESSION_SECRET must be at least 32 characters',
      'REDIS_URL must be a redis://',
      'SMTP_URL must be an smtp://',
      'TRUST_PROXY must be 1',
      'COLLAB_MAX_MESSAGE_BYTES must be',
      'COLLAB_FLUSH_DELAY_MS must be',
      'Supabase Auth is half configured: set SUPABASE_PUBLISHABLE_KEY',
    ])
      expect(output).toContain(name);
    for (const value of ['hunter2', 'short-secret', 'mail.example.org', 'eighty']) expect(output).not.toContain(value);
  }, 60_000);

  it('says SESSION_SECRET is missing in production with a database server, without the password', async () => {
    const { code, output } = await run('check-config', [], {
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://expertpool:hunter2@127.0.0.1:1/expertpool',
        SESSION_SECRET: undefined,
      },
    });
    expect(code, output).toBe(1);
    expect(output).toContain('SESSION_SECRET is not set');
    expect(output).not.toContain('hunter2');
  }, 60_000);

  it('passes a good configuration, with warnings for what a production server should have', async () => {
    const { code, output } = await run('check-config', [], { env: { NODE_ENV: 'production' } });
    expect(code, output).toBe(0);
    expect(output).toContain('The configuration is good.');
    if (server) {
      expect(output).toContain('warning: APP_URL is not an https:// address');
      expect(output).toContain('warning: SMTP_URL is not set');
    }
  }, 60_000);
});
