#!/bin/sh
# \summary: builds a git revision and the working tree and compares every
# output of the two binaries on every fixture (report-snapshot.sh): a
# refactor must leave them byte-identical.
#
# Usage: tools/scripts/report-compare.sh [REV]   (default: HEAD)
# Exit status 0 when identical; 1 with the differing files listed.
set -u
REV=${1:-HEAD}
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
SHARED=${NT_SHARED:-$ROOT/../shared}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/tree" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/tree" "$REV" >/dev/null 2>&1 || {
	echo "report-compare: cannot check out $REV"
	exit 2
}
make -s -C "$tmp/tree" BUILD="$tmp/build-old" "$tmp/build-old/nettriage" >/dev/null || exit 2
make -s BUILD=build all >/dev/null || exit 2
sh tools/scripts/report-snapshot.sh "$tmp/build-old/nettriage" "$tmp/old" "$SHARED" >/dev/null
sh tools/scripts/report-snapshot.sh "$ROOT/build/nettriage" "$tmp/new" "$SHARED" >/dev/null
n=$(wc -l <"$tmp/new/status.tsv")
if diff -rq "$tmp/old" "$tmp/new" >"$tmp/diff"; then
	echo "report-compare: $n outputs identical to $REV"
	exit 0
fi
echo "report-compare: $(wc -l <"$tmp/diff") of $n outputs differ from $REV:"
sed 's|'"$tmp"'/||g' "$tmp/diff" | head -n 40
if [ -n "${KEEP:-}" ]; then
	rm -rf "$KEEP"
	cp -r "$tmp/old" "$KEEP.old" && cp -r "$tmp/new" "$KEEP.new"
	echo "report-compare: kept in $KEEP.old and $KEEP.new"
fi
exit 1
