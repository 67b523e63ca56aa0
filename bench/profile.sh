#!/usr/bin/env bash
# Where lote's time goes on W1 (the twelve seed filters):
#  1. lote's own per-filter times, natively, one worker (threads mode) over the sample photos;
#  2. one callgrind run of `-f all` on one photo (one worker, VIPS_CONCURRENCY=1): the functions
#     with the most instructions (self cost). Instruction counts are stable on a busy machine where
#     wall times are not; `perf` cannot count instructions in this VM.
#  2b. a perf sampling of a whole W1 batch on every core: the time per library and lote's own
#      hottest functions (perf can sample the CPU clock here, though not count instructions);
#  3. with filter names as extra arguments: one callgrind run per filter, for totals per filter.
#   bash bench/profile.sh [build/lote] [photo.jpg] [filters...]
set -euo pipefail
cd "$(dirname "$0")/.."
lote=${1:-build/lote}
photo=${2:-../shared/data/photos/GreenMeadow.jpg}
shift $(($# > 2 ? 2 : $#))
command -v valgrind >/dev/null || apt-get install -y -qq --no-install-recommends valgrind

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
cp "$photo" "$work/in/"
out=bench/results/profile
mkdir -p "$out"

# Reads callgrind's whole report (no early exit, so pipefail never sees a SIGPIPE).
top_functions() {  # top_functions FILE COUNT
  local report
  report=$(callgrind_annotate --threshold=95 "$1" 2>/dev/null || true)
  awk '/PROGRAM TOTALS/ {print "   total: " $1 " instructions"}' <<<"$report"
  awk -v max="$2" '/file:function/ {go=1; next} go && /^ *[0-9]/ && n < max {print "   " $0; n++}' \
    <<<"$report"
}

profile() {  # profile NAME FILTER-ARGS...
  local name=$1
  shift
  VIPS_CONCURRENCY=1 valgrind --tool=callgrind --callgrind-out-file="$out/$name.callgrind" \
    "$lote" run "$work/in" -o "$work/out" "$@" --mode threads --workers 1 --force \
    >/dev/null 2>"$out/$name.valgrind.log"
}

echo "== lote's per-filter times, 1 worker, threads, $(basename "$(dirname "$photo")")/"
"$lote" run "$(dirname "$photo")" -o "$work/native" -f all --mode threads --workers 1 --force \
  --quality 75 | tail -16

# Where the wall time of a whole W1 batch goes, every core busy: perf samples the CPU clock (the
# one event this VM offers) and reports the time per library (libjpeg = the codec's share) and
# lote's own hottest functions.
if command -v perf >/dev/null &&
  perf record -q -e cpu-clock -F 2000 -o "$out/w1.perf" -- "$lote" run "$(dirname "$photo")" \
    -o "$work/perf" -f all --mode threads --force --quality 75 >/dev/null 2>&1; then
  echo "== perf, -f all over $(basename "$(dirname "$photo")")/, threads, every core: share per library"
  perf report -i "$out/w1.perf" --no-children --sort dso 2>/dev/null | grep '%' | head -8
  echo "== perf: lote's own functions"
  perf report -i "$out/w1.perf" --no-children --sort sym --dso lote 2>/dev/null | grep '%' | head -12
else
  echo "== perf: not available here (apt-get install linux-perf), skipped"
fi

echo "== callgrind, -f all on $(basename "$photo")"
profile all -f all --quality 75
top_functions "$out/all.callgrind" 30

for f in "$@"; do
  echo "== callgrind, -f $f on $(basename "$photo")"
  profile "$f" -f "$f" --quality 75
  top_functions "$out/$f.callgrind" 8
done
