#!/usr/bin/env bash
# Fails (and names the files) when a C++ file of src/, tests/ or bench/ is not formatted as the
# root .clang-format says. Fix with: clang-format -i FILE. Installs clang-format when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/packages.sh
install_missing_packages "${LOTE_FORMAT_PACKAGES[@]}"

mapfile -d '' files < <(
  find src tests -name node_modules -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0
  find bench -maxdepth 1 -type f -name '*.cpp' -print0
)
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "check_format: the files above differ from .clang-format; run clang-format -i on them" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
