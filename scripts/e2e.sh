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

source scripts/packages.sh
install_node_if_missing

cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
mkdir -p artifacts
# One test file at a time, each test at most 5 minutes. Node 18 (Debian 12's) has neither
# option; there each test keeps the timeout it sets itself, and each starts its own server on
# a free port, so files run side by side do not meet.
runner=(--test)
if (($(node -p 'process.versions.node.split(".")[0]') >= 20)); then
  runner+=(--test-concurrency=1 --test-timeout=300000)
fi
node "${runner[@]}" unit/*.test.js *.test.js
