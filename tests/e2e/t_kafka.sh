#!/bin/sh
# \summary: analyze --output kafka://BROKERS/TOPIC: against librdkafka's
# built-in mock cluster (--kafka-opt test.mock.num.brokers=3) every event
# of the flagship capture is produced and delivered, counted on stderr and
# under "export" of the JSON report, while the report itself is unchanged;
# an unreachable broker makes every event count as failed with its error
# and the exit status 5; bad URLs and properties are usage errors (2).
. "$(dirname "$0")/lib.sh"
PCAP="$DATA/yummyrecipes.pcap"
MOCK="--kafka-opt test.mock.num.brokers=3"

"$BIN" analyze --format jsonl "$PCAP" >"$WORK/plain.jsonl" || fail "plain jsonl"
"$BIN" analyze --format json "$PCAP" >"$WORK/plain.json" || fail "plain json"
n=$(wc -l <"$WORK/plain.jsonl" | tr -d ' ')
expect_eq "$n" 8 "flagship jsonl events"

# delivered: the jsonl report unchanged, every line produced and delivered
# shellcheck disable=SC2086
"$BIN" analyze --format jsonl --output kafka://mock:9092/nt-events $MOCK -o "$WORK/k.jsonl" \
	"$PCAP" 2>"$WORK/k.err"
expect_eq "$?" 0 "exit status with every event delivered"
cmp -s "$WORK/plain.jsonl" "$WORK/k.jsonl" || fail "jsonl report changed by --output kafka://"
expect_grep "kafka: topic nt-events at mock:9092: 8 produced, 8 delivered, 0 failed" \
	"$WORK/k.err" "counts on stderr"
expect_nogrep "delivery error" "$WORK/k.err" "delivered run"

# the JSON report carries the counts; with them removed it is the plain one
# shellcheck disable=SC2086
"$BIN" analyze --format json --output kafka://mock:9092,mock2:9092/nt-events $MOCK "$PCAP" \
	>"$WORK/k.json" 2>"$WORK/k2.err" || fail "json report with kafka export"
python3 - "$WORK/k.json" "$WORK/plain.json" <<'PY' || fail "export.kafka in the JSON report"
import json, sys
k, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ex = k.pop("export")
assert list(ex) == ["kafka"], ex
assert ex["kafka"] == {"brokers": "mock:9092,mock2:9092", "topic": "nt-events", "produced": 8,
                       "delivered": 8, "failed": 0, "errors": []}, ex
assert "export" not in p
assert k == p
PY

# text and HTML reports (the HTML charts' observer runs beside the stream)
# shellcheck disable=SC2086
"$BIN" analyze --output kafka://mock:9092/nt-events $MOCK "$PCAP" >"$WORK/k.txt" 2>"$WORK/k3.err" ||
	fail "text report with kafka"
"$BIN" analyze "$PCAP" >"$WORK/plain.txt" || fail "plain text"
cmp -s "$WORK/k.txt" "$WORK/plain.txt" || fail "text report changed by --output kafka://"
# shellcheck disable=SC2086
"$BIN" analyze --format html -o "$WORK/k.html" --output kafka://mock:9092/nt-events $MOCK \
	"$PCAP" 2>"$WORK/k4.err" || fail "html report with kafka"
"$BIN" analyze --format html -o "$WORK/plain.html" "$PCAP" || fail "plain html"
cmp -s "$WORK/k.html" "$WORK/plain.html" || fail "html report changed by --output kafka://"
expect_grep "8 produced, 8 delivered, 0 failed" "$WORK/k4.err" "html run counts"

# undeliverable: nothing listens on port 1; each message times out
"$BIN" analyze --format json --output kafka://127.0.0.1:1/nt-events \
	--kafka-opt message.timeout.ms=1000 "$PCAP" >"$WORK/f.json" 2>"$WORK/f.err"
expect_eq "$?" 5 "exit status when events were not delivered"
expect_grep "8 produced, 0 delivered, 8 failed" "$WORK/f.err" "failure counts on stderr"
expect_grep "delivery error: Local: Message timed out" "$WORK/f.err" "error text on stderr"
expect_grep "export incomplete: 8 of 8 events not delivered" "$WORK/f.err" "export incomplete"
python3 - "$WORK/f.json" <<'PY' || fail "failed export in the JSON report"
import json, sys
r = json.load(open(sys.argv[1]))
k = r["export"]["kafka"]
assert (k["produced"], k["delivered"], k["failed"]) == (8, 0, 8), k
assert k["errors"] == ["Local: Message timed out"], k
assert r["findings"][0]["kind"] == "dns.server_unreachable", "report still complete"
PY

# usage errors
for url in kafka://host kafka:///t kafka://h/ "kafka://h/a b"; do
	"$BIN" analyze --output "$url" "$PCAP" >/dev/null 2>"$WORK/u.err"
	expect_eq "$?" 2 "exit status of --output $url"
	expect_grep "kafka://" "$WORK/u.err" "message for $url"
done
"$BIN" analyze --kafka-opt acks=all "$PCAP" >/dev/null 2>"$WORK/u.err"
expect_eq "$?" 2 "--kafka-opt without --output kafka://"
"$BIN" analyze --output kafka://h:1/t --kafka-opt no.such.property=1 "$PCAP" >/dev/null \
	2>"$WORK/u.err"
expect_eq "$?" 2 "unknown librdkafka property"
expect_grep "no.such.property" "$WORK/u.err" "the property named"
"$BIN" analyze --output kafka://h:1/t --kafka-opt acks "$PCAP" >/dev/null 2>"$WORK/u.err"
expect_eq "$?" 2 "--kafka-opt without ="
"$BIN" analyze --help | grep -q -- '--kafka-opt' || fail "--help names --kafka-opt"
exit 0
