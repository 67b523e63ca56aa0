#!/usr/bin/env bash
# The vips CLI anchor: one seed filter (or the W2 web chain) on one image, the way a shell user
# would do it with the `vips` command. GNU parallel runs one of these per (image, filter) on every
# core. The mapping from seed filters to vips operations is in bench/README.md.
#   vips_one.sh FILTER INPUT OUTPUT QUALITY WIDTH HEIGHT
set -euo pipefail
filter=$1 in=$2 out=$3 q=$4 w=$5 h=$6
here=$(dirname "$0")
save="$out[Q=$q]"
# Intermediate steps go through .v files (uncompressed, memory-mapped): the cheapest hand-off.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# White text at 30 % opacity, centred, about half the image wide: text mask -> alpha -> RGBA
# overlay of the image's size -> composite over the image.
watermark() {  # watermark SOURCE DEST WIDTH HEIGHT
  local src=$1 dst=$2 iw=$3 ih=$4
  vips text "$tmp/t.v" PROCESADO --font "DejaVu Sans" --width $((iw / 2)) --height $((ih / 4))
  local tw th
  tw=$(vipsheader -f width "$tmp/t.v") th=$(vipsheader -f height "$tmp/t.v")
  vips linear "$tmp/t.v" "$tmp/a.v" 0.3 0 --uchar
  vips embed "$tmp/a.v" "$tmp/ae.v" $(((iw - tw) / 2)) $(((ih - th) / 2)) "$iw" "$ih"
  vips linear "$tmp/ae.v" "$tmp/white.v" 0 255 --uchar
  vips bandjoin "$tmp/white.v $tmp/white.v $tmp/white.v $tmp/ae.v" "$tmp/rgba.v"
  vips copy "$tmp/rgba.v" "$tmp/overlay.v" --interpretation srgb
  vips composite2 "$src" "$tmp/overlay.v" "$dst" over
}

case $filter in
  invertir)      vips invert "$in" "$save" ;;
  grises)        vips colourspace "$in" "$save" b-w ;;
  blur)          vips gaussblur "$in" "$save" 5 ;;
  nitidez)       vips sharpen "$in" "$save" ;;
  brillo)        vips linear "$in" "$save" 1.5 0 --uchar ;;
  # About Pillow's contrast around a mid grey: 1.5·in − 64 ("--" so -64 is not an option).
  contraste)     vips linear --uchar -- "$in" "$save" 1.5 -64 ;;
  sepia)         vips recomb "$in" "$save" "$here/sepia.mat" ;;
  bordes)        vips conv "$in" "$save" "$here/edges.mat" --precision integer ;;
  relieve)       vips conv "$in" "$save" "$here/emboss.mat" --precision integer ;;
  posterizar)    vips boolean_const "$in" "$save" and 240 ;;
  redimensionar) vips resize "$in" "$save" 0.5 ;;
  marca_agua)    watermark "$in" "$save" "$w" "$h" ;;
  web)
    # W2: fit to 1600 px wide (shrink-on-load), sharpen, watermark.
    vips thumbnail "$in" "$tmp/fit.v" 1600 --height 100000
    vips sharpen "$tmp/fit.v" "$tmp/sharp.v"
    watermark "$tmp/sharp.v" "$save" "$(vipsheader -f width "$tmp/fit.v")" \
      "$(vipsheader -f height "$tmp/fit.v")"
    ;;
  *) echo "vips_one.sh: unknown filter $filter" >&2; exit 2 ;;
esac
