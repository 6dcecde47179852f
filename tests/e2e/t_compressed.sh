#!/bin/sh
# \summary: e2e: gzip- and zstd-compressed captures are read directly (told
# by their magic bytes, not their name): print and analyze give what they
# give for the plain file; a truncated or corrupt compressed file stops with
# an error naming the record and the byte offset, after the good packets.
. "$(dirname "$0")/lib.sh"
command -v gzip >/dev/null 2>&1 || fail "gzip missing (tools/scripts/deps.sh installs it)"
command -v zstd >/dev/null 2>&1 || fail "zstd missing (tools/scripts/deps.sh installs it)"

PLAIN="$WORK/m.pcap"
"$TOOLS/ntgen" mix "$PLAIN" --packets 3000 --seed 7 >/dev/null || fail "ntgen"
gzip -c "$PLAIN" >"$WORK/m.pcap.gz" || fail "gzip"
zstd -q -c "$PLAIN" >"$WORK/m.pcap.zst" || fail "zstd"
cp "$WORK/m.pcap.gz" "$WORK/gz-without-extension"
cp "$WORK/m.pcap.zst" "$WORK/zst-named.pcap"
# two gzip members one after the other (what `cat a.gz b.gz` makes)
head -c 1000000 "$PLAIN" >"$WORK/part1"
tail -c +1000001 "$PLAIN" >"$WORK/part2"
{ gzip -c "$WORK/part1"; gzip -c "$WORK/part2"; } >"$WORK/members.pcap.gz"

"$BIN" print -n "$PLAIN" >"$WORK/plain.txt" 2>"$WORK/plain.err" || fail "plain print"
[ "$(wc -l <"$WORK/plain.txt")" -ge 3000 ] || fail "plain print: too few lines"

for f in m.pcap.gz m.pcap.zst gz-without-extension zst-named.pcap members.pcap.gz; do
	"$BIN" print -n "$WORK/$f" >"$WORK/out.txt" 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; fail "$f: print failed"; }
	cmp -s "$WORK/plain.txt" "$WORK/out.txt" || { diff "$WORK/plain.txt" "$WORK/out.txt" | head; fail "$f: print differs from the plain file"; }
done
# standard input, compressed
"$BIN" print -n - <"$WORK/m.pcap.zst" >"$WORK/out.txt" 2>"$WORK/err.txt" || fail "stdin .zst: print failed"
cmp -s "$WORK/plain.txt" "$WORK/out.txt" || fail "stdin .zst: print differs"
gzip -c "$PLAIN" | "$BIN" print -n - >"$WORK/out.txt" 2>"$WORK/err.txt" || fail "stdin .gz: print failed"
cmp -s "$WORK/plain.txt" "$WORK/out.txt" || fail "stdin .gz: print differs"

# analyze: the same report but for the input's path
strip_path() { sed 's/"path": "[^"]*"/"path": "-"/' "$1"; }
"$BIN" analyze --format json "$PLAIN" >"$WORK/plain.json" || fail "plain analyze"
for f in m.pcap.gz m.pcap.zst gz-without-extension; do
	"$BIN" analyze --format json "$WORK/$f" >"$WORK/out.json" 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; fail "$f: analyze failed"; }
	strip_path "$WORK/plain.json" >"$WORK/a.json"
	strip_path "$WORK/out.json" >"$WORK/b.json"
	cmp -s "$WORK/a.json" "$WORK/b.json" || { diff "$WORK/a.json" "$WORK/b.json" | head; fail "$f: analyze differs from the plain file"; }
done
expect_grep '"format": "pcap"' "$WORK/out.json" "analyze .gz: format of the capture inside"

# Truncated: the packets before the cut, then one error line naming the
# record and its byte offset; exit 1 as for a truncated plain file.
for z in gz zst; do
	size=$(wc -c <"$WORK/m.pcap.$z")
	head -c $((size / 2)) "$WORK/m.pcap.$z" >"$WORK/cut.pcap.$z"
	"$BIN" print -n "$WORK/cut.pcap.$z" >"$WORK/out.txt" 2>"$WORK/err.txt"
	rc=$?
	expect_eq "$rc" 1 "truncated .$z: exit status"
	n=$(wc -l <"$WORK/out.txt")
	[ "$n" -gt 100 ] || fail "truncated .$z: only $n packets before the cut"
	head -n "$n" "$WORK/plain.txt" | cmp -s - "$WORK/out.txt" || fail "truncated .$z: packets before the cut differ"
	expect_grep "cut.pcap.$z" "$WORK/err.txt" "truncated .$z: names the file"
	expect_grep "record [0-9][0-9]*.*byte offset [0-9]" "$WORK/err.txt" "truncated .$z: names record and offset"
	expect_grep "truncated" "$WORK/err.txt" "truncated .$z: says it is truncated"
	[ "$(wc -l <"$WORK/err.txt")" -eq 1 ] || { cat "$WORK/err.txt"; fail "truncated .$z: one error line expected"; }
	# analyze reports the damage too (exit 1 = damaged input)
	"$BIN" analyze --format json "$WORK/cut.pcap.$z" >"$WORK/out.json" 2>"$WORK/err.txt"
	rc=$?
	expect_eq "$rc" 1 "truncated .$z: analyze exit status"
	expect_grep "record [0-9][0-9]*.*byte offset [0-9]" "$WORK/err.txt" "truncated .$z: analyze names record and offset"
done

# A wrong CRC in the gzip trailer: every packet, then an error naming gzip
# (zlib checks the CRC at the end of the member).
size=$(wc -c <"$WORK/m.pcap.gz")
{ head -c $((size - 8)) "$WORK/m.pcap.gz"; printf '\377\377\377\377'; tail -c 4 "$WORK/m.pcap.gz"; } >"$WORK/bad.pcap.gz"
"$BIN" print -n "$WORK/bad.pcap.gz" >"$WORK/out.txt" 2>"$WORK/err.txt"
rc=$?
expect_eq "$rc" 1 "bad CRC .gz: exit status"
cmp -s "$WORK/plain.txt" "$WORK/out.txt" || fail "bad CRC .gz: the packets"
expect_grep "gzip" "$WORK/err.txt" "bad CRC .gz: says gzip"
expect_grep "record [0-9].*byte offset [0-9]" "$WORK/err.txt" "bad CRC .gz: names record and offset"

# A compressed file that holds no capture: exit 3, as for any non-capture.
printf 'hello, not a capture\n' | gzip -c >"$WORK/text.gz"
"$BIN" print -n "$WORK/text.gz" >"$WORK/out.txt" 2>"$WORK/err.txt"
expect_eq "$?" 3 "gzip of text: exit status"
gzip -c </dev/null >"$WORK/empty.gz"
"$BIN" print -n "$WORK/empty.gz" >"$WORK/out.txt" 2>"$WORK/err.txt"
expect_eq "$?" 3 "empty .gz: exit status"
expect_grep "empty" "$WORK/err.txt" "empty .gz: says empty"
exit 0
