#!/usr/bin/env bash
# lote's performance benchmark in one command: installs the tools it compares against, builds
# lote and the codec floor in Release, prepares the data (cached in bench/data/) and runs every
# workload. Options go to bench/bench.py: --runs N, --quick, --workloads W1,W2,W3,W4, --skip TOOLS.
# The build directory is build/ unless LOTE_BUILD_DIR says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/packages.sh
# What lote builds with, and what the bench compares against and measures with.
install_missing_packages "${LOTE_BUILD_PACKAGES[@]}" libvips-tools imagemagick parallel python3-pil \
  python3-websockets fonts-dejavu-core time valgrind
install_node_if_missing

# The sharp anchor: sharp and its prebuilt libvips come inside its npm packages, pinned by
# bench/node/package-lock.json and installed into bench/node/node_modules (git-ignored).
(cd bench/node && npm ci --no-audit --no-fund --loglevel=error)

build=${LOTE_BUILD_DIR:-build}
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" -j "$(nproc)" lote bench_codec_floor >/dev/null

exec /usr/bin/python3 bench/bench.py --lote "$build/lote" --floor "$build/bench_codec_floor" "$@"
