import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

export interface FuzzServer {
  baseUrl: string;
  /** The distinct lines of the server's error log that name an error, with how often each came. */
  errors(): string[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The production build on a port and an embedded database of its own: the fuzz test changes and
 * deletes demo data as it goes, which the other specs (on the shared webServer) must never see.
 * Limits that would only measure the fuzzer's own pace (sign-in and "Ask us" budgets) are raised.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = `.data-fuzz-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const child: ChildProcess = spawn('npx', ['tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: baseUrl,
      DATA_DIR: dataDir,
      // Hostile sign-ins fail by the thousand here; the limits themselves are tested elsewhere.
      LOGIN_FREE_FAILURES: '100000',
      LOGIN_FREE_FAILURES_PER_ACCOUNT: '100000',
      LOGIN_FREE_FAILURES_PER_IP: '100000',
      ASK_LIMIT_PER_IP: '100000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  const errorLines = new Map<string, number>();
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (stderr + chunk.toString()).split('\n');
    stderr = lines.pop()!;
    for (const line of lines) {
      if (!/error/i.test(line) || /^\s+at /.test(line)) continue;
      const key = line.slice(0, 300);
      errorLines.set(key, (errorLines.get(key) ?? 0) + 1);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should the test runner end first (a timeout, Ctrl-C), the server goes with it.
  const orphaned = () => child.exitCode === null && child.pid && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', orphaned);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const log = () => [...errorLines.keys(), stderr].join('\n');
    if (child.exitCode !== null) throw new Error(`the fuzz server exited at start:\n${log()}`);
    if (Date.now() > deadline) {
      orphaned();
      throw new Error(`the fuzz server did not answer /healthz in time:\n${log()}`);
    }
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    errors: () => [...errorLines].map(([line, count]) => `${count}× ${line}`),
    async stop() {
      process.off('exit', orphaned);
      // The whole process group: npx, tsx and node.
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
