#!/bin/sh
# The figures of every finding agree with its words, on every generated
# fixture and every capture of ../shared/corpus/real:
#  - a count of things in the summary ("889 queries", "9 destinations")
#    is the finding's count, one of its measured figures, or the number of
#    its clients or names;
#  - "N of M" never has N > M, and no share exceeds 100%;
#  - ratio figures lie in [0, 1];
#  - an estimated figure is called "about" in the summary;
#  - a network prefix (a.b.c.0/24) names more than one host;
#  - no text is cut at the end of its buffer.
. "$(dirname "$0")/lib.sh"
list="$WORK/inputs"
find "$DATA" -name '*.pcap' ! -path '*/damaged/*' | sort >"$list"
[ -d "$SHARED/corpus/real" ] && ls "$SHARED"/corpus/real/*.pcap* >>"$list"
n=0
while read -r f; do
	"$BIN" analyze --format json "$f" >"$WORK/r.json" 2>/dev/null || [ $? -eq 1 ] ||
		fail "analyze $f"
	python3 - "$WORK/r.json" "$f" <<'PY' || fail "$f: figures and words disagree"
import json, re, sys
d = json.load(open(sys.argv[1]))
bad = []
UNITS = r"(quer(?:y|ies)|attempts?|errors?|answers?|SYNs?|connections?|names?|destinations?|ports?|hosts?|lookups?|sources?|reflectors?)"
for x in d["findings"]:
    figs = x.get("figures", {})
    nums = {x["count"], len(x["clients"]) + x.get("clients_omitted", 0),
            len(x["names"]) + x.get("names_omitted", 0)}
    nums |= {round(v) for v in figs.values() if isinstance(v, (int, float))}
    where = "%s %s" % (x["kind"], x["server"])
    # no sentence cut at the end of its buffer (src/detectors/finding.h sizes)
    for text, room in ([(x["summary"], 768), (x["analysis"], 1600), (x["impact"], 600)] +
                       [(c["reasoning"], 1200) for c in x["causes"]] +
                       [(t, 480) for t in x["next_steps"]]):
        if len(text.encode()) >= room - 1:
            bad.append("%s: text cut at its %d-byte buffer: ...%s" % (where, room, text[-40:]))
    for m in re.finditer(r"(?<![\w.:/-])(?<!port )(\d{2,})(?![\w.:/-]) (?:\w+ ){0,2}?" + UNITS + r"\b", x["summary"]):
        if int(m.group(1)) not in nums:
            bad.append("%s: '%s' in the summary is not a count or figure %s" % (where, m.group(0), sorted(nums)))
    for text in [x["summary"], x["analysis"], x["impact"]] + [c["reasoning"] for c in x["causes"]]:
        for m in re.finditer(r"(?<![\w.])(\d+) of (?:the |its |all )?(\d+)(?![\w.])", text):
            if int(m.group(1)) > int(m.group(2)):
                bad.append("%s: '%s'" % (where, m.group(0)))
        for m in re.finditer(r"(\d+(?:\.\d+)?)%", text):
            if float(m.group(1)) > 100:
                bad.append("%s: share '%s'" % (where, m.group(0)))
    for k, v in figs.items():
        if (k.endswith("_ratio") or k.endswith("_share")) and isinstance(v, (int, float)) and not 0 <= v <= 1:
            bad.append("%s: figure %s = %s" % (where, k, v))
        if isinstance(v, str) and v == "estimated" and "about" not in x["summary"]:
            bad.append("%s: %s is estimated but the summary does not say about" % (where, k))
    if re.search(r"/\d+$", x["server"]):
        hosts = max(figs.get(k, 0) for k in ("destinations", "distinct_destinations", "distinct_hosts"))
        if hosts < 2:
            bad.append("%s: a prefix for %s host(s)" % (where, hosts))
if bad:
    print(sys.argv[2]); print("\n".join(bad[:20]))
    sys.exit(1)
PY
	n=$((n + 1))
done <"$list"
echo "figures agree with the words in every finding of $n inputs"
