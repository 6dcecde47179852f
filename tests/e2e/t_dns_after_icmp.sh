#!/bin/sh
# analyze: a DNS response that arrives after the ICMP error which ended its
# query is paired with the query (answered_after_icmp), not counted as
# unsolicited; when every rejected query was answered the
# dns.server_unreachable finding is low and says the errors are spurious.
# Input: a tcpdump text log written here (two rejected-then-answered
# queries; then a third query rejected and never answered).
. "$(dirname "$0")/lib.sh"
cat >"$WORK/after.log" <<'LOG'
10:00:00.000000 IP 10.1.0.20.40001 > 10.1.0.53.53: 1001+ A? www.example.com. (33)
10:00:00.010000 IP 10.1.0.53 > 10.1.0.20: ICMP 10.1.0.53 udp port 53 unreachable, length 69
10:00:00.050000 IP 10.1.0.53.53 > 10.1.0.20.40001: 1001 1/0/0 A 192.0.2.10 (49)
10:00:01.000000 IP 10.1.0.20.40002 > 10.1.0.53.53: 1002+ A? mail.example.com. (34)
10:00:01.010000 IP 10.1.0.53 > 10.1.0.20: ICMP 10.1.0.53 udp port 53 unreachable, length 70
10:00:01.050000 IP 10.1.0.53.53 > 10.1.0.20.40002: 1002 1/0/0 A 192.0.2.11 (50)
LOG
"$BIN" analyze --format json "$WORK/after.log" >"$WORK/after.json" || fail "analyze after.log"
python3 - "$WORK/after.json" <<'PY' || fail "answered after ICMP: wrong pairing or verdict"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["dns"]
assert s["icmp_rejected"] == 2 and s["answered_after_icmp"] == 2, s
assert s["unsolicited"] == 0 and s["lookups_failed"] == 0, s
f = d["findings"]
assert [x["kind"] for x in f] == ["dns.server_unreachable"], f
f = f[0]
assert f["severity"] == "low", f["severity"]
assert "errors are spurious" in f["summary"], f["summary"]
assert f["causes"][0]["cause"].startswith("Spurious ICMP errors"), f["causes"][0]
assert len(f["evidence"]) == 6, f["evidence"]  # query, ICMP error and response, twice
PY

"$BIN" analyze --format md "$WORK/after.log" >"$WORK/after.md" || fail "analyze --format md"
expect_grep '^### 1. Spurious ICMP errors for DNS to 10.1.0.53 (UDP port 53)' "$WORK/after.md" \
	"title of the low finding"

# the same plus a query that is rejected and never answered: medium, partial
{ cat "$WORK/after.log"
  echo "10:00:02.000000 IP 10.1.0.20.40003 > 10.1.0.53.53: 1003+ A? ftp.example.com. (33)"
  echo "10:00:02.010000 IP 10.1.0.53 > 10.1.0.20: ICMP 10.1.0.53 udp port 53 unreachable, length 69"
} >"$WORK/partial.log"
"$BIN" analyze --format json "$WORK/partial.log" >"$WORK/partial.json" || fail "analyze partial.log"
python3 - "$WORK/partial.json" <<'PY' || fail "partly answered after ICMP: wrong verdict"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["dns"]["answered_after_icmp"] == 2 and d["dns"]["lookups_failed"] == 1, d["dns"]
f = d["findings"][0]
assert f["kind"] == "dns.server_unreachable" and f["severity"] == "medium", f
assert "The failure is partial" in f["causes"][0]["reasoning"], f["causes"][0]
PY

# the event export carries the second state of the transaction
"$BIN" analyze --format jsonl "$WORK/after.log" >"$WORK/after.jsonl" || fail "jsonl"
expect_grep '"state":"answered_after_icmp"' "$WORK/after.jsonl" "jsonl state"
exit 0
