import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Entry points (server/index.ts, collab-server/main.ts) started as child processes, as an operator
 * starts them. Every one is killed with SIGKILL when the test's worker exits, whatever happened
 * (a failed assertion, a timeout, an afterAll that never ran), so no run leaves servers behind.
 */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Started {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** SIGKILL, resolved once it is gone. */
  kill: () => Promise<void>;
}

/** Starts `entry` with tsx and resolves once its output contains `ready`; rejects if it exits or takes too long. */
export async function spawnEntry(
  entry: string,
  env: Record<string, string>,
  ready: string,
  timeoutMs = 60_000,
): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const started: Started = {
    process: child,
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal}): ${output}`));
    });
  });
  return started;
}
