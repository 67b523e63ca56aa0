#!/usr/bin/env bash
# Browser tests of the page and unit tests of its pure modules. Installs what they need
# (Debian's chromium when missing, the npm packages pinned in tests/e2e/package-lock.json), then
# runs node's test runner: every test starts its own `lote serve --port 0` on temporary folders.
# Expects build/lote (scripts/setup.sh builds it); LOTE_BINARY may point elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium
fi

export LOTE_BINARY="${LOTE_BINARY:-$PWD/build/lote}"
if [[ ! -x "$LOTE_BINARY" ]]; then
  echo "e2e: $LOTE_BINARY is missing; build first (bash scripts/setup.sh)" >&2
  exit 2
fi

cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
mkdir -p artifacts
node --test --test-concurrency=1 --test-timeout=300000 unit/*.test.js *.test.js
