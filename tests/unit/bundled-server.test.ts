import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the Dockerfile ships: `npm run build` (the Remix build and the bundles of server/ and
 * collab-server/ in build/), started with node alone. Docker cannot run here, so this is the check:
 * the bundles start without tsx, and import no package that a production install leaves out.
 */
const run = promisify(execFile);
const BUNDLES = ['server.js', 'collab.js', 'migrate.js', 'admin-create.js', 'check-config.js'];
let dataDir: string;
let server: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // The Remix build is made by `npm test` before the tests; built here only when missing. Vitest sets
  // NODE_ENV=test, under which Remix builds development JSX (jsxDEV) that a production server cannot run.
  const env = { ...process.env, NODE_ENV: 'production' as const };
  if (!existsSync('build/index.js')) await run('npx', ['remix', 'build'], { env });
  await run('npm', ['run', '-s', 'build:server'], { env });
  dataDir = await mkdtemp(path.join(tmpdir(), 'bundled-'));
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('the bundled server in build/', () => {
  it('imports only Node built-ins and the production dependencies of package.json', async () => {
    const { dependencies } = JSON.parse(await readFile('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = [...BUNDLES, 'index.js', 'pglite-worker.mjs'].map((file) => path.join('build', file));
    expect((await readdir('build')).sort()).toEqual(expect.arrayContaining(BUNDLES));
    const missing = new Set<string>();
    for (const file of files) {
      const code = await readFile(file, 'utf8');
      for (const [, specifier] of code.matchAll(
        /(?:^|\n)\s*import\s[^'"]*?['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g,
      )) {
        if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!builtinModules.includes(name) && !(name in dependencies)) missing.add(`${name} (${file})`);
      }
      // The app's own modules are bundled in, not left as imports that only tsconfig's paths resolve.
      expect(code, file).not.toMatch(/from ["']~\//);
    }
    expect([...missing]).toEqual([]);
  });

  it('holds every file the Dockerfile and compose.yaml start', async () => {
    for (const file of ['Dockerfile', 'compose.yaml']) {
      const started = [...(await readFile(file, 'utf8')).matchAll(/build\/[\w-]+\.js/g)].map(([name]) => name);
      expect(started.length, file).toBeGreaterThan(0);
      for (const name of started) expect(existsSync(name), `${file} starts ${name}`).toBe(true);
    }
  });

  it('copies patches/ into every Docker stage that installs dependencies (postinstall applies them)', async () => {
    const stages = (await readFile('Dockerfile', 'utf8')).split(/^FROM /m).slice(1);
    const installing = stages.filter((stage) => /^RUN npm (install|ci)\b/m.test(stage));
    expect(installing.length).toBe(2);
    for (const stage of installing) {
      const copied = stage.search(/^COPY patches \.\/patches$/m);
      expect(copied, stage).toBeGreaterThan(-1);
      expect(copied, stage).toBeLessThan(stage.search(/^RUN npm (install|ci)\b/m));
    }
  });

  it('starts with node (no tsx) in embedded mode and answers /, /healthz and /collab/healthz, then stops on SIGTERM', async () => {
    const port = await freePort();
    let output = '';
    server = spawn(process.execPath, ['build/server.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_DEMO: '0',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes('Expertpool is running at')) {
      expect(server.exitCode, output).toBeNull();
      expect(Date.now() - started, output).toBeLessThan(90_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const base = `http://127.0.0.1:${port}`;
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, db: 'pglite' });
    expect((await fetch(`${base}/collab/healthz`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 120_000);

  it('runs the operator commands with node', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: '' };
    const checked = await run(process.execPath, ['build/check-config.js'], { env });
    expect(checked.stdout).toContain('The configuration is good.');
    const migrated = await run(process.execPath, ['build/migrate.js'], { env });
    expect(migrated.stdout).toContain('The database is up to date');
    const refused = await run(process.execPath, ['build/check-config.js'], {
      env: { ...env, REDIS_URL: 'http://x' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('REDIS_URL must be a redis:// or rediss:// URL.');
  }, 120_000);
});
