import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

const SECRET = 'a-session-secret-that-is-long-enough-0123456789';
const PASSWORD = 'hunter2-do-not-print';

/** A port nothing listens on (taken and given back at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts an entry point the way an operator would, and waits until it gives up. */
function start(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['SESSION_SECRET', 'DATABASE_URL', 'NODE_ENV'].includes(name)),
  );
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', entry], {
      env: {
        ...inherited,
        NODE_ENV: 'production',
        PORT: '39',
        COLLAB_PORT: '39',
        DATA_DIR: '.data-test-start',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function expectOneClearLine(output: string, ...mentions: string[]) {
  const told = output.split('\n').filter((line) => line.startsWith('Expertpool cannot start: '));
  expect(told, output).toHaveLength(1);
  for (const mention of mentions) expect(told[0]).toContain(mention);
  expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain(SECRET);
}

describe.each(['server/index.ts', 'collab-server/main.ts'])('starting %s', (entry) => {
  it('with the database unreachable: one line naming the server (without its password) and DATABASE_URL, exit 1', async () => {
    const port = await closedPort();
    const { code, output } = await start(entry, {
      DATABASE_URL: `postgres://expertpool:${PASSWORD}@127.0.0.1:${port}/expertpool`,
      SESSION_SECRET: SECRET,
    });
    expect(code).toBe(1);
    expectOneClearLine(output, `postgres://expertpool@127.0.0.1:${port}/expertpool`, 'DATABASE_URL');
  }, 60_000);

  it('without SESSION_SECRET in server mode: one line saying to set it, exit 1', async () => {
    const port = await closedPort();
    const { code, output } = await start(entry, {
      DATABASE_URL: `postgres://expertpool:${PASSWORD}@127.0.0.1:${port}/expertpool`,
    });
    expect(code).toBe(1);
    expectOneClearLine(output, 'SESSION_SECRET is not set', 'at least 32 characters');
  }, 60_000);

  it('with a SESSION_SECRET that is too short: the rule, not the value', async () => {
    const { code, output } = await start(entry, { SESSION_SECRET: 'short-secret-value' });
    expect(code).toBe(1);
    expectOneClearLine(output, 'SESSION_SECRET must be at least 32 characters');
    expect(output).not.toContain('short-secret-value');
  }, 60_000);
});
