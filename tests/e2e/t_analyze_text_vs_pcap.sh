#!/bin/sh
# analyze: a capture and the tcpdump text of the same capture ($BIN print
# output, and real tcpdump when installed) give the same finding kinds and
# counts where the text carries enough (ICMP time-exceeded quotes need -v).
. "$(dirname "$0")/lib.sh"
summ() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted((f["kind"], f["server"], f["count"]) for f in d["findings"]))' "$1"
}
bad=0
for scen in yummyrecipes healthy-office dns-timeout dns-servfail dns-refused dns-nxdomain-surge \
	icmp-host-unreach icmp-net-unreach icmp-port-unreach icmp-admin-prohibited \
	icmp-frag-needed tcp-refused tcp-no-response dns-tcp ipv6-dns-unreach; do
	p="$DATA/scenarios/$scen.pcap"
	[ -f "$p" ] || { p="$WORK/$scen.pcap"; "$TOOLS/ntgen" "$scen" "$p" >/dev/null || fail "ntgen $scen"; }
	"$BIN" analyze --format json "$p" >"$WORK/p.json" || fail "analyze $scen pcap"
	"$BIN" print "$p" >"$WORK/$scen.txt" || fail "print $scen"
	"$BIN" analyze --format json "$WORK/$scen.txt" >"$WORK/t.json" || fail "analyze $scen text"
	a=$(summ "$WORK/p.json"); b=$(summ "$WORK/t.json")
	if [ "$a" != "$b" ]; then
		echo "$scen: capture $a"; echo "$scen: text    $b"; bad=1
	fi
	if command -v tcpdump >/dev/null 2>&1; then
		tcpdump -r "$p" 2>/dev/null >"$WORK/$scen.td" || continue
		"$BIN" analyze --format json "$WORK/$scen.td" >"$WORK/d.json" || fail "analyze $scen tcpdump text"
		c=$(summ "$WORK/d.json")
		if [ "$a" != "$c" ]; then
			echo "$scen: capture $a"; echo "$scen: tcpdump $c"; bad=1
		fi
	fi
done
# with -v the text carries the quoted datagrams: everything matches, ports included
summp() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sorted((f["kind"], f["server"], f["port"], f["count"]) for f in d["findings"]))' "$1"
}
for scen in icmp-ttl-exceeded icmp-frag-needed icmp-host-unreach icmp-admin-prohibited \
	yummyrecipes dns-timeout tcp-refused ipv6-dns-unreach; do
	p="$DATA/scenarios/$scen.pcap"
	[ -f "$p" ] || p="$WORK/$scen.pcap"
	[ -f "$p" ] || "$TOOLS/ntgen" "$scen" "$p" >/dev/null || fail "ntgen $scen"
	"$BIN" analyze --format json "$p" >"$WORK/p.json" || fail "analyze $scen pcap"
	"$BIN" print -v "$p" >"$WORK/$scen.v.txt" || fail "print -v $scen"
	"$BIN" analyze --format json "$WORK/$scen.v.txt" >"$WORK/v.json" || fail "analyze $scen -v text"
	a=$(summp "$WORK/p.json"); b=$(summp "$WORK/v.json")
	if [ "$a" != "$b" ]; then
		echo "$scen: capture $a"; echo "$scen: text -v $b"; bad=1
	fi
done
# the same log through stdin
"$BIN" analyze --format json - <"$WORK/yummyrecipes.txt" >"$WORK/s.json" || fail "stdin text"
expect_eq "$(summ "$WORK/s.json")" "[('dns.server_unreachable', '203.0.113.2', 3)]" "stdin text log"
[ "$bad" -eq 0 ] || fail "capture and text disagree"
exit 0
