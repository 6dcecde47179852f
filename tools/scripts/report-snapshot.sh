#!/bin/sh
# \summary: writes every output of a nettriage binary on every fixture into
# one folder, so that two builds can be compared byte for byte (a refactor
# must leave them identical).
#
# Usage: tools/scripts/report-snapshot.sh BIN OUTDIR [SHARED]
#   BIN     the nettriage binary
#   OUTDIR  created; one file per (input, command, format), plus the exit
#           status of each run in OUTDIR/status.tsv
#   SHARED  the shared corpus (default ../shared)
#
# Inputs: tests/data/**/*.pcap (the generator's fixtures), the flagship text
# log of SHARED/samples, every capture of SHARED/corpus/real and of
# SHARED/corpus/tcpdump (the analysis of tcpdump's own test captures), and
# the text of the flagship capture as `print` and `print -v` write it.
# Outputs: analyze in every format (text, md, json, html, jsonl), explain of
# each capture (text and json), and print -n / -v / -e.
#
# Compare two snapshots with:  diff -r OLD NEW
# (tools/scripts/report-compare.sh builds both and does this.)
set -u
BIN=$1
OUT=$2
SHARED=${3:-../shared}
cd "$(dirname "$0")/../.." || exit 1
mkdir -p "$OUT"
: >"$OUT/status.tsv"
export TZ=UTC NO_COLOR=1

# name for a path: folders joined with '~'
key() { printf '%s' "$1" | sed 's|^\./||; s|/|~|g'; }

run() { # run NAME CMD...
	name=$1
	shift
	"$@" >"$OUT/$name" 2>"$OUT/$name.err"
	printf '%s\t%s\n' "$name" "$?" >>"$OUT/status.tsv"
}

inputs=$(
	find tests/data -name '*.pcap' -o -name '*.pcapng' | sort
	ls "$SHARED"/samples/*.log 2>/dev/null
	ls "$SHARED"/corpus/real/*.pcap* 2>/dev/null
	ls "$SHARED"/corpus/tcpdump/*.pcap* "$SHARED"/corpus/tcpdump-synthetic/*.pcap* 2>/dev/null
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the flagship as text, in two of the forms analysts paste
"$BIN" print -n tests/data/yummyrecipes.pcap >"$tmp/yummy-n.txt" 2>/dev/null
"$BIN" print -n -v tests/data/yummyrecipes.pcap >"$tmp/yummy-v.txt" 2>/dev/null
inputs="$inputs
$tmp/yummy-n.txt
$tmp/yummy-v.txt"

for f in $inputs; do
	case "$f" in
	"$SHARED"/*) k="shared~$(key "${f#"$SHARED"/}")" ;;
	"$tmp"/*) k="text~$(basename "$f")" ;;
	*) k=$(key "$f") ;;
	esac
	for fmt in text md json html jsonl; do
		run "$k.analyze.$fmt" "$BIN" analyze --format "$fmt" "$f"
	done
	case "$f" in
	*.txt | *.log) ;;
	*)
		for fl in -n -v -e; do
			run "$k.print$fl" "$BIN" print "$fl" "$f"
		done
		run "$k.explain.text" "$BIN" explain "$f"
		run "$k.explain.json" "$BIN" explain --format json "$f"
		;;
	esac
done
# several inputs merged, and the flagship log with a capture
run "merge.analyze.json" "$BIN" analyze --format json tests/data/scenarios/dns-timeout.pcap \
	tests/data/scenarios/tcp-refused.pcap "$SHARED/samples/yummyrecipes-dns-icmp.log"
# the paths of the temporary text inputs differ between runs
sed -i "s|$tmp/|TMP/|g" "$OUT"/text~* "$OUT"/merge.* 2>/dev/null
echo "report-snapshot: $(wc -l <"$OUT/status.tsv") outputs in $OUT"
