# Sourced by scripts/setup.sh and bench/run.sh: the Debian packages lote builds and tests with,
# and an idempotent, non-interactive install of whichever of a list are missing.

LOTE_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libvips-dev libvips-tools fonts-dejavu-core
  libboost-dev libboost-system-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libspdlog-dev libfmt-dev libarchive-dev
  libgtest-dev googletest python3-pil
  help2man dpkg-dev debootstrap
  libhiredis-dev redis-server
  libfontconfig-dev
  libexiv2-dev libimage-exiftool-perl colord-data icc-profiles-free
  libgif-dev
)

# What scripts/check_format.sh needs.
LOTE_FORMAT_PACKAGES=(clang-format)
# Fuzzing (scripts/fuzz.sh): Debian's clang 14 and its libFuzzer and sanitizer runtimes.
LOTE_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)

install_missing_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Node and npm for the browser tests and the sharp anchor: Debian's, unless a `node` with its
# `npm` is already there (a Node from elsewhere bundles npm, and Debian's npm package conflicts
# with it).
install_node_if_missing() {
  if command -v node >/dev/null && command -v npm >/dev/null; then
    return 0
  fi
  install_missing_packages nodejs npm
}

