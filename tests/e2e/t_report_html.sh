#!/bin/sh
# \summary: analyze --format html: the flagship report is one self-contained
# page (no script, no external resource, balanced markup) with the
# Markdown report's sections, inline SVG charts and explained evidence
# fields; rendered with headless Chromium when installed (`sh
# tools/scripts/deps.sh --browser`): charts drawn, finding text present,
# no console errors, a screenshot and a printable PDF.
. "$(dirname "$0")/lib.sh"
PCAP="$DATA/yummyrecipes.pcap"
[ -f "$PCAP" ] || fail "missing $PCAP"
HTML="$WORK/flagship.html"
"$BIN" analyze --format html -o "$HTML" "$PCAP" || fail "analyze --format html"
"$BIN" analyze --format html "$PCAP" >"$WORK/stdout.html" || fail "html to stdout"
cmp -s "$HTML" "$WORK/stdout.html" || fail "-o FILE and stdout differ"

# Static checks: structure, content, self-containment.
python3 - "$HTML" <<'PY' || fail "static HTML checks"
import re, sys
from html.parser import HTMLParser
path = sys.argv[1]
doc = open(path, encoding="utf-8").read()
VOID = {"meta", "br", "hr", "img", "input", "link", "line", "rect", "circle", "path"}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors, self.text = [], {}, [], []
        self.attrs = []
    def handle_starttag(self, t, a):
        self.tags[t] = self.tags.get(t, 0) + 1
        self.attrs.append((t, dict(a)))
        if t not in VOID:
            self.stack.append(t)
    def handle_startendtag(self, t, a):
        self.tags[t] = self.tags.get(t, 0) + 1
        self.attrs.append((t, dict(a)))
    def handle_endtag(self, t):
        if t in VOID and (not self.stack or self.stack[-1] != t):
            return
        if not self.stack or self.stack[-1] != t:
            self.errors.append("unbalanced </%s> (open: %s)" % (t, self.stack[-3:]))
        else:
            self.stack.pop()
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(doc)
p.close()
assert not p.errors, p.errors[:5]
assert not p.stack, ("unclosed", p.stack)
assert doc.startswith("<!DOCTYPE html>")
# self-contained: no script, no external fetch of any kind
assert "script" not in p.tags, "a <script> element"
for t, a in p.attrs:
    for k in ("src", "srcset", "href", "xlink:href", "data"):
        v = a.get(k)
        assert v is None or v.startswith("#"), (t, k, v)
assert "@import" not in doc and "url(" not in doc, "CSS fetch"
assert p.tags.get("style") == 1 and p.tags.get("link") is None
assert 'name="viewport"' in doc and "@media print" in doc and "@media (max-width" in doc
text = " ".join(p.text)
for h in ("Summary of the problem", "Charts", "Analysis", "Protocols involved", "Likely causes",
          "Impact", "Recommended next steps", "Appendix: capture statistics",
          "Time line of the capture", "DNS response time per server", "Top talkers"):
    assert h in text, h
assert "Incident report: DNS service on 203.0.113.2 unreachable" in text
assert "3 failed A queries for yummyrecipesforme.com from 192.51.100.15 (query id 35084)" in text
assert "DNS service down or not listening on port 53" in text
assert re.search(r"udp port (53|domain) unreachable", text)
assert "Time line:" in text and "ICMP destination unreachable" in text
# charts: inline SVG with drawn marks
svgs = re.findall(r"<svg\b.*?</svg>", doc, re.S)
assert len(svgs) >= 4, len(svgs)
for s in svgs:
    assert re.search(r"<(rect|path|circle)\b", s), s[:200]
tl = re.search(r'id="chart-timeline".*?</figure>', doc, re.S).group(0)
assert tl.count("<circle") >= 3 and tl.count("<path") >= 3, "finding events on the time line"
assert "203.0.113.2" in re.search(r'id="chart-rtt".*?</figure>', doc, re.S).group(0)
# evidence: every field explained on hover/focus
tips = re.findall(r'<span class="tip" role="tooltip">(.*?)</span></span>', doc, re.S)
assert len(tips) >= 30, len(tips)
assert any("DNS query id" in t for t in tips), "query id explained"
assert any("port unreachable" in t for t in tips), "ICMP explained"
assert doc.count('tabindex="0"') == len(tips)
PY

# Every scenario renders; a text log spanning 3 hours coarsens the buckets.
cat >"$WORK/long.log" <<'LOG'
2024-07-16 00:00:01.000000 IP 10.0.0.1.5000 > 10.0.0.53.53: 1+ A? a.example. (27)
2024-07-16 00:00:01.010000 IP 10.0.0.53.53 > 10.0.0.1.5000: 1 1/0/0 A 192.0.2.1 (43)
2024-07-16 01:30:00.000000 IP 10.0.0.1.5001 > 10.0.0.53.53: 2+ A? b.example. (27)
2024-07-16 01:30:00.200000 IP 10.0.0.53.53 > 10.0.0.1.5001: 2 NXDomain 0/0/0 (27)
2024-07-16 03:00:00.000000 IP 10.0.0.1.5002 > 10.0.0.53.53: 3+ A? c.example. (27)
LOG
"$BIN" analyze --format html "$WORK/long.log" >"$WORK/long.html" || fail "html of a long log"
for p in "$DATA"/scenarios/*.pcap; do
	"$BIN" analyze --format html "$p" >"$WORK/$(basename "$p" .pcap).html" || fail "html of $p"
done
python3 - "$WORK"/long.html "$WORK"/*-*.html <<'PY' || fail "scenario pages"
import re, sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "line", "rect", "circle", "path"}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, t, a):
        if t not in VOID:
            self.stack.append(t)
    def handle_endtag(self, t):
        if t in VOID:
            return
        assert self.stack and self.stack[-1] == t, (t, self.stack[-3:])
        self.stack.pop()
for path in sys.argv[1:]:
    doc = open(path, encoding="utf-8").read()
    p = P(); p.feed(doc); p.close()
    assert not p.stack, (path, p.stack)
    assert "<script" not in doc, path
    tl = re.search(r'id="chart-timeline".*?</figure>', doc, re.S).group(0)
    xs = {round(float(x)) for x in re.findall(r'<rect x="([0-9.]+)"', tl)}
    assert len(xs) <= 480, (path, len(xs))
long = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"Bucket width ([0-9.]+) s \(the capture is longer than 480 buckets, so 1 s "
              r"buckets were merged (\d+) times\)", long)
assert m and float(m.group(1)) == 2 ** int(m.group(2)), m
assert 2 ** int(m.group(2)) * 480 >= 3 * 3600
assert "NXDOMAIN (1)" in long and "NOERROR (1)" in long, "rcode mix"
PY

if ! command -v chromium >/dev/null 2>&1; then
	echo "SKIP: chromium not installed; static HTML checks passed. Install it with" \
		"'sh tools/scripts/deps.sh --browser' to render the page."
	exit 0
fi

# Chromium: a fresh profile each run, nothing fetched from the network.
chrome() {
	prof=$(mktemp -d)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --enable-logging=stderr --v=0 "$@"
	rc=$?
	rm -rf "$prof"
	return $rc
}
URL="file://$HTML"
chrome --dump-dom "$URL" >"$WORK/dom.html" 2>"$WORK/dom.err" || { tail "$WORK/dom.err"; fail "chromium --dump-dom"; }
chrome --screenshot="$WORK/shot.png" --window-size=1200,3000 --hide-scrollbars "$URL" \
	>"$WORK/shot.out" 2>"$WORK/shot.err" || { tail "$WORK/shot.err"; fail "chromium --screenshot"; }
chrome --screenshot="$WORK/phone.png" --window-size=390,2400 --hide-scrollbars "$URL" \
	>/dev/null 2>"$WORK/phone.err" || fail "chromium phone screenshot"
chrome --print-to-pdf="$WORK/print.pdf" --no-pdf-header-footer "$URL" \
	>/dev/null 2>"$WORK/pdf.err" || fail "chromium --print-to-pdf"
for e in dom shot phone pdf; do
	if grep -E 'Uncaught|:CONSOLE|CONSOLE\(|Refused to|net::ERR_' "$WORK/$e.err"; then
		fail "console errors while rendering ($e)"
	fi
done
python3 - "$WORK/dom.html" "$WORK/shot.png" "$WORK/phone.png" "$WORK/print.pdf" <<'PY' || fail "rendered page"
import re, struct, sys
dom, shot, phone, pdf = sys.argv[1:5]
d = open(dom, encoding="utf-8").read()
svgs = re.findall(r"<svg\b.*?</svg>", d, re.S)
assert len(svgs) >= 4, len(svgs)
for s in svgs:
    assert re.search(r"<(rect|path|circle)\b", s), s[:200]
assert "DNS service on 203.0.113.2 unreachable" in d
assert "yummyrecipesforme.com" in d and "35084" in d
for f, w, h in ((shot, 1200, 3000), (phone, 390, 2400)):
    b = open(f, "rb").read()
    assert b[:8] == b"\x89PNG\r\n\x1a\n", f
    W, H = struct.unpack(">II", b[16:24])
    assert (W, H) == (w, h), (f, W, H)
    assert len(b) > 40000, (f, len(b))   # not a blank page
p = open(pdf, "rb").read()
assert p.startswith(b"%PDF") and len(p) > 20000, len(p)
assert len(re.findall(rb"/Type\s*/Page\b", p)) >= 2, "print layout has pages"
PY
# NT_UPDATE_SCREENSHOT=1 refreshes the screenshot in docs/.
if [ "${NT_UPDATE_SCREENSHOT:-0}" = 1 ]; then
	cp "$WORK/shot.png" "$(dirname "$0")/../../docs/screenshot-flagship.png" || fail "copy screenshot"
fi
exit 0
