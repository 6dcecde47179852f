#!/bin/sh
# \summary: the labelled attack corpus: analyze --format json on every
# tests/data/attacks/<name>.pcap (generated with ntgen when absent) and
# check the findings against <name>.expect; prints each detector's
# precision and recall over the corpus (findings at medium or higher),
# then "N passed, M failed".
#
# .expect lines:  expect KIND [severity>=S] [server=X] [client=X] [name=X]
#                        [port=N] [cause=WORDS+JOINED+BY+PLUS] [figure=NAME]
#                 allow KIND       (may appear; neither true nor false positive)
#                 none>=medium     (a negative: nothing expected)
# Any other finding at medium or higher is a false positive of its kind.
. "$(dirname "$0")/lib.sh"
ADIR="$DATA/attacks"
[ -d "$ADIR" ] || fail "no $ADIR"
list=""
for e in "$ADIR"/*.expect; do
	n=$(basename "$e" .expect)
	p="$ADIR/$n.pcap"
	if [ ! -f "$p" ]; then
		"$TOOLS/ntgen" "$n" "$WORK/$n.pcap" --seed 1 >/dev/null 2>&1 || fail "ntgen $n"
		p="$WORK/$n.pcap"
	fi
	"$BIN" analyze --format json "$p" >"$WORK/$n.json" || fail "analyze $n"
	list="$list $n"
done
python3 - "$ADIR" "$WORK" $list <<'PY' || fail "attack corpus: some expectations not met"
import json, sys
adir, work, names = sys.argv[1], sys.argv[2], sys.argv[3:]
SEV = ["info", "low", "medium", "high", "critical"]
tp, fp, fn = {}, {}, {}
def inc(d, k):
    d[k] = d.get(k, 0) + 1
passed = failed = 0
for n in names:
    rep = json.load(open("%s/%s.json" % (work, n)))
    fs = rep["findings"]
    expects, allow = [], set()
    for line in open("%s/%s.expect" % (adir, n)):
        w = line.split()
        if not w or w[0].startswith("#"):
            continue
        if w[0] == "expect":
            cond = dict(x.split("=", 1) if "=" in x else (x.split(">=")[0], x.split(">=")[1])
                        for x in w[2:])
            expects.append((w[1], cond))
        elif w[0] == "allow":
            allow.add(w[1])
        elif w[0] != "none>=medium":
            raise SystemExit("%s.expect: bad line %r" % (n, line))
    used, problems = set(), []
    for kind, cond in expects:
        minsev = SEV.index(cond.get("severity", "medium"))
        hit = None
        for i, f in enumerate(fs):
            if f["kind"] != kind or SEV.index(f["severity"]) < minsev:
                continue
            if "server" in cond and f["server"] != cond["server"]:
                continue
            if "client" in cond and cond["client"] not in f["clients"]:
                continue
            if "name" in cond and cond["name"] not in f["names"]:
                continue
            if "port" in cond and str(f["port"]) != cond["port"]:
                continue
            if "cause" in cond and not (f["causes"] and
                                        cond["cause"].replace("+", " ") in f["causes"][0]["cause"]):
                continue
            if "figure" in cond and cond["figure"] not in f.get("figures", {}):
                continue
            hit = i
            break
        if hit is None:
            inc(fn, kind)
            problems.append("missing %s %s" % (kind, cond))
        else:
            inc(tp, kind)
            used.add(hit)
    for i, f in enumerate(fs):
        if i in used or SEV.index(f["severity"]) < 2:
            continue
        if f["kind"] in allow or any(f["kind"] == k for k, _ in expects):
            continue
        inc(fp, f["kind"])
        problems.append("unexpected %s %s at %s" % (f["severity"], f["kind"], f["server"]))
    if problems:
        failed += 1
        print("FAIL %s: %s" % (n, "; ".join(problems)))
    else:
        passed += 1
        print("ok   %s" % n)
kinds = sorted(set(tp) | set(fp) | set(fn))
print("\n%-24s %4s %4s %4s %9s %7s" % ("detector (kind)", "TP", "FP", "FN", "precision", "recall"))
def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"
T = F = N = 0
for k in kinds:
    a, b, c = tp.get(k, 0), fp.get(k, 0), fn.get(k, 0)
    T, F, N = T + a, F + b, N + c
    print("%-24s %4d %4d %4d %9s %7s" % (k, a, b, c, ratio(a, a + b), ratio(a, a + c)))
print("%-24s %4d %4d %4d %9s %7s" % ("overall", T, F, N, ratio(T, T + F), ratio(T, T + N)))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY

# The SYN flood counts every SYN, the first flood second too (the
# generator sends 400 SYNs/s for 4 s: 1600), though the service is only
# tracked once its host has had a quarter of the floor in a second.
"$BIN" analyze --format json "$DATA/attacks/syn-flood.pcap" >"$WORK/syn.json" || fail "analyze syn-flood"
python3 - "$WORK/syn.json" <<'PY' || fail "syn-flood: SYNs of the first second not counted"
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["kind"] == "tcp.syn_flood"][0]
assert f["figures"]["syns"] == 1600 and f["count"] == 1600, f["figures"]
PY
exit 0
