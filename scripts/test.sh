#!/usr/bin/env bash
# Sets up (packages, build) and runs every test: the GoogleTest suites under CTest, then the
# browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900
