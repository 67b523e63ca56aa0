#!/usr/bin/env bash
# Where lote's time goes, per seed filter: one callgrind run per filter on one photo (threads
# mode, one worker, so the counts are the work itself, not waiting). Prints each filter's total
# instructions and its most expensive functions (self cost). Instruction counts are stable on a
# busy machine where wall times are not; `perf` cannot count instructions in this VM.
#   bash bench/profile.sh [build/lote] [photo.jpg] [filters...]
set -euo pipefail
cd "$(dirname "$0")/.."
lote=${1:-build/lote}
photo=${2:-../shared/data/photos/GreenMeadow.jpg}
shift $(($# > 2 ? 2 : $#))
filters=("$@")
((${#filters[@]})) || filters=(invertir grises blur nitidez brillo contraste sepia bordes relieve
                                posterizar redimensionar marca_agua)
command -v valgrind >/dev/null || apt-get install -y -qq --no-install-recommends valgrind

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
cp "$photo" "$work/in/"
out=bench/results/profile
mkdir -p "$out"

for f in "${filters[@]}"; do
  # vips' own worker threads still run the pixels; --separate-threads=no sums them.
  VIPS_CONCURRENCY=1 valgrind --tool=callgrind --callgrind-out-file="$out/$f.callgrind" \
    "$lote" run "$work/in" -o "$work/out" -f "$f" --mode threads --workers 1 --force \
    >/dev/null 2>"$out/$f.valgrind.log"
  # Read whole outputs (no early exit) so pipefail never sees a SIGPIPE.
  report=$(callgrind_annotate --threshold=90 "$out/$f.callgrind" 2>/dev/null || true)
  total=$(awk '/PROGRAM TOTALS/ {print $1}' <<<"$report")
  echo "== $f: $total instructions"
  awk '/file:function/ {go=1; next} go && NF && n < 8 {print "   " $0; n++}' <<<"$report"
done
