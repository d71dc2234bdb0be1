#!/usr/bin/env bash
# `npm test`: typecheck, one production build, unit and database tests (PGlite, and the Postgres server
# when TEST_DATABASE_URL is set), checks of the build, then the Playwright end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck"
npx tsc --noEmit

# Built first: the tests that start the app as a process (server/index.ts serves build/) need it.
echo "== build"
npx remix build

echo "== vitest: unit and database (PGlite)"
npx vitest run

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== vitest: database tests against the Postgres server ($TEST_DATABASE_URL)"
  npx vitest run --project db
fi

echo "== JavaScript weight per page (from the build manifest)"
npx tsx tests/bundle-weight.ts

echo "== no browser code reads a *.server.ts export (empty in the browser: hydration errors)"
npx tsx tests/server-exports-in-browser.ts

echo "== playwright (Chromium)"
npx playwright test
