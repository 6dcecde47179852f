#!/bin/sh
# \summary: what a DNS answer says about its own failure decides the
# cause: the Extended DNS Error (RFC 8914) of a SERVFAIL, quoted and ranked
# first; the SOA in an NXDOMAIN's authority section, telling a domain that
# is not registered (the parent zone's SOA) from a host missing in a zone
# that exists (the zone's own SOA).  Fixtures (ntgen): tests/data/scenarios/
# dns-servfail-ede, dns-servfail, dns-name-error, dns-name-error-host.
. "$(dirname "$0")/lib.sh"
S="$DATA/scenarios"
for sc in dns-servfail-ede dns-servfail dns-name-error dns-name-error-host; do
	"$BIN" analyze --format json "$S/$sc.pcap" >"$WORK/$sc.json" || fail "analyze $sc"
done
python3 - "$WORK" <<'PY' || fail "DNS evidence in the findings"
import json, os, sys
w = sys.argv[1]
def one(sc, kind):
    d = json.load(open(os.path.join(w, sc + ".json")))
    f = [x for x in d["findings"] if x["kind"] == kind]
    assert len(f) == 1, (sc, [x["kind"] for x in d["findings"]])
    return f[0]

f = one("dns-servfail-ede", "dns.server_failure")
assert f["figures"]["ede_code"] == 7, f["figures"]
assert f["figures"]["answers_with_ede"] == f["count"] == 24, f["figures"]
assert "SERVFAIL (Extended DNS Error 7, Signature Expired)" in f["summary"], f["summary"]
assert '"signature expired on shop.example.net/DNSKEY"' in f["analysis"], f["analysis"]
assert f["causes"][0]["cause"].startswith("DNSSEC validation fails for these names (the server says so)"), f["causes"]
# the generic DNSSEC cause is not repeated below the server's own word
assert sum("DNSSEC" in c["cause"] for c in f["causes"]) == 1, f["causes"]

f = one("dns-servfail", "dns.server_failure")
assert "ede_code" not in f["figures"], f["figures"]
assert "Extended DNS Error" not in f["summary"] + f["analysis"]
assert f["causes"][0]["cause"].startswith("The zone is broken"), f["causes"][0]

f = one("dns-name-error", "dns.name_error")
assert f["figures"]["soa_zone"] == "com", f["figures"]
assert f["causes"][0]["cause"].startswith("The domain is not registered"), f["causes"][0]
assert "the parent zone answered, so the domain itself is not delegated" in f["analysis"]
assert any("whois exmaple.com" in s for s in f["next_steps"]), f["next_steps"]

f = one("dns-name-error-host", "dns.name_error")
assert f["figures"]["soa_zone"] == "example.com", f["figures"]
assert f["causes"][0]["cause"].startswith("The host name is not in its zone"), f["causes"][0]
assert "negative answers cached for 300 s" in f["analysis"], f["analysis"]
assert not any("whois" in s for s in f["next_steps"]), f["next_steps"]
PY
exit 0
