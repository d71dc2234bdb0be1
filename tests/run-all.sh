#!/usr/bin/env bash
# `npm test`: typecheck, one production build, unit, database and collab tests (on PGlite, or on the
# Postgres server when TEST_DATABASE_URL is set, plus the embedded database's own tests on PGlite), checks
# of the build, then the Playwright end-to-end tests (the app on PGlite).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck"
npx tsc --noEmit

# Built first: the tests that start the app as a process (server/index.ts serves build/) need it.
echo "== build"
npx remix build

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "== vitest: unit, database and collab (PGlite)"
  npx vitest run
else
  echo "== vitest: unit, database and collab (the Postgres server at $TEST_DATABASE_URL)"
  npx vitest run
  # The rest of the embedded database's proof: the browser tests run the whole app on PGlite.
  echo "== vitest: what is particular to the embedded database (PGlite)"
  TEST_DATABASE_URL= npx vitest run --project db \
    tests/db/embedded.test.ts tests/db/pglite-worker.test.ts tests/db/migrations.test.ts \
    tests/db/operator-commands.test.ts tests/db/job-runner.test.ts tests/db/rate-limit.test.ts
fi

echo "== JavaScript weight per page (from the build manifest)"
npx tsx tests/bundle-weight.ts

echo "== no browser code reads a *.server.ts export (empty in the browser: hydration errors)"
npx tsx tests/server-exports-in-browser.ts

echo "== playwright (Chromium)"
npx playwright test
