#!/usr/bin/env bash
# Sets up lote (packages, Release build) and runs the main job: the server with its page on
# 127.0.0.1:8765, serving ./input_images (filled with sample images when empty) and writing to
# ./output_images. Extra arguments go to `lote serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec build/lote serve "$@"
