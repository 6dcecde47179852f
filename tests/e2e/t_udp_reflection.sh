#!/bin/sh
# udp.reflection on the generated reflection captures (tests/data/attacks):
# the figures are the counts ntgen wrote; the victim's own NTP servers are
# solicited; fragmented CLDAP answers count once per datagram; the LAN's
# discovery traffic stays quiet; severity follows udp.refl.high_bps.
. "$(dirname "$0")/lib.sh"
A="$DATA/attacks"
run() { # NAME [ARGS...] -> $WORK/NAME.json
	n=$1
	shift
	"$BIN" analyze --format json "$@" "$A/$n.pcap" >"$WORK/$n.json" || [ $? -eq 1 ] || fail "analyze $n"
}
check() { # NAME PYTHON-ASSERTIONS (x: the udp.reflection finding or None, d: the report)
	python3 - "$WORK/$1.json" "$2" <<'PY' || fail "$1"
import json, sys
d = json.load(open(sys.argv[1]))
r = [f for f in d["findings"] if f["kind"] == "udp.reflection"]
x = r[0] if r else None
def fig(name):
    return x["figures"][name]
exec(sys.argv[2])
PY
}
run ntp-reflection
check ntp-reflection '
assert len(r) == 1 and x["server"] == "10.1.0.97" and x["port"] == 123, r
assert fig("service") == "NTP" and x["protocol"] == "NTP", x["figures"]
# 600 monlist answers + 3 from its own two servers (solicited)
assert fig("responses") == 603 and abs(fig("unsolicited_ratio") - 600 / 603) < 1e-6, x["figures"]
assert fig("mean_response_bytes") > 436 and fig("max_response_bytes") == 440, x["figures"]
assert fig("requests_seen") == 3 and fig("reflectors") == 60, x["figures"]
assert "192.0.2.1" not in x["clients"] and "192.0.2.2" not in x["clients"], x["clients"]
assert x["severity"] == "medium" and 100 <= fig("packets_per_s") <= 300, x["figures"]
assert "NTP reflection toward 10.1.0.97" in x["summary"], x["summary"]
'
run ntp-reflection --set udp.refl.high_bps=500000
check ntp-reflection 'assert x["severity"] == "high", x["severity"]'
run ntp-reflection --set udp.refl.min_reflectors=61
check ntp-reflection 'assert x is None, r'
run ntp-amp-visible
check ntp-amp-visible '
# the forged requests are visible: 60 x 8 B out, 600 x 440 B back
assert fig("unsolicited_ratio") == 0 and fig("requests_seen") == 60, x["figures"]
assert fig("amplification") == 550 and 55 <= fig("reflectors") <= 65, x["figures"]
assert x["clients"][0] == "198.18.0.0" and x["evidence"], x
'
run memcached-reflection
check memcached-reflection '
assert x["severity"] == "high" and fig("service") == "memcached" and fig("responses") == 300, x
assert fig("max_response_bytes") == 1381 and fig("bits_per_s") > 10e6 and fig("seconds") < 1, x["figures"]
'
run cldap-reflection
check cldap-reflection '
assert fig("responses") == 200 and fig("mean_response_bytes") == 2913, x["figures"]
assert d["reassembly"]["ip"]["reassembled"] == 200, d["reassembly"]
'
run ssdp-reflection
check ssdp-reflection 'assert fig("service") == "SSDP" and fig("responses") == 450 and fig("unsolicited_ratio") == 1, x'
run lan-discovery
check lan-discovery '
assert x is None, r
assert [f["kind"] for f in d["findings"] if f["severity"] in ("medium", "high", "critical")] == []
'
# without its multicast solicitation the player would be a victim: the
# 600 SSDP answers to 10.1.0.70 come from 60 devices at 60/s
run lan-discovery --set udp.refl.multicast_window=0
check lan-discovery 'assert x is not None and x["server"] == "10.1.0.70" and fig("service") == "SSDP", r'
exit 0
