#!/bin/sh
# \summary: e2e: damaged and non-capture inputs: every packet before the
# damage is printed, stderr names the file, the record and the byte offset,
# exit 1 for damage after a good start, 3 for a file that is not a capture.
. "$(dirname "$0")/lib.sh"
D="$DATA/damaged"
GOOD="$DATA/yummyrecipes.pcap"
[ -d "$D" ] || fail "missing $D"
"$BIN" print -n "$GOOD" >"$WORK/good.txt" || fail "good file"
head -n 3 "$WORK/good.txt" >"$WORK/good3.txt"

# run FILE: prints with -n; sets RC, leaves out.txt / err.txt
run() {
	"$BIN" print -n "$1" >"$WORK/out.txt" 2>"$WORK/err.txt"
	RC=$?
	[ "$RC" -lt 128 ] || fail "$1: crashed (status $RC)"
}

# damaged FILE STDERR-PATTERN: three good packets, then a named error, exit 1
damaged() {
	run "$D/$1"
	expect_eq "$RC" 1 "$1: exit status"
	cmp -s "$WORK/out.txt" "$WORK/good3.txt" || { diff "$WORK/good3.txt" "$WORK/out.txt"; fail "$1: packets before the damage"; }
	expect_grep "$1" "$WORK/err.txt" "$1: names the file"
	expect_grep "record [0-9]" "$WORK/err.txt" "$1: names the record"
	expect_grep "$2" "$WORK/err.txt" "$1: names the record and offset"
	[ "$(wc -l <"$WORK/err.txt")" -eq 1 ] || { cat "$WORK/err.txt"; fail "$1: one error line expected"; }
}

# Record 4 starts at byte 522 of the pcap fixtures and 600 of the pcapng one.
damaged truncated-mid-record.pcap "record 4.*byte offset 522"
expect_grep "ends early\|truncated" "$WORK/err.txt" "mid-record: says it is truncated"
damaged truncated-mid-header.pcap "record 4.*byte offset 522"
damaged huge-caplen.pcap "record 4.*byte offset 522"
expect_grep "300000" "$WORK/err.txt" "huge caplen: gives the length"
damaged pcapng-bad-block-length.pcapng "record [34].*byte offset 600"

# Cut exactly at a record boundary: a valid, shorter capture.
run "$D/truncated-at-boundary.pcap"
expect_eq "$RC" 0 "boundary cut: exit status"
cmp -s "$WORK/out.txt" "$WORK/good3.txt" || fail "boundary cut: packets"

# Not a capture at all: exit 3, nothing printed, file and offset named.
for f in bad-magic.pcap empty.pcap; do
	run "$D/$f"
	expect_eq "$RC" 3 "$f: exit status"
	[ -s "$WORK/out.txt" ] && fail "$f: printed something"
	expect_grep "$f" "$WORK/err.txt" "$f: names the file"
	expect_grep "offset 0" "$WORK/err.txt" "$f: names the offset"
done
# A text file is not a capture either.
printf 'hello, this is not a capture\n' >"$WORK/text.pcap"
run "$WORK/text.pcap"
expect_eq "$RC" 3 "text file: exit status"
# A missing file cannot be opened.
run "$WORK/no-such-file.pcap"
expect_eq "$RC" 3 "missing file: exit status"
expect_grep "no-such-file.pcap" "$WORK/err.txt" "missing file: names it"

# The same damage read from standard input.
"$BIN" print -n - <"$D/truncated-mid-record.pcap" >"$WORK/out.txt" 2>"$WORK/err.txt"
expect_eq "$?" 1 "stdin damage: exit status"
cmp -s "$WORK/out.txt" "$WORK/good3.txt" || fail "stdin damage: packets before the damage"
expect_grep "stdin.*record 4.*byte offset 522" "$WORK/err.txt" "stdin damage: names stdin, record, offset"
"$BIN" print -n - <"$D/empty.pcap" >/dev/null 2>"$WORK/err.txt"
expect_eq "$?" 3 "stdin empty: exit status"

# -c stops before the damage: no error.
"$BIN" print -n -c 3 "$D/truncated-mid-record.pcap" >"$WORK/out.txt" 2>"$WORK/err.txt"
expect_eq "$?" 0 "-c 3 before the damage: exit status"
[ -s "$WORK/err.txt" ] && fail "-c 3 before the damage: error printed"

# analyze, when present, keeps the same exit statuses.
if "$BIN" analyze --format json "$GOOD" >/dev/null 2>&1; then
	"$BIN" analyze --format json "$D/truncated-mid-record.pcap" >/dev/null 2>"$WORK/err.txt"
	expect_eq "$?" 1 "analyze damaged: exit status"
	expect_grep "record 4" "$WORK/err.txt" "analyze damaged: names the record"
	"$BIN" analyze --format json "$D/bad-magic.pcap" >/dev/null 2>&1
	expect_eq "$?" 3 "analyze bad magic: exit status"
fi
exit 0
