#!/bin/sh
# \summary: analyze --format jsonl: the flagship capture as one JSON event
# per line (three DNS transactions rejected by ICMP, their ICMP errors,
# the finding), checked field by field against docs/jsonl-schema.md; the
# scenario captures, a text log and -o FILE give valid lines too.
. "$(dirname "$0")/lib.sh"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DOC="$ROOT/docs/jsonl-schema.md"
PCAP="$DATA/yummyrecipes.pcap"
[ -f "$DOC" ] || fail "missing $DOC"
[ -f "$PCAP" ] || fail "missing $PCAP"

"$BIN" analyze --format jsonl "$PCAP" >"$WORK/flag.jsonl" || fail "analyze --format jsonl"
"$BIN" analyze --format json "$PCAP" >"$WORK/flag.json" || fail "analyze --format json"

# The JSON-Schema-like checker: field lists and types come from the doc.
cat >"$WORK/check.py" <<'PY'
import json, re, sys

def schema(doc):
    kinds, cur = {}, None
    for line in open(doc):
        m = re.match(r"^## Event `(\w+)`", line)
        if m:
            cur = m.group(1)
            kinds[cur] = []
            continue
        if line.startswith("## "):
            cur = None
        m = re.match(r"^\| `([^`]+)` \| ([^|]+) \|", line)
        if cur and m:
            kinds[cur].append((m.group(1), m.group(2).strip()))
    return kinds

TYPES = {"string": str, "integer": int, "number": (int, float), "bool": bool,
         "array": list, "null": type(None), "object": dict}

def type_ok(v, spec):
    for alt in re.split(r" or ", spec):
        alt = alt.strip()
        base = alt.split()[0]
        t = TYPES.get(base)
        if t is None:
            raise SystemExit("unknown type %r in doc" % alt)
        if base in ("integer", "number") and isinstance(v, bool):
            continue
        if isinstance(v, t):
            if base == "array" and "of strings" in alt and not all(isinstance(x, str) for x in v):
                continue
            if base == "array" and "of numbers" in alt and not all(
                    isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
                continue
            return True
    return False

def check(doc, path):
    kinds = schema(doc)
    assert set(kinds) >= {"dns", "icmp", "finding", "end"}, kinds.keys()
    events = []
    for n, line in enumerate(open(path), 1):
        assert line.endswith("\n") and line.count("\n") == 1, (path, n)
        e = json.loads(line)
        assert isinstance(e, dict), (path, n)
        k = e.get("event")
        assert k in kinds, (path, n, k)
        # a field documented "absent when ..." may be left out
        want = [f for f, spec in kinds[k] if f in e or "absent when" not in spec]
        assert list(e) == want, (path, n, "fields differ from docs/jsonl-schema.md",
                                 sorted(set(e) ^ set(want)))
        for f, spec in kinds[k]:
            if f in e:
                assert type_ok(e[f], spec), (path, n, f, e[f], spec)
        events.append(e)
    assert events and events[-1]["event"] == "end", path
    assert sum(e["event"] == "end" for e in events) == 1
    end = events[-1]
    for k in ("dns", "icmp", "finding"):
        assert end[k + "_events" if k != "finding" else "findings"] == \
            sum(e["event"] == k for e in events), (path, k)
    return events

if __name__ == "__main__":
    doc = sys.argv[1]
    for p in sys.argv[2:]:
        check(doc, p)
PY

python3 - "$DOC" "$WORK/flag.jsonl" "$WORK/flag.json" "$WORK/check.py" <<'PY' || fail "flagship jsonl"
import json, sys, importlib.util
doc, path, rep, chk = sys.argv[1:5]
spec = importlib.util.spec_from_file_location("chk", chk)
c = importlib.util.module_from_spec(spec); spec.loader.exec_module(c)
ev = c.check(doc, path)
dns = [e for e in ev if e["event"] == "dns"]
icmp = [e for e in ev if e["event"] == "icmp"]
fin = [e for e in ev if e["event"] == "finding"]
assert len(dns) == 3, len(dns)
for e in dns:
    assert e["state"] == "icmp_rejected", e
    assert e["qtype_name"] == "A" and e["qtype"] == 1, e
    assert e["query"] == "yummyrecipesforme.com", e
    assert e["trans_id"] == 35084, e
    assert e["id.resp_p"] == 53 and e["id.resp_h"] == "203.0.113.2", e
    assert e["id.orig_h"] == "192.51.100.15" and e["id.orig_p"] == 52444, e
    assert e["proto"] == "udp" and e["rtt"] is None and e["rcode"] is None, e
    assert e["RD"] is True and e["answers"] == [] and e["TTLs"] == [], e
    assert e["icmp_type"] == 3 and e["icmp_code"] == 3, e
assert [e["attempt"] for e in dns] == [1, 2, 3]
assert [e["late"] for e in dns] == [False, True, True]
assert abs(dns[0]["ts"] - 1721136272.192571) < 1e-6, dns[0]["ts"]
assert abs(dns[0]["ts_end"] - dns[0]["ts"] - 3.905993) < 1e-6
assert len(icmp) == 3, len(icmp)
for d, i in zip(dns, icmp):
    assert i["linked"] == "dns" and i["linked_uid"] == d["uid"], i
    assert i["quoted.trans_id"] == 35084 and i["quoted.id.resp_p"] == 53, i
    assert i["from_target"] is True and i["reason"] == "port unreachable", i
    assert i["ts"] == d["ts_end"], (i, d)
# streamed in completion order: each dns line right before its icmp line
order = [e["event"] for e in ev]
assert order == ["dns", "icmp"] * 3 + ["finding", "end"], order
assert len(fin) == 1
f = fin[0]
assert f["kind"] == "dns.server_unreachable" and f["count"] == 3 and f["port"] == 53, f
# the finding line is the report's finding object, key for key
r = json.load(open(rep))["findings"][0]
g = dict(f); del g["event"]
assert list(g) == list(r), (list(g), list(r))
assert g == r, [k for k in r if g[k] != r[k]]
PY

# Every scenario, a text log, and -o FILE: valid lines, doc fields only.
files=""
for p in "$DATA"/scenarios/*.pcap; do
	n=$(basename "$p" .pcap)
	"$BIN" analyze --format jsonl "$p" >"$WORK/$n.jsonl" || fail "jsonl of $n"
	files="$files $WORK/$n.jsonl"
done
LOG="$SHARED/samples/yummyrecipes-dns-icmp.log"
if [ -f "$LOG" ]; then
	"$BIN" analyze --format jsonl -o "$WORK/log.jsonl" "$LOG" || fail "jsonl of the text log"
	files="$files $WORK/log.jsonl"
	grep -q '"state":"icmp_rejected"' "$WORK/log.jsonl" || fail "text log: no icmp_rejected"
fi
# shellcheck disable=SC2086
python3 "$WORK/check.py" "$DOC" $files || fail "scenario jsonl"
# answered transactions carry an rtt and rcode
python3 - "$WORK/healthy-office.jsonl" <<'PY' || fail "answered transactions"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ans = [e for e in ev if e["event"] == "dns" and e["state"] == "answered"]
assert ans, "no answered transaction"
for e in ans:
    assert e["rtt"] is not None and e["rtt"] >= 0 and e["rcode_name"] is not None, e
    assert len(e["answers"]) == len(e["TTLs"]), e
assert any(e["answers"] for e in ans)
PY
python3 - "$WORK/dns-timeout.jsonl" "$WORK/dns-nxdomain-surge.jsonl" <<'PY' || fail "other states"
import json, sys
st = {e["state"] for e in map(json.loads, open(sys.argv[1])) if e["event"] == "dns"}
assert "unanswered" in st, st
rc = {e["rcode_name"] for e in map(json.loads, open(sys.argv[2])) if e["event"] == "dns"}
assert "NXDOMAIN" in rc, rc
PY
"$BIN" analyze --help | grep -q 'jsonl' || fail "--help names jsonl"
exit 0
