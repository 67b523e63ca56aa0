#!/usr/bin/env bash
# Fails (and names the file and the include) when a file of src/ includes a layer it may not
# (docs/architecture.md, "Which layer may include which"). Each layer includes only itself and
# the layers listed for it; inside server/, the folders keep their order too.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [util]=""
  [filters]="util"
  [pipeline]="filters util"
  [exec]="pipeline filters util"
  [db]="util"
  [batch]="exec pipeline filters db util"
  [watch]="batch exec pipeline filters db util"
  [audit]="batch exec pipeline filters db util"
  [server]="watch audit batch exec pipeline filters db util"
  [cli]="server watch audit batch exec pipeline filters db util"
)

# Inside exec/: the local executors do not include the distributed one, except the factory.
exec_factory="src/exec/make_executor.cpp"

# Inside server/: what each folder may include of the others (besides itself and the files at
# server/'s top: options, errors, metrics_registry, server_context). The two sessions of net/
# are where the transport hands requests on, so they alone may include protocol/ and api/.
declare -A server_allowed=(
  [net]=""
  [protocol]="net jobs"
  [jobs]="net protocol"
  [watches]="net jobs protocol"
  [api]="net jobs protocol watches"
)
sessions="src/server/net/http_session.cpp src/server/net/ws_session.cpp"

failures=0
refuse() {
  echo "check_layers: $1 includes \"$2\": $3" >&2
  failures=$((failures + 1))
}

while IFS= read -r -d '' file; do
  layer=$(cut -d/ -f2 <<<"$file")
  sub=""
  if [[ $layer == server ]]; then
    sub=$(cut -d/ -f3 <<<"$file")
    [[ -n ${server_allowed[$sub]+x} ]] || sub=""
  fi
  while IFS= read -r included; do
    target=${included%%/*}
    [[ $included == */* ]] || continue
    [[ -n ${allowed[$target]+x} ]] || continue  # a system or third-party header
    if [[ $target != "$layer" && " ${allowed[$layer]} " != *" $target "* ]]; then
      refuse "$file" "$included" "$layer may include only: ${allowed[$layer]:-nothing of lote}"
      continue
    fi
    if [[ $layer == exec && $included == exec/redis/* && $file != src/exec/redis/* &&
          $file != "$exec_factory" ]]; then
      refuse "$file" "$included" "only $exec_factory of exec/ may include exec/redis/"
      continue
    fi
    if [[ $target == server ]]; then
      other=$(cut -d/ -f2 <<<"$included")
      [[ -n ${server_allowed[$other]+x} ]] || continue  # server/'s top-level files
      if [[ $layer != server ]]; then
        continue  # cli wires the server together
      fi
      if [[ -z $sub ]]; then
        continue  # server/'s top-level files build and wire the folders
      fi
      if [[ $other != "$sub" && " ${server_allowed[$sub]} " != *" $other "* ]]; then
        if [[ " $sessions " == *" $file "* && ($other == protocol || $other == api) ]]; then
          continue
        fi
        refuse "$file" "$included" "server/$sub may include only: ${server_allowed[$sub]:-no other server folder}"
      fi
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done < <(find src -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0)

if ((failures > 0)); then
  echo "check_layers: $failures include(s) break the layer rules of docs/architecture.md" >&2
  exit 1
fi
echo "check_layers: every include of src/ follows the layer rules"
