#!/usr/bin/env bash
# Sets up (packages, build) and runs every test: the GoogleTest suites under CTest (unit and
# integration, against the real binary), the browser tests in Debian's Chromium, the unit tests
# again under AddressSanitizer and UBSan (scripts/asan.sh), and each fuzz target for about 30 s
# (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

status=0
bash scripts/check_format.sh || status=1  # every C++ file as .clang-format says
bash scripts/check_layers.sh || status=1  # every include as docs/architecture.md allows
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900 || status=1
bash scripts/e2e.sh || status=1
bash scripts/asan.sh || status=1
bash scripts/fuzz.sh || status=1
exit "$status"
