/**
 * What the HTTP benchmarks share: start the production server on a prepared configuration, sign in
 * as a demo person, and load one page with autocannon, reporting p50/p95, requests/s and the
 * server's CPU per request. A benchmark reports; it never fails on time.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { processCpuMs, serviceCpu, systemCpu } from './proc-cpu';

export interface AppServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** The production server (`server/index.ts`) on `port` with `env` on top of this process's; resolves once it answers. */
export async function startAppServer(
  port: number,
  env: Record<string, string | undefined>,
  /** The app's folder (its `server/index.ts` and `build/`): another checkout, to compare two versions. */
  cwd = process.cwd(),
): Promise<AppServer> {
  const base = `http://localhost:${port}`;
  // node itself (not npx), so stopping it stops the server and not a wrapper around it.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), APP_URL: base, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 480 || child.exitCode !== null) {
      await stop();
      throw new Error('the server did not start');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, pid: child.pid!, stop };
}

/** Signs in through the login form as a demo person (password "expertpool"); returns the session cookie. */
export async function signInCookie(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password: 'expertpool', redirectTo: '/' }),
  });
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  return cookie.split(';')[0]!;
}

/** What a browser accepts; the server then answers in brotli (quality 4), as it does people. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * The simulated people's client: kept-alive connections, asking for compression as a browser does, the
 * body read to its last byte but not unpacked. fetch() cost this process 3.2–4.7 ms of CPU per page (it
 * unpacks and buffers), this 1.0–1.6 ms (one gemeente register page, five at a time): on 2 cores the load
 * generator's CPU is taken from the servers it measures. Resolves the status, or null when it failed.
 */
const keptAlive = new http.Agent({ keepAlive: true });
export function getPage(url: string, cookie: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: keptAlive, headers: { cookie, 'accept-encoding': ACCEPT_ENCODING } });
    request.on('response', (response) => {
      response.on('end', () => resolve(response.statusCode ?? null));
      response.on('error', () => resolve(null));
      response.resume();
    });
    // A kept-alive connection the server closed just as it was reused: once more on a new one (Node's advice).
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(request.reusedSocket && error.code === 'ECONNRESET' ? getPage(url, cookie) : null),
    );
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * One autocannon run of `seconds` against `url`, asking for compressed pages as a browser does (before 7 Dec
 * it did not, so earlier per-page figures leave out compression); `onResponse` sees every response
 * (autocannon has no p95).
 */
function load(
  url: string,
  cookie: string,
  seconds: number,
  connections: number,
  onResponse: (status: number, ms: number) => void = () => {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie, 'accept-encoding': ACCEPT_ENCODING } },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

export interface PageResult {
  name: string;
  p50: number;
  p95: number;
  rps: number;
  ok: number;
  errors: number;
  cpuPerRequest: number;
  postgresCpuPerRequest: number;
}

export interface LoadOptions {
  seconds: number;
  /** Load before the measurement, not counted (see below); 0 for none. */
  warmUpSeconds: number;
  connections: number;
  /** The server whose CPU is counted. */
  serverPid: number;
}

export async function measurePage(
  name: string,
  url: string,
  cookie: string,
  options: LoadOptions,
): Promise<PageResult> {
  const warm = await fetch(url, { headers: { cookie } });
  if (!warm.ok) throw new Error(`${name}: ${warm.status}`);
  await warm.arrayBuffer();
  // Not counted: V8 compiles the hot JavaScript and PGlite's WebAssembly in the background over the first
  // few hundred requests (background-thread CPU per request fell from ~21 to ~7 ms over 30 s here).
  // A server people use has long been through that; the measurement is of one that has.
  if (options.warmUpSeconds > 0) await load(url, cookie, options.warmUpSeconds, options.connections);
  const times: number[] = [];
  const errors: number[] = [];
  const [cpuBefore, systemBefore] = [processCpuMs(options.serverPid), systemCpu()];
  const result = await load(url, cookie, options.seconds, options.connections, (status, ms) => {
    if (status === 200) times.push(ms);
    else errors.push(status);
  });
  times.sort((a, b) => a - b);
  const [cpuAfter, systemAfter] = [processCpuMs(options.serverPid), systemCpu()];
  const requests = times.length + errors.length;
  const cpuPerRequest =
    cpuBefore === null || cpuAfter === null || times.length === 0 ? NaN : (cpuAfter - cpuBefore) / requests;
  return {
    name,
    cpuPerRequest,
    // A Postgres server's CPU, whoever's: meaningful on a quiet machine, 0 for the embedded database.
    postgresCpuPerRequest: times.length ? serviceCpu(systemBefore, systemAfter, 'postgres') / requests : NaN,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rps: result.requests.average,
    ok: times.length,
    // Responses other than 200, and requests that got none (autocannon's errors count its timeouts).
    errors: errors.length + result.errors,
  };
}
