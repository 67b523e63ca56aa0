#!/bin/sh
# Prints the Depends of the package: the libraries BINARY links, as dpkg-shlibdeps names their
# packages (with shlibs.local's corrections), each name checked to be an installed package of
# this machine, which it must be, since the binary was linked against it.
# Usage: depends.sh BINARY
set -eu
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/debian"
: >"$work/debian/control"
cp "$here/shlibs.local" "$work/debian/shlibs.local"
line=$(cd "$work" && dpkg-shlibdeps -O -e"$binary" 2>"$work/errors") || {
    cat "$work/errors" >&2
    exit 1
}
depends=${line#shlibs:Depends=}
for name in $(printf '%s\n' "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g'); do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null || true)
    if [ "$status" != installed ]; then
        echo "depends.sh: dpkg-shlibdeps names '$name', which is no installed package; correct it in $here/shlibs.local" >&2
        exit 1
    fi
done
printf '%s\n' "$depends"
