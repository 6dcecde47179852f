#!/bin/sh
# analyze: command line: usage errors, -o, --timeout/--set, stdin capture,
# several inputs merged in time order, unparsed text lines listed.
. "$(dirname "$0")/lib.sh"
LOG="$SHARED/samples/yummyrecipes-dns-icmp.log"
"$BIN" analyze >/dev/null 2>&1; expect_eq "$?" 2 "no input"
"$BIN" analyze --format xml "$LOG" >/dev/null 2>&1; expect_eq "$?" 2 "bad format"
"$BIN" analyze --set nope=1 "$LOG" >/dev/null 2>&1; expect_eq "$?" 2 "unknown threshold"
"$BIN" analyze --timeout abc "$LOG" >/dev/null 2>&1; expect_eq "$?" 2 "bad timeout"
"$BIN" analyze "$WORK/missing.pcap" >/dev/null 2>&1; expect_eq "$?" 3 "missing input"
"$BIN" analyze --help | grep -q 'usage: nettriage analyze' || fail "help"
"$BIN" analyze --list-thresholds >"$WORK/th.txt" || fail "list thresholds"
expect_grep '^dns.timeout' "$WORK/th.txt" "thresholds list"
expect_grep 'source:' "$WORK/th.txt" "thresholds cite sources"

# -o FILE
"$BIN" analyze --format json -o "$WORK/o.json" "$LOG" >"$WORK/stdout" || fail "-o"
[ -s "$WORK/o.json" ] && [ ! -s "$WORK/stdout" ] || fail "-o wrote to the wrong place"
# --set and --timeout land in the report
"$BIN" analyze --format json --timeout 2 --set dns.nxdomain.threshold=20 "$LOG" >"$WORK/s.json" || fail "--set"
python3 -c '
import json,sys; t=json.load(open(sys.argv[1]))["thresholds"]
assert t["dns.timeout"]==2 and t["dns.nxdomain.threshold"]==20, t' "$WORK/s.json" || fail "thresholds not applied"

# capture on stdin, and two inputs merged in time order
p="$WORK/tcp-refused.pcap"; "$TOOLS/ntgen" tcp-refused "$p" >/dev/null || fail ntgen
q="$WORK/yummy.pcap"; "$TOOLS/ntgen" yummyrecipes "$q" >/dev/null || fail ntgen
"$BIN" analyze --format json - <"$p" >"$WORK/stdin.json" || fail "stdin pcap"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert d["findings"][0]["kind"]=="tcp.connection_refused", d["findings"]' "$WORK/stdin.json" || fail "stdin kinds"
"$BIN" analyze --format json "$p" "$q" >"$WORK/two.json" || fail "two inputs"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
k=sorted(f["kind"] for f in d["findings"])
assert k==["dns.server_unreachable","tcp.connection_refused"], k
assert len(d["inputs"])==2 and d["capture"]["packets"]==sum(i["packets"] for i in d["inputs"])
' "$WORK/two.json" || fail "merged inputs"

# bounded tables: tiny capacities force evictions, which are counted and reported
m="$WORK/mix.pcap"; "$TOOLS/ntgen" mix "$m" --packets 5000 >/dev/null || fail "ntgen mix"
"$BIN" analyze --format json --set cap.dns_transactions=16 --set cap.dns_lookups=16 \
	--set cap.tcp_handshakes=16 --set cap.hosts=16 "$m" >"$WORK/ev.json" || fail "small tables"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); ev=d["evictions"]; t=d["tables"]
for k in ("dns_transactions","dns_lookups","tcp_handshakes","hosts"):
    assert ev[k] > 0, (k, ev)
    assert t[k]["evicted"] == ev[k]
assert t["dns_transactions"]["peak"] <= 16 and t["dns_transactions"]["capacity"] == 16
' "$WORK/ev.json" || fail "evictions not reported"
"$BIN" analyze --format md --set cap.dns_transactions=16 "$m" >"$WORK/ev.md" || fail "md small tables"
expect_grep '^| dns_transactions | 16 |' "$WORK/ev.md" "md table capacities"
"$BIN" analyze --format json "$m" >"$WORK/ev2.json" || fail "default tables"
python3 -c '
import json,sys; ev=json.load(open(sys.argv[1]))["evictions"]
assert ev["dns_transactions"] == 0, ev' "$WORK/ev2.json" || fail "evictions at default capacity"

# lines the text parser cannot read are counted and listed, not fatal
{ echo "garbage line one"; cat "$LOG"; echo "more garbage ###"; } >"$WORK/dirty.log"
"$BIN" analyze --format json "$WORK/dirty.log" >"$WORK/dirty.json" || fail "dirty log"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); i=d["inputs"][0]
assert i["lines_skipped"]==2, i
assert [s["line_no"] for s in i["skipped"]]==[1,16], i["skipped"]
assert d["findings"][0]["count"]==3' "$WORK/dirty.json" || fail "skipped lines"
"$BIN" analyze "$WORK/dirty.log" >"$WORK/dirty.txt"
expect_grep 'skipped line 1: garbage line one' "$WORK/dirty.txt" "skipped listed in text"
# colour only on a terminal and only without NO_COLOR
if command -v script >/dev/null 2>&1; then
	env -u NO_COLOR script -qc "'$BIN' analyze '$LOG'" /dev/null >"$WORK/tty.txt" 2>&1 </dev/null
	expect_grep "$(printf '\033')\[" "$WORK/tty.txt" "colour on a tty"
	NO_COLOR=1 script -qc "'$BIN' analyze '$LOG'" /dev/null >"$WORK/tty2.txt" 2>&1 </dev/null
	expect_nogrep "$(printf '\033')" "$WORK/tty2.txt" "NO_COLOR"
fi

# every threshold the program has is documented in docs/thresholds.md
for p in $("$BIN" analyze --list-thresholds | awk '/^[a-z]/ { print $1 }'); do
	grep -q -- "\`$p\`" "$(dirname "$0")/../../docs/thresholds.md" || fail "docs/thresholds.md lacks $p"
done
exit 0
