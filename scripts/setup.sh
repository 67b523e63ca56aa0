#!/usr/bin/env bash
# Installs every Debian package lote needs (idempotent, non-interactive) and builds it in Release
# into build/. The binary is build/lote.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libvips-dev libvips-tools fonts-dejavu-core
  libboost-dev libboost-system-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libspdlog-dev libfmt-dev libarchive-dev
  libgtest-dev googletest python3-pil
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
