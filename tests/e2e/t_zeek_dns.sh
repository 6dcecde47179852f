#!/bin/sh
# \summary: DNS events of `analyze --format jsonl` against the dns.log Zeek
# writes for its own test traces (../shared/corpus/zeek, MANIFEST.tsv): for
# every baseline row of a transaction Zeek paired (rtt set), the event of
# the same connection and id carries the same query (lower-cased, as Zeek
# logs it), qclass/qclass_name, qtype/qtype_name, rcode/rcode_name, TC, RD,
# Z (from the query), opcode/opcode_name and trans_id, with Zeek's names and
# JSON types; and original_query holds the name as sent when its case
# differs (Zeek's log-original-query-case policy).  Answers are not compared
# yet (Zeek logs every RR type in its own text form; we log addresses).
. "$(dirname "$0")/lib.sh"
Z="$SHARED/corpus/zeek"
[ -f "$Z/MANIFEST.tsv" ] || { echo "no $Z: skipped"; exit 0; }
python3 - "$BIN" "$Z" <<'PY' || fail "DNS events differ from Zeek's dns.log"
import json, subprocess, sys
BIN, Z = sys.argv[1], sys.argv[2]
def rows(path):
    fields = types = None
    for l in open(path, encoding="utf-8", errors="replace"):
        l = l.rstrip("\n")
        if l.startswith("#fields"):
            fields = l.split("\t")[1:]
        elif l.startswith("#types"):
            types = l.split("\t")[1:]
        elif l and not l.startswith("#"):
            r = {}
            for f, t, v in zip(fields, types, l.split("\t")):
                if v == "-":
                    continue
                if t in ("count", "port", "int"):
                    v = int(v)
                elif t in ("interval", "double"):
                    v = float(v)
                elif t == "bool":
                    v = v == "T"
                r[f] = v
            yield r
KEYS = ("query", "qclass", "qclass_name", "qtype", "qtype_name", "rcode", "rcode_name",
        "TC", "RD", "Z", "opcode", "opcode_name", "trans_id", "proto")
checked = 0
bad = []
for line in open(Z + "/MANIFEST.tsv"):
    c = line.rstrip("\n").split("\t")
    if c[0] != "dns.log":
        continue
    out = subprocess.run([BIN, "analyze", "--format", "jsonl", Z + "/" + c[2]],
                         capture_output=True).stdout.decode()
    ev = [json.loads(x) for x in out.splitlines() if x.startswith('{"event":"dns"')]
    for r in rows(Z + "/" + c[3]):
        if "rtt" not in r:
            continue  # Zeek did not pair it (e.g. it dropped the query)
        key = (r["id.orig_h"], r["id.orig_p"], r["id.resp_h"], r["id.resp_p"], r["trans_id"])
        m = [e for e in ev if (e["id.orig_h"], e["id.orig_p"], e["id.resp_h"], e["id.resp_p"],
                                e["trans_id"]) == key and e.get("query") == r.get("query")]
        if not m:
            bad.append("%s: no event for %s %s" % (c[1], key, r.get("query")))
            continue
        e = m[0]
        checked += 1
        for k in KEYS:
            if k in r and (e.get(k) != r[k] or type(e.get(k)) is not type(r[k])):
                bad.append("%s %s: %s is %r, Zeek %r" % (c[1], r.get("query"), k, e.get(k), r[k]))
        if "original_query" in r and e.get("original_query") != r["original_query"]:
            bad.append("%s: original_query %r, Zeek %r" % (c[1], e.get("original_query"),
                                                          r["original_query"]))
assert not bad, "\n".join(bad[:20])
assert checked >= 12, checked
print("zeek dns.log: %d paired rows agree" % checked)
PY
exit 0
