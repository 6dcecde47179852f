#!/bin/sh
# analyze: one finding kind per ntgen scenario capture (fixture under
# tests/data/scenarios when committed, else generated with ntgen).
. "$(dirname "$0")/lib.sh"
cap() {
	for f in "$DATA/scenarios/$1.pcap" "$DATA/$1.pcap"; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	"$TOOLS/ntgen" "$1" "$WORK/$1.pcap" >/dev/null 2>&1 || return 1
	echo "$WORK/$1.pcap"
}
bad=0
while read -r scen kind server port; do
	[ -n "$scen" ] || continue
	p=$(cap "$scen") || fail "ntgen $scen"
	"$BIN" analyze --format json "$p" >"$WORK/$scen.json" || fail "analyze $scen"
	if ! python3 - "$WORK/$scen.json" "$kind" "$server" "$port" <<'PY'; then
import json, sys
path, kind, server, port = sys.argv[1:5]
d = json.load(open(path))
fs = [f for f in d["findings"] if f["kind"] == kind]
assert fs, "no %s in %s" % (kind, [f["kind"] for f in d["findings"]])
f = fs[0]
assert f["server"] == server, f["server"]
assert str(f["port"]) == port or (port == "null" and f["port"] is None), f["port"]
assert f["count"] >= 1 and f["clients"] and f["summary"] and f["evidence"], f
assert f["severity"] in ("info", "low", "medium", "high", "critical")
assert 1 <= len(f["evidence"]) <= 10
# the scenario's problem is the top finding
assert d["findings"][0]["kind"] == kind, [x["kind"] for x in d["findings"]]
PY
		echo "scenario $scen: expected $kind"
		bad=1
	fi
done <<'EOF2'
dns-timeout dns.no_response 10.1.0.54 53
dns-servfail dns.server_failure 10.1.0.53 53
dns-refused dns.server_failure 10.9.0.53 53
dns-nxdomain-surge dns.nxdomain_surge 10.1.0.53 53
icmp-host-unreach icmp.host_unreachable 10.20.0.15 22
icmp-net-unreach icmp.net_unreachable 172.31.5.10 443
icmp-port-unreach icmp.port_unreachable 10.1.0.40 514
icmp-admin-prohibited icmp.admin_prohibited 198.51.100.80 8443
icmp-frag-needed icmp.frag_needed 203.0.113.50 443
icmp-ttl-exceeded icmp.ttl_exceeded 203.0.113.0/24 null
tcp-refused tcp.connection_refused 10.1.0.80 8080
tcp-refused-ports tcp.connection_refused 10.1.0.81 null
tcp-no-response tcp.no_response 198.51.100.20 443
ipv6-dns-unreach dns.server_unreachable 2001:db8:53::2 53
yummyrecipes dns.server_unreachable 203.0.113.2 53
EOF2
[ "$bad" -eq 0 ] || fail "some scenarios did not give their finding"
exit 0
