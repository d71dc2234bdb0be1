import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '~': path.resolve('app') };
// Tests never touch the developer's .data/ nor need a generated secret. The limiters' first wait is
// longer than any test's steps, so a route test sees a refusal for sure; tests/db/rate-limit.test.ts
// checks the waits themselves with settings of its own.
const env = {
  SESSION_SECRET: 'test-secret-that-is-long-enough-for-cookies-0123456789',
  DATA_DIR: '.data-test',
  LIMIT_FIRST_DELAY_SECONDS: '60',
};

export default defineConfig({
  test: {
    // Each database test file starts its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
    projects: [
      // Timeouts catch a hang, not slowness: on a loaded machine (load 7+ on 2 cores) set-up and
      // some unit tests took several times their usual time and failed on the defaults.
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env, testTimeout: 30_000 } },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          env,
          globalSetup: ['tests/db/templates.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'collab',
          include: ['tests/collab/**/*.test.ts'],
          env,
          globalSetup: ['tests/db/templates.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
