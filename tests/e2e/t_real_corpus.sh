#!/bin/sh
# analyze on the public captures of ../shared/corpus/real (used from there,
# not copied): what TRUTH.tsv says a senior analyst concludes, for the cases
# the diagnosis covers; every healthy capture (c_*) gives nothing at medium
# or above.  Skips when the corpus is not beside the tree.
. "$(dirname "$0")/lib.sh"
R="$SHARED/corpus/real"
[ -f "$R/TRUTH.tsv" ] || { echo "skip: no $R/TRUTH.tsv"; exit 0; }

check() { # FILE PYTHON-ASSERTIONS (d: the report, f: its findings by kind)
	"$BIN" analyze --format json "$R/$1" >"$WORK/$1.json" || [ $? -eq 1 ] || fail "analyze $1"
	python3 - "$WORK/$1.json" "$2" <<'PY' || fail "$1: not what TRUTH.tsv concludes"
import json, sys
d = json.load(open(sys.argv[1]))
f = {}
for x in d["findings"]:
    f.setdefault(x["kind"], x)
def fig(x, name):
    return x.get("figures", {}).get(name)
def causes(x):
    return [c["cause"] for c in x["causes"]]
def medium_or_above():
    return [x["kind"] for x in d["findings"] if x["severity"] in ("medium", "high", "critical")]
exec(sys.argv[2])
PY
}

# dnscat2 behind a gateway that forges port unreachable in 8.8.8.8's name
check a_dm-dnscat-offline.pcapng '
x = f["dns.server_unreachable"]
assert x["server"] == "8.8.8.8", x["server"]
assert fig(x, "error_origin") == "local_device", x["figures"]
assert fig(x, "quoted_query_hops") == 1 and fig(x, "error_ttl") == 63, x["figures"]
assert causes(x)[0].startswith("Local egress filter"), causes(x)
assert "dns.tunneling" in f and f["dns.tunneling"]["severity"] == "high", list(f)
'

# a sandbox without egress: 527 queries rejected by ICMP, 54 dropped; one
# finding, and the same figures everywhere
check a_dm-roguerobin-ps-offline.pcapng '
x = f["dns.server_unreachable"]
assert x["count"] == 527 and fig(x, "icmp_errors") == 527, (x["count"], x["figures"])
assert fig(x, "unanswered") == 54 and fig(x, "answered") == 0, x["figures"]
assert fig(x, "queries_to_server") == 527 + 54, x["figures"]
assert "527" in x["summary"] and "54 more" in x["summary"], x["summary"]
assert "dns.no_response" not in f, list(f)
assert fig(x, "error_origin") == "local_device", x["figures"]
'

# one lookup answered with the extended rcode BADVERS
check a_dns-extended-rcode.pcap '
x = f["dns.server_failure"]
assert "BADVERS" in x["summary"] and "?" not in x["summary"], x["summary"]
assert x["severity"] == "low", x["severity"]
'
"$BIN" analyze --format jsonl "$R/a_dns-extended-rcode.pcap" >"$WORK/ext.jsonl" || fail "jsonl"
expect_grep '"rcode":16,"rcode_name":"BADVERS"' "$WORK/ext.jsonl" "the extended rcode by name"

# one time-exceeded from a router for one host: low, the host, not its network
for c in a_icmp-timeexceeded.pcap a_icmp6-timeexceeded.pcap; do
	check "$c" '
x = f["icmp.ttl_exceeded"]
assert x["severity"] in ("low", "info"), x["severity"]
assert "/" not in x["server"], x["server"]
assert "destination itself" not in x["summary"], x["summary"]
assert medium_or_above() == [], medium_or_above()
'
done

# a RST 234 ms after the SYN, the genuine SYN-ACK a second later
check a_tcp-rst-inject.pcap '
x = f["tcp.reset_injected"]
assert x["count"] == 1 and fig(x, "reset_ttl") == 46 and fig(x, "synack_ttl") == 49, x
assert "tcp.connection_refused" not in f, list(f)
'

# SNMP reflection toward 10.10.10.10 with ICMP backscatter: one finding
# naming the service, the ICMP findings folded into it
check b_ddos-snmp-amp.pcapng '
x = f["udp.reflection"]
assert x["server"] == "10.10.10.10" and x["port"] == 161 and x["severity"] == "high", x
assert fig(x, "service") == "SNMP" and x["count"] == 4079 and fig(x, "responses") == 4079, x["figures"]
assert 3900 <= fig(x, "reflectors") <= 4079, fig(x, "reflectors")  # 4029 distinct sources
assert fig(x, "unsolicited_ratio") == 1 and fig(x, "icmp_backscatter") > 100, x["figures"]
assert fig(x, "bits_per_s") > 1e8 and fig(x, "mean_response_bytes") > 200, x["figures"]
assert not [k for k in f if k.startswith("icmp.")], list(f)
assert medium_or_above() == ["udp.reflection"], medium_or_above()
'

# healthy captures: nothing at medium or above
for c in "$R"/c_*; do
	check "$(basename "$c")" '
assert medium_or_above() == [], medium_or_above()
'
done
# the sandbox whose SYNs to nine Google/AWS addresses go unanswered: one
# finding about the client, low
check c_sv-base64-5885.pcap '
x = f["tcp.outbound_no_response"]
assert x["severity"] == "low" and len(d["findings"]) == 1, [y["kind"] for y in d["findings"]]
'
# the home router that never answers SRV: scoped to SRV, low
check c_sv-sip-method.pcap '
x = f["dns.no_response"]
assert "SRV" in x["summary"] and x["severity"] == "low", x
assert causes(x)[0] == "The server does not answer this query type", causes(x)
'
exit 0
