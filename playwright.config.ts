import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

/**
 * CHROME_PATH, else Debian's headless shell, else Debian's chromium, else Playwright's own download (not
 * possible on this network). The headless shell is the browser Playwright itself runs headless: on the
 * same specs it used about a third less CPU than the full browser (docs/benchmarks/2026-12-06-test-time.md).
 * `--headed` needs the full one: CHROME_PATH=/usr/bin/chromium.
 */
const executablePath = [process.env.CHROME_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find(
  (p) => p && existsSync(p),
);

/**
 * Workers take tests in queue order, the first project's first. The longest units of work go first, so
 * that neither worker is left alone with one of them at the end: the fuzz test (one test, many minutes),
 * then the every-page walks (minutes each) and the serial files (a worker takes each whole, two of them
 * after starting a server of their own).
 */
const FUZZ = /fuzz\.spec\.ts$/;
const LONG = [/every-page\.spec\.ts$/, /supabase-auth\.spec\.ts$/, /undelivered-mail\.spec\.ts$/, /regions\.spec\.ts$/];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One more try for a test that fails: the browser, the app and its live boards share two cores, and a
  // few tests wait for timing that a busy machine can miss (each is named in the issues' notes). A test
  // that passes only on its second try is still listed, as "flaky", and one that fails twice fails the run.
  retries: 1,
  reporter: [['list']],
  // Live boards sync through a server sharing two cores with two browsers: allow for a busy machine.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    // Recording a trace for every test cost 16% of a run's CPU (the browser's screencast, Playwright's
    // snapshots: docs/benchmarks/2026-12-06-test-time.md), for traces CI never shows. A failure still
    // writes its page's state (error-context.md); to step through one, rerun it with `--trace on`.
    trace: 'off',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      // Without these, Chromium keeps reaching out to the internet, which this machine has not.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'fuzz', testMatch: FUZZ },
    { name: 'long', testMatch: LONG },
    { name: 'rest', testIgnore: [FUZZ, ...LONG] },
  ],
  webServer: {
    // The build comes from tests/run-all.sh (once); a fresh embedded database each run.
    command: `rm -rf .data-e2e-${PORT} && tsx server/index.ts`,
    url: `${BASE_URL}/healthz`,
    // 47 migrations and the demo seed on PGlite: about 2 minutes on a machine at load 25.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      APP_URL: BASE_URL,
      DATA_DIR: `.data-e2e-${PORT}`,
      // After the free tries the first wait is a minute, so a test sees the refusal however slow it runs.
      LIMIT_FIRST_DELAY_SECONDS: '60',
    },
  },
});
