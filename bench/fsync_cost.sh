#!/usr/bin/env bash
# What durable outputs cost: the W1 batch (`lote run -f all` over the sample photos, 156 outputs)
# run alternately as built and with fsync turned into a no-op (an LD_PRELOAD shim made here), so
# both see the same machine minute by minute, and once more with fsync timed (a shim that adds up
# the time every process spends in it), which says the cost even when the machine is too busy for
# the ratio to show it. Prints each round, the median ratio with its range, and the fsync calls
# with their time. Usage: bash bench/fsync_cost.sh [rounds, default 5] [procesos|threads]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
mode="${2:-procesos}"
lote="${LOTE_BINARY:-$PWD/build/lote}"
photos="${PHOTOS:-$PWD/../shared/data/photos}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/nofsync.c" <<'C'
int fsync(int fd) { (void)fd; return 0; }
int fdatasync(int fd) { (void)fd; return 0; }
C
cc -shared -fPIC -O2 -o "$work/nofsync.so" "$work/nofsync.c"

# Every process (the workers too) appends "<calls> <nanoseconds>" to LOTE_FSYNC_LOG at exit.
cat >"$work/timedfsync.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static long long calls, nanos;
static long long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}
int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  long long start = now();
  int r = real(fd);
  __atomic_add_fetch(&nanos, now() - start, __ATOMIC_RELAXED);
  __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
  return r;
}
__attribute__((destructor)) static void report(void) {
  const char* path = getenv("LOTE_FSYNC_LOG");
  FILE* f = path && calls ? fopen(path, "a") : NULL;
  if (f) { fprintf(f, "%lld %lld\n", calls, nanos); fclose(f); }
}
C
cc -shared -fPIC -O2 -o "$work/timedfsync.so" "$work/timedfsync.c" -ldl

run_once() {  # $1: extra environment; prints seconds
  local start end
  start=$(date +%s.%N)
  env $1 "$lote" run "$photos" -o "$work/out" -f all --quality 75 --mode "$mode" --force \
    >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

durable=()
fast=()
for ((i = 1; i <= rounds; i++)); do
  d=$(run_once "LOTE_BENCH_ROUND=$i")
  f=$(run_once "LD_PRELOAD=$work/nofsync.so")
  durable+=("$d")
  fast+=("$f")
  printf 'round %d: with fsync %.2f s, without %.2f s, ratio %.3f\n' "$i" "$d" "$f" \
    "$(echo "$d / $f" | bc -l)"
done
python3 - "${durable[*]}" "${fast[*]}" <<'PY'
import statistics, sys
d = [float(x) for x in sys.argv[1].split()]
f = [float(x) for x in sys.argv[2].split()]
ratios = [a / b for a, b in zip(d, f)]
print(f"median with fsync {statistics.median(d):.2f} s, without {statistics.median(f):.2f} s; "
      f"ratio median {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")
PY
timed=$(run_once "LD_PRELOAD=$work/timedfsync.so LOTE_FSYNC_LOG=$work/fsync.log")
awk -v wall="$timed" '{ calls += $1; ns += $2 } END {
  if (calls == 0) { print "no fsync calls seen (a process that exits without its destructors?)"; exit }
  printf "timed run %.2f s: %d fsync calls, %.2f s in them (%.2f ms each; all processes together)\n",
    wall, calls, ns / 1e9, ns / 1e6 / calls }' "$work/fsync.log" 2>/dev/null ||
  echo "no fsync calls seen"
