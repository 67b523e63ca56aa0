#!/usr/bin/env bash
# Installs every Debian package lote needs (idempotent, non-interactive) and builds it in Release
# into build/. The binary is build/lote.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/packages.sh
install_missing_packages "${LOTE_BUILD_PACKAGES[@]}"

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
