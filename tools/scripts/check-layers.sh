#!/bin/sh
# check-layers.sh: no include in src/ runs up the layers.
# A file may include headers of its own folder or of a lower layer; the order is
# the one docs/architecture.md draws, lowest first. Prints each violation as
# FILE:LINE: LAYER includes HEADER (LAYER2) and exits 1 if there is one.
set -eu
cd "$(dirname "$0")/../.."
rank() {
	case "$1" in
	core) echo 0 ;; proto) echo 1 ;; input) echo 2 ;; decode) echo 3 ;;
	print) echo 4 ;; analysis) echo 5 ;; detectors) echo 6 ;; report) echo 7 ;;
	report/export) echo 8 ;; cli) echo 9 ;; *) echo 99 ;;
	esac
}
layer_of() { # src/report/export/x.c -> report/export ; src/core/a.h -> core
	d=${1#src/}; d=${d%/*}; echo "$d"
}
bad=0
for f in $(find src -name '*.[ch]' | sort); do
	me=$(layer_of "$f"); mr=$(rank "$me")
	if [ "$mr" = 99 ]; then echo "$f: folder $me is not a layer"; bad=1; continue; fi
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
		n=${line%%:*}
		h=$(printf '%s\n' "$line" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
		case "$h" in */*) ;; *) continue ;; esac  # same-folder include
		hl=${h%/*}; hr=$(rank "$hl")
		[ "$hr" = 99 ] && continue              # not a src/ header (e.g. tools)
		if [ "$hr" -gt "$mr" ]; then
			echo "$f:$n: $me includes $h ($hl)"
		fi
	done
done > /tmp/check-layers.$$
if [ -s /tmp/check-layers.$$ ] || [ "$bad" = 1 ]; then
	cat /tmp/check-layers.$$; rm -f /tmp/check-layers.$$
	echo "check-layers: includes run up the layers (see docs/architecture.md)"; exit 1
fi
rm -f /tmp/check-layers.$$
echo "check-layers: ok ($(find src -name '*.[ch]' | wc -l) files)"
