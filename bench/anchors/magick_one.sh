#!/usr/bin/env bash
# The ImageMagick anchor: one seed filter (or the W2 web chain) on one image with one `convert`
# (Debian's, /usr/bin/convert). GNU parallel runs one of these per (image, filter) on every core,
# so ImageMagick's own threads are limited to one. Mapping: bench/README.md.
#   magick_one.sh FILTER INPUT OUTPUT QUALITY WIDTH HEIGHT
set -euo pipefail
filter=$1 in=$2 out=$3 q=$4 w=$5 h=$6
export MAGICK_THREAD_LIMIT=1
convert=/usr/bin/convert
mark=(-gravity center -font DejaVu-Sans -fill "rgba(255,255,255,0.3)")

case $filter in
  invertir)      op=(-negate) ;;
  grises)        op=(-colorspace gray) ;;
  blur)          op=(-blur 0x5) ;;  # separable; -gaussian-blur is 5x slower here
  nitidez)       op=(-sharpen 0x1) ;;
  brillo)        op=(-evaluate multiply 1.5) ;;
  contraste)     op=(-function polynomial 1.5,-0.25) ;;
  sepia)         op=(-color-matrix "0.393 0.769 0.189 0.349 0.686 0.168 0.272 0.534 0.131") ;;
  bordes)        op=(-edge 1) ;;
  relieve)       op=(-emboss 1) ;;
  posterizar)    op=(-posterize 16) ;;
  redimensionar) op=(-resize 50%) ;;
  marca_agua)    op=("${mark[@]}" -pointsize $((w / 10)) -annotate +0+0 PROCESADO) ;;
  web)
    # W2: decode at reduced size when the JPEG allows it, fit to 1600 px wide, sharpen, watermark.
    exec "$convert" -define jpeg:size=3200x3200 "$in" -auto-orient -resize '1600x>' -sharpen 0x1 \
      "${mark[@]}" -pointsize 160 -annotate +0+0 PROCESADO -quality "$q" "$out"
    ;;
  *) echo "magick_one.sh: unknown filter $filter" >&2; exit 2 ;;
esac
exec "$convert" "$in" -auto-orient "${op[@]}" -quality "$q" "$out"
