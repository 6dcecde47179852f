#!/bin/sh
# analyze: fragmented DNS answers (IPv4, IPv6) and DNS over TCP in pieces
# are paired with their queries: no false dns.no_response or
# dns.server_unreachable, nothing at medium or above; every reassembly
# outcome is counted in the JSON report (reassembly.ip, reassembly.tcp_dns,
# tables.ip_reassembly, tables.tcp_dns_streams); a reassembled answer
# ends at the time of the fragment that completed it; --memcap sizes the
# new tables.
. "$(dirname "$0")/lib.sh"
cap() {
	p="$DATA/scenarios/$1.pcap"
	[ -f "$p" ] || { p="$WORK/$1.pcap"; "$TOOLS/ntgen" "$1" "$p" >/dev/null || fail "ntgen $1"; }
	echo "$p"
}
for scen in dns-frag-v4 dns-frag-v6 frag-overlap frag-oversize frag-incomplete dns-tcp-split; do
	"$BIN" analyze --format json "$(cap $scen)" >"$WORK/$scen.json" || fail "analyze $scen"
done
python3 - "$WORK" <<'PY' || fail "reassembly counters and findings"
import json, os, sys
w = sys.argv[1]
def load(s):
    return json.load(open(os.path.join(w, s + ".json")))
def ip(d):
    return d["reassembly"]["ip"]
def tcp(d):
    return d["reassembly"]["tcp_dns"]
def kinds(d):
    return [(f["kind"], f["severity"], f["server"]) for f in d["findings"]]
def healthy(s, d):
    bad = [k for k in kinds(d) if k[0] in ("dns.no_response", "dns.server_unreachable")
           or k[1] in ("medium", "high", "critical")]
    assert not bad, (s, bad)
    assert d["dns"]["unanswered"] == 0 and d["dns"]["pending_at_end"] == 0, (s, d["dns"])
    assert d["dns"]["answered"] == d["dns"]["queries"], (s, d["dns"])
def outcomes_add_up(s, d):
    x = ip(d)
    ends = sum(x[k] for k in ("reassembled", "timed_out", "overlapping", "oversize", "invalid",
                              "too_many_runs", "evicted", "pending_at_end"))
    assert ends == x["datagrams"], (s, x)

for s in ("dns-frag-v4", "dns-frag-v6"):
    d = load(s)
    healthy(s, d)
    # six DNSKEY answers of two fragments each, all put back together
    assert ip(d)["fragments"] == 12 and ip(d)["datagrams"] == 6, (s, ip(d))
    assert ip(d)["reassembled"] == 6 and ip(d)["timed_out"] == 0, (s, ip(d))
    t = d["tables"]["ip_reassembly"]
    assert t["capacity"] == 512 and t["inserted"] == 6 and t["peak"] == 1, (s, t)
    outcomes_add_up(s, d)

d = load("dns-tcp-split")
healthy("dns-tcp-split", d)
x = tcp(d)
# 7 queries and 7 answers; 4 answers cut at the MSS and one query whose
# length came alone; 2 pipelined queries and their 2 answers; one
# retransmitted segment, one segment ahead of its turn, held, then taken
want = {"segments": 18, "messages": 14, "split": 5, "shared": 4, "retransmitted": 1,
        "out_of_order": 1, "reordered": 1, "desynced": 0, "truncated": 0, "incomplete": 0,
        "timed_out": 0, "evicted": 0}
assert x == want, x
t = d["tables"]["tcp_dns_streams"]
assert t["capacity"] == 256 and t["inserted"] == 12, t

d = load("frag-overlap")
x = ip(d)
# the duplicated middle fragment is dropped and its datagram reassembled;
# Teardrop and the RFC 5722 case are discarded whole
assert x["duplicates"] == 1 and x["reassembled"] == 1 and x["overlapping"] == 2, x
assert x["datagrams"] == 3 and x["fragments"] == 8, x
assert not [k for k in kinds(d) if k[1] in ("medium", "high", "critical")], kinds(d)
outcomes_add_up("frag-overlap", d)

d = load("frag-oversize")
x = ip(d)
# the ping of death (45 fragments, 65540 bytes of data) is oversize; the
# IPv6 fragment ending past 65535 is dropped and its datagram never completes
assert x["fragments"] == 47 and x["oversize"] == 1 and x["dropped"] == 1, x
assert x["pending_at_end"] == 1 and x["reassembled"] == 0, x
outcomes_add_up("frag-oversize", d)

d = load("frag-incomplete")
x = ip(d)
# six IPv4 answers lost their later fragments: timed out after 30 s, all
# DNS; the IPv6 answer without its first fragment is still within its 60 s
assert x["datagrams"] == 7 and x["timed_out"] == 6 and x["pending_at_end"] == 1, x
assert x["incomplete_dns"] == 6 and x["reassembled"] == 0, x
outcomes_add_up("frag-incomplete", d)
# the diagnosis: the server answered, its answers' later fragments were lost
f = [y for y in d["findings"] if y["kind"] == "dns.no_response" and y["server"] == "9.9.9.9"]
assert len(f) == 1, [(y["kind"], y["server"]) for y in d["findings"]]
f = f[0]
assert f["figures"]["responses_first_fragment_only"] == 6, f["figures"]
assert f["figures"]["fragmented_response_bytes"] > 1500, f["figures"]
assert "only the first IP fragment of 6 of the responses arrived" in f["summary"], f["summary"]
assert f["causes"][0]["cause"] == "IP fragments of the answers dropped on the path", f["causes"]
assert not any(c["cause"].startswith("Server down") for c in f["causes"]), f["causes"]
assert "1232" in f["next_steps"][0], f["next_steps"]
for k in ("ipfrag.timeout", "ip6frag.timeout", "cap.ip_reassembly", "tcpdns.timeout",
          "cap.tcp_dns_streams"):
    assert k in d["thresholds"], k
assert d["thresholds"]["ipfrag.timeout"] == 30 and d["thresholds"]["ip6frag.timeout"] == 60
PY

# The answer ends at the fragment that completed it: the last one written,
# or, for corp.example (last fragment first), the first fragment.
f="$(cap dns-frag-v4)"
"$BIN" analyze --format jsonl "$f" >"$WORK/v4.jsonl" || fail "jsonl"
tcpdump -tt -nr "$f" 2>/dev/null >"$WORK/v4.txt" || true
if [ -s "$WORK/v4.txt" ]; then
	python3 - "$WORK/v4.jsonl" "$WORK/v4.txt" <<'PY' || fail "end time of reassembled answers"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
lines = open(sys.argv[2]).read().splitlines()
dk = [e for e in ev if e.get("event") == "dns" and e.get("qtype_name") == "DNSKEY"]
assert len(dk) == 6 and all(e["state"] == "answered" for e in dk), dk
for e in dk:
    # the packets from 9.9.9.9 to the client after the query, up to the
    # one that completed the answer
    c = e["id.orig_h"]
    frags = [l for l in lines if " IP 9.9.9.9" in l and ("> %s." % c in l or "> %s:" % c in l)]
    later = [float(l.split()[0]) for l in frags if float(l.split()[0]) > e["ts"]]
    assert len(later) >= 2, (e["query"], later)
    assert abs(e["ts_end"] - later[1]) < 1e-6, (e["query"], e["ts_end"], later[:2])
PY
fi

# --memcap sizes the new tables with the others
"$BIN" analyze --memcap 8 --format json "$f" >"$WORK/mc.json" || fail "memcap 8"
python3 - "$WORK/mc.json" <<'PY' || fail "memcap sizes the reassembly tables"
import json, sys
d = json.load(open(sys.argv[1]))
a, b = d["tables"]["ip_reassembly"]["capacity"], d["tables"]["tcp_dns_streams"]["capacity"]
assert 16 <= a < 512 and 16 <= b < 256, (a, b)
assert d["reassembly"]["ip"]["reassembled"] == 6, d["reassembly"]["ip"]
PY

# a smaller table and a short timeout, set by name
"$BIN" analyze --set cap.ip_reassembly=16 --set ipfrag.timeout=1 --format json \
	"$(cap frag-incomplete)" >"$WORK/set.json" || fail "--set"
python3 - "$WORK/set.json" <<'PY' || fail "--set reassembly parameters"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["tables"]["ip_reassembly"]["capacity"] == 16
assert d["thresholds"]["ipfrag.timeout"] == 1
assert d["reassembly"]["ip"]["timed_out"] == 6, d["reassembly"]["ip"]
PY
exit 0
