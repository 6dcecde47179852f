#!/bin/sh
# analyze: the flagship incident (yummyrecipes) from the analyst's tcpdump
# text log and from the capture, in JSON, Markdown and text: one finding
# dns.server_unreachable for 203.0.113.2 port 53, count 3.
. "$(dirname "$0")/lib.sh"
LOG="$SHARED/samples/yummyrecipes-dns-icmp.log"
[ -f "$LOG" ] || fail "missing $LOG"
PCAP="$DATA/yummyrecipes.pcap"
if [ ! -f "$PCAP" ]; then
	PCAP="$WORK/yummyrecipes.pcap"
	"$TOOLS/ntgen" yummyrecipes "$PCAP" >/dev/null || fail "ntgen yummyrecipes"
fi

check_json() { # FILE FIRST LAST
	python3 - "$1" "$2" "$3" <<'PY' || fail "JSON check of $1"
import json, sys
path, first, last = sys.argv[1:4]
d = json.load(open(path))
assert d["schema"] == "nettriage.report/1", d["schema"]
fs = d["findings"]
assert len(fs) == 1, [f["kind"] for f in fs]
f = fs[0]
want = {"kind": "dns.server_unreachable", "server": "203.0.113.2", "port": 53,
        "count": 3, "clients": ["192.51.100.15"], "names": ["yummyrecipesforme.com"],
        "protocol": "DNS", "transport": "udp"}
for k, v in want.items():
    assert f[k] == v, (k, f[k], v)
assert f["severity"] in ("high", "critical"), f["severity"]
assert f["first_seen"].endswith(first), f["first_seen"]
assert f["last_seen"].endswith(last), f["last_seen"]
assert "35084" in f["summary"] and "ICMP port unreachable" in f["summary"], f["summary"]
assert "from the server itself" in f["summary"], f["summary"]
ev = f["evidence"]
assert len(ev) == 6, len(ev)
assert all({"frame", "time", "line"} <= set(e) for e in ev)
assert "A? yummyrecipesforme.com." in ev[0]["line"], ev[0]
import re
assert re.search(r"udp port (53|domain) unreachable", ev[1]["line"]), ev[1]
causes = [c["cause"] for c in f["causes"]]
assert causes[0].startswith("DNS service down"), causes
assert any("Firewall" in c for c in causes) and any("Denial-of-service" in c for c in causes)
assert any("Misconfiguration" in c for c in causes)
assert "possible only" in [c for c in causes if "Denial" in c][0]
steps = " ".join(f["next_steps"])
for w in ("port 53", "+tcp", "another resolver", "firewall", "spike"):
    assert w in steps, w
assert "HTTPS" in f["impact"]
for t in ("dns_transactions", "dns_lookups", "tcp_handshakes", "hosts"):
    assert d["evictions"][t] == 0
assert d["capture"]["packets"] == 6
PY
}

# text log
"$BIN" analyze --format json "$LOG" >"$WORK/log.json" || fail "analyze log json"
check_json "$WORK/log.json" "13:24:32.192571" "13:28:50.022967"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); i=d["inputs"][0]
assert i["format"]=="tcpdump-text" and i["has_date"] is False and i["lines_skipped"]==0, i
assert d["capture"]["start"]=="13:24:32.192571" and d["capture"]["evidence_strength"]=="text-log"
' "$WORK/log.json" || fail "log inputs"

# capture
"$BIN" analyze --format json "$PCAP" >"$WORK/pcap.json" || fail "analyze pcap json"
check_json "$WORK/pcap.json" "13:24:32.192571Z" "13:28:50.022967Z"
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); f=d["findings"][0]
assert "quote" not in f["analysis"] or "DNS id" in f["analysis"]
assert d["inputs"][0]["format"]=="pcap"
assert "35084+ A? yummyrecipesforme.com." in f["evidence"][0]["line"], f["evidence"][0]
' "$WORK/pcap.json" || fail "pcap evidence"

# Markdown and text
for in in "$LOG" "$PCAP"; do
	"$BIN" analyze --format md "$in" >"$WORK/r.md" || fail "analyze md"
	expect_grep '^# Incident report: DNS service on 203.0.113.2 unreachable' "$WORK/r.md" "md title"
	for h in '^## Summary of the problem' '^## Analysis' '^## Likely causes' '^## Impact' \
		'^## Recommended next steps' '^## Appendix: capture statistics' '^### Protocols involved'; do
		expect_grep "$h" "$WORK/r.md" "md section"
	done
	expect_grep 'udp port [53domain]* unreachable' "$WORK/r.md" "md evidence"
	expect_grep '3 failed A queries for yummyrecipesforme.com from 192.51.100.15 (query id 35084)' "$WORK/r.md" "md summary"
	"$BIN" analyze "$in" >"$WORK/r.txt" || fail "analyze text"
	expect_grep 'dns.server_unreachable' "$WORK/r.txt" "text kind"
	expect_grep 'count 3' "$WORK/r.txt" "text count"
	expect_nogrep "$(printf '\033')" "$WORK/r.txt" "no colour when not a tty"
done
"$BIN" analyze --format md "$LOG" >"$WORK/log.md"
expect_grep 'Evidence strength' "$WORK/log.md" "text log is weaker evidence"
expect_grep 'between 13:24:32 and 13:28:50' "$WORK/log.md" "time span"
exit 0
