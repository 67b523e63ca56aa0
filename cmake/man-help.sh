#!/bin/sh
# The help text help2man turns into lote.1: `lote --help-all` as the program prints it, with its
# subcommands marked as man sub-sections ("lote serve:") under a COMMANDS section, and the
# one-line title dropped (the man page has its own NAME). Usage: man-help.sh LOTE --help|--version
lote="$1"
shift
case "$1" in
--version) exec "$lote" --version ;;
esac
"$lote" --help-all | sed \
    -e '1{/^lote: /d}' \
    -e 's/^Subcommands:$/*Commands*/' \
    -e '/^  \(Options\|Positionals\):$/d' \
    -e '/^\([a-z][a-z-]*\)$/{s//lote \1:/;n;s/$/\n/}'
