#!/usr/bin/env python3
"""Development aid (not a test): row by row, every Zeek field of the dns.log
baselines in ../shared/corpus/zeek against the DNS events of
`analyze --format jsonl` (events matched by order), printing what differs.

    python3 tools/scripts/zeek-dns-compare.py build/nettriage

tests/e2e/t_zeek_dns.sh checks the fields that already agree; what this
prints beyond them is the remaining work (answers of every RR type in
Zeek's text form, NetBIOS and LLMNR rows, Zeek's unpaired rows).
"""
import json, subprocess, sys, os
import pathlib
Z=os.environ.get("NT_SHARED", str(pathlib.Path(__file__).resolve().parents[3] / "shared")) + "/corpus/zeek"
BIN=sys.argv[1]
def parse_tsv(p):
    fields=types=None; rows=[]
    for l in open(p, encoding="utf-8", errors="replace"):
        l=l.rstrip("\n")
        if l.startswith("#fields"): fields=l.split("\t")[1:]
        elif l.startswith("#types"): types=l.split("\t")[1:]
        elif l.startswith("#") or not l: continue
        else:
            vals=l.split("\t"); r={}
            for f,t,v in zip(fields,types,vals):
                if v=="-": continue
                if t.startswith("vector") or t.startswith("set"):
                    v=[] if v=="(empty)" else v.split(",")
                    if "interval" in t: v=[float(x) for x in v]
                elif t in ("count","port","int"): v=int(v)
                elif t in ("interval","double"): v=float(v)
                elif t=="bool": v = v=="T"
                r[f]=v
            rows.append(r)
    return rows
tot=ok=0
for l in open(Z+"/MANIFEST.tsv"):
    c=l.rstrip("\n").split("\t")
    if c[0]!="dns.log": continue
    base=parse_tsv(Z+"/"+c[3])
    out=subprocess.run([BIN,"analyze","--format","jsonl",Z+"/"+c[2]],capture_output=True).stdout.decode()
    ev=[json.loads(x) for x in out.splitlines() if '"event":"dns"' in x]
    print("==", c[1], len(base), "zeek rows,", len(ev), "events")
    for i,b in enumerate(base):
        tot+=1
        e=ev[i] if i<len(ev) else {}
        diff=[]
        for k,v in b.items():
            if k in ("ts","uid"): continue
            ev_v=e.get(k)
            if isinstance(v,float) and isinstance(ev_v,(int,float)) and abs(v-ev_v)<1e-5: continue
            if ev_v!=v: diff.append((k,v,ev_v))
        extra=[k for k in e if k not in b and k not in ("event",) and e[k] is not None]
        if not diff: ok+=1
        else: print("  row",i,diff[:6])
print("rows identical (Zeek fields):",ok,"of",tot)
