#!/bin/sh
# analyze: TCP failures on many ports of one server give one finding for
# the server (tcp.merge_ports), and a scanner's refused / unanswered probes
# are folded into its scan finding instead of a finding per port or host.
# Fixtures: tests/data/scenarios/tcp-refused-ports.pcap and
# tests/data/attacks/{port-scan,horizontal-scan}.pcap (written by ntgen).
. "$(dirname "$0")/lib.sh"

"$BIN" analyze --format json "$DATA/scenarios/tcp-refused-ports.pcap" >"$WORK/ports.json" ||
	fail "analyze tcp-refused-ports"
python3 - "$WORK/ports.json" <<'PY' || fail "tcp-refused-ports: one merged finding expected"
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["kind"].startswith("tcp.")]
assert len(f) == 1, [(x["kind"], x["port"]) for x in f]
f = f[0]
assert f["kind"] == "tcp.connection_refused" and f["server"] == "10.1.0.81", f
assert f["port"] is None, f["port"]
assert f["count"] == 48, f["count"]
assert f["severity"] == "medium", f["severity"]
assert sorted(f["clients"]) == ["10.1.0.12", "10.1.0.17", "10.1.0.22", "10.1.0.27"], f["clients"]
figs = f["figures"]
assert round(figs["distinct_ports"]) == 12, figs
assert "12 ports of 10.1.0.81 (e.g. 21, 22, 25, 80," in f["summary"], f["summary"]
# earliest evidence kept: the first refused SYN is to port 21 (ftp)
assert "> 10.1.0.81.ftp: Flags [S]" in f["evidence"][0]["line"], f["evidence"][0]
PY

# merging is a threshold: at tcp.merge_ports 20 the twelve ports stay apart
"$BIN" analyze --format json --set tcp.merge_ports=20 "$DATA/scenarios/tcp-refused-ports.pcap" \
	>"$WORK/ports20.json" || fail "analyze --set tcp.merge_ports=20"
python3 - "$WORK/ports20.json" <<'PY' || fail "tcp.merge_ports=20: twelve findings expected"
import json, sys
d = json.load(open(sys.argv[1]))
p = sorted(x["port"] for x in d["findings"] if x["kind"] == "tcp.connection_refused")
assert p == [21, 22, 25, 80, 110, 143, 443, 993, 995, 3306, 5432, 8080], p
PY

for scen in port-scan:tcp.port_scan:57 horizontal-scan:net.host_sweep:50; do
	name=${scen%%:*}; rest=${scen#*:}; kind=${rest%%:*}; folded=${rest#*:}
	"$BIN" analyze --format json "$DATA/attacks/$name.pcap" >"$WORK/$name.json" ||
		fail "analyze $name"
	python3 - "$WORK/$name.json" "$kind" "$folded" <<'PY' || fail "$name: probes not folded"
import json, sys
d = json.load(open(sys.argv[1]))
kind, folded = sys.argv[2], int(sys.argv[3])
kinds = [x["kind"] for x in d["findings"]]
assert kinds == [kind], kinds
f = d["findings"][0]
figs = f["figures"]
# port-scan: the 57 per-port findings were first merged into one for the server
assert figs["findings_folded"] == (1 if kind == "tcp.port_scan" else folded), figs
assert figs["refused"] + figs["unanswered"] == folded, figs
assert len(f["evidence"]) >= 2, f["evidence"]
assert "not listed separately" in f["analysis"], f["analysis"]
PY
done
# the terminal summary lists the measured figures too
"$BIN" analyze "$DATA/attacks/port-scan.pcap" >"$WORK/port-scan.txt" || fail "analyze text"
expect_grep 'figures: distinct_ports=57,' "$WORK/port-scan.txt" "figures in the text report"
expect_grep 'findings_folded=1' "$WORK/port-scan.txt" "findings_folded in the text report"
# the merged finding reads "many ports", never "port -1", in every format
for fmt in text md html; do
	"$BIN" analyze --format $fmt "$DATA/scenarios/tcp-refused-ports.pcap" >"$WORK/ports.$fmt" ||
		fail "analyze --format $fmt"
	if grep -q -- 'port -1' "$WORK/ports.$fmt"; then fail "$fmt report says 'port -1'"; fi
done
expect_grep '^# Incident report: TCP connections to many ports of 10.1.0.81 refused' \
	"$WORK/ports.md" "title of the merged finding"
exit 0
