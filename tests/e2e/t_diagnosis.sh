#!/bin/sh
# analyze: the diagnosis follows the evidence of the packets, not the kind
# of the finding.  One generated scenario per case (tools/ntgen.c, in
# tests/data/scenarios): who sent the ICMP errors, failover to a second
# resolver, a silent resolver, a query type never answered, a name that
# does not exist, a slow resolver, a forged TCP reset, one client's egress
# blocked, a one-sided capture, ICMP backscatter.
. "$(dirname "$0")/lib.sh"
S="$DATA/scenarios"

check() { # SCENARIO PYTHON-ASSERTIONS (d: the report, f: its findings by kind)
	"$BIN" analyze --format json "$S/$1.pcap" >"$WORK/$1.json" || fail "analyze $1"
	python3 - "$WORK/$1.json" "$2" <<'PY' || fail "$1: the diagnosis does not follow the evidence"
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

# A gateway forges port unreachable in 8.8.8.8's name: within a millisecond,
# one hop away, quoting the query after one hop.
check dns-forged-icmp '
x = f["dns.server_unreachable"]
assert x["server"] == "8.8.8.8" and x["count"] == 9, x
assert fig(x, "error_origin") == "local_device", x["figures"]
assert fig(x, "quoted_query_hops") == 1 and fig(x, "errors_within_2ms") == 9, x["figures"]
assert causes(x)[0].startswith("Local egress filter"), causes(x)
assert "device next to the client" in x["summary"], x["summary"]
assert "systemctl" not in " ".join(x["next_steps"]), x["next_steps"]
assert any("gateway" in s for s in x["next_steps"]), x["next_steps"]
assert not any(c.startswith("DNS service down") for c in causes(x)), causes(x)
'

# The primary rejects, the secondary answers: resolution worked, slower.
check dns-failover '
x = f["dns.server_unreachable"]
assert x["severity"] == "medium", x["severity"]
assert fig(x, "lookups_answered_elsewhere") == 6, x["figures"]
assert "10.1.0.54" in x["impact"] and "still worked" in x["impact"], x["impact"]
assert "10.1.0.54" in x["summary"], x["summary"]
assert "could not be reached" not in x["impact"], x["impact"]
'

# Retransmissions with the same id and port to a server that answers nothing.
check dns-silent '
x = f["dns.no_response"]
assert x["severity"] == "high", x["severity"]
assert x["count"] == 9 and fig(x, "answered") == 0, (x["count"], x["figures"])
assert causes(x)[0].startswith("Server down or unreachable"), causes(x)
assert "it is up" not in json.dumps(x), x
'

# SRV never answered while A and PTR are: scoped to SRV, low, matching cause first.
check dns-srv-unanswered '
x = f["dns.no_response"]
assert x["severity"] == "low", x["severity"]
assert x["count"] == fig(x, "unanswered_of_type") == 15, (x["count"], x["figures"])
assert fig(x, "answered_other_types") == 12, x["figures"]
assert "SRV" in x["summary"] and "A and PTR" in x["summary"], x["summary"]
assert causes(x)[0] == "The server does not answer this query type", causes(x)
assert medium_or_above() == [], medium_or_above()
'

# One mistyped name, asked A and AAAA with retries: NXDOMAIN every time.
check dns-name-error '
x = f["dns.name_error"]
assert x["severity"] == "medium" and x["count"] == 6, (x["severity"], x["count"])
assert x["names"] == ["portal.exmaple.com"], x["names"]
assert "does not exist" in x["summary"], x["summary"]
assert "dns.nxdomain_surge" not in f, list(f)
'

# Answers in 0.5 to 1.5 s.
check dns-slow '
x = f["dns.slow"]
assert x["severity"] == "medium" and x["count"] == 20, (x["severity"], x["count"])
assert 500 <= fig(x, "median_ms") <= 1500 and fig(x, "p95_ms") >= fig(x, "median_ms"), x["figures"]
assert fig(x, "quantiles") == "exact", x["figures"]
'

# A forged RST raced the server's SYN-ACK: injection, not a refused connection.
check tcp-rst-inject '
x = f["tcp.reset_injected"]
assert x["count"] == 3 and x["severity"] == "medium", x
assert fig(x, "reset_ttl") == 46 and fig(x, "synack_ttl") == 57, x["figures"]
assert "tcp.connection_refused" not in f, list(f)
assert d["tcp"]["reset_injected"] == 3, d["tcp"]
'

# One client, six destinations, no answer: one finding about the client.
check tcp-egress-blocked '
x = f["tcp.outbound_no_response"]
assert x["server"] == "10.1.0.40" and fig(x, "destinations") == 6, (x["server"], x["figures"])
assert x["severity"] == "medium" and fig(x, "established_by_client") == 0, x
assert "tcp.no_response" not in f, list(f)
assert len(x["names"]) == 6 and all(":" in n for n in x["names"]), x["names"]
'

# The capture holds only the client side: its connections are not failures.
check one-sided '
assert d["findings"] == [], [x["kind"] for x in d["findings"]]
assert d["tcp"]["answer_not_captured"] == 5, d["tcp"]
'
"$BIN" analyze --format md "$S/one-sided.pcap" >"$WORK/one-sided.md" || fail "md one-sided"
expect_grep "one direction" "$WORK/one-sided.md" "the report says the capture is one-sided"

# ICMP errors for 40 destinations toward one victim: one finding, not 40.
check icmp-backscatter '
ks = [x["kind"] for x in d["findings"]]
assert ks == ["icmp.port_unreachable"], ks
x = f["icmp.port_unreachable"]
assert x["server"] == "198.51.100.99" and fig(x, "distinct_destinations") == 40, x
assert "port 11211" in x["summary"], x["summary"]
assert causes(x)[0].startswith("Backscatter"), causes(x)
'

# the report's one list of next steps gives a step two findings share once
# (icmp-port-unreach: syslog and NTP to 10.1.0.40 are two findings)
"$BIN" analyze --format md "$DATA/scenarios/icmp-port-unreach.pcap" >"$WORK/steps.md" || fail "analyze md"
n=$(sed -n '/^## Recommended next steps/,/^## /p' "$WORK/steps.md" | grep -c "Check the service on 10.1.0.40 (ss -lnp)")
expect_eq "$n" 1 "a shared next step listed once"
exit 0
