#!/usr/bin/env bash
# The unit tests (and every fuzz target on its corpus) once more, built with AddressSanitizer and
# UBSan in build-asan/: out-of-bounds reads, use after free, overflowing arithmetic and other
# undefined behaviour fail the run. The integration tests do not run here. Bounded: each test
# gets 600 s and the whole run ASAN_MINUTES (default 30) minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_missing_packages "${LOTE_BUILD_PACKAGES[@]}"

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g1" \
  -DLOTE_SANITIZE=ON -DLOTE_BENCH=OFF "${launcher[@]}" >/dev/null
targets=(lote test_fuzz_corpus)
for layer in util filters pipeline exec batch server watch; do
  targets+=("test_unit_$layer")
done
cmake --build build-asan -j "$(nproc)" --target "${targets[@]}"

# libvips and GLib keep caches and type data for the life of the process: not leaks of lote's.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
timeout $((${ASAN_MINUTES:-30} * 60)) \
  ctest --test-dir build-asan -L unit --output-on-failure -j "$(nproc)" --timeout 600
