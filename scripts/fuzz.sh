#!/usr/bin/env bash
# Fuzzing (tests/fuzz/README.md): builds the libFuzzer programs of tests/fuzz with Debian's
# clang 14 in build-fuzz/ (AddressSanitizer and UBSan on, only the layers they need), then runs
# each from its seed corpus for FUZZ_SECONDS (default 25; a target is stopped at twice that plus
# a minute whatever happens, so the test command stays bounded). The inputs that once crashed a
# target (tests/fuzz/regressions/<name>/) run first. A crash, a hang, a leak of memory or a sanitizer
# report fails the run; the input that caused it is kept in build-fuzz/crashes/<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_missing_packages "${LOTE_BUILD_PACKAGES[@]}" "${LOTE_FUZZ_PACKAGES[@]}"

seconds="${FUZZ_SECONDS:-25}"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" -DLOTE_FUZZ=ON -DLOTE_BENCH=OFF \
  "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_all

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/leaks.supp:print_suppressions=0"
status=0
for program in build-fuzz/fuzz/fuzz_*; do
  name="${program##*/fuzz_}"
  work="build-fuzz/work/$name"
  crashes="build-fuzz/crashes/$name"
  rm -rf "$work"
  mkdir -p "$work" "$crashes"
  cp tests/fuzz/corpus/"$name"/* "$work"/
  regressions=(tests/fuzz/regressions/"$name"/*)
  if [[ -e "${regressions[0]}" ]] && ! "$program" "${regressions[@]}" >"$work.log" 2>&1; then
    echo "fuzz: $name fails on a committed regression input (see $work.log)" >&2
    status=1
    continue
  fi
  echo "fuzz: $name for ${seconds}s"
  if ! timeout $((2 * seconds + 60)) "$program" "$work" -max_total_time="$seconds" \
      -max_len=65536 -timeout=20 -rss_limit_mb=2560 -artifact_prefix="$crashes/" >"$work.log" 2>&1; then
    echo "fuzz: $name found an input that breaks it: $(ls "$crashes" | head -3)" >&2
    tail -40 "$work.log" >&2
    status=1
  fi
done
exit "$status"
