#!/bin/sh
# \summary: hostile data in, safe reports out (issue 17).  Names, skipped
# log lines and a file name that carry HTML, script, image, link, heading,
# table, backtick, control and terminal-escape payloads go through every
# command and report format: no output holds a control byte or invalid
# UTF-8, JSON parses, the Markdown report rendered by cmark-gfm (safe and
# --unsafe, GFM extensions) and the HTML report have no element or
# attribute a payload asked for, and every payload is still shown as text.
# Fixtures: ntgen hostile-names (rejected lookups of three hostile names)
# and a text log made from it by print, with hostile lines appended.
. "$(dirname "$0")/lib.sh"
command -v cmark-gfm >/dev/null || fail "cmark-gfm missing: run 'sh tools/scripts/deps.sh'"
"$TOOLS/ntgen" hostile-names "$WORK/h.pcap" >/dev/null || fail "ntgen hostile-names"
ESC=$(printf '\033')
LOG="$WORK/evil|\`x\`<img src=x onerror=alert(3)>${ESC}[2J.log"
"$BIN" print -n "$WORK/h.pcap" >"$LOG" || fail "print the hostile capture"
printf '<script>alert(4)</script> ``` `tick` | cell | ![i](http://evil.example/y.png) [l](http://evil.example/)\n' >>"$LOG"
printf '# heading\tand \033]52;c;cHduZWQ=\007 \033[31mcolour \302\233 \342\200\256 \377\376 bad \r cr\n' >>"$LOG"

for in in "$WORK/h.pcap" "$LOG"; do
	for fmt in text md json jsonl html; do
		out="$WORK/out.$fmt"
		"$BIN" analyze --format $fmt "$in" >"$out" 2>"$WORK/err.$fmt"
		rc=$?
		[ $rc -le 1 ] || { cat "$WORK/err.$fmt"; fail "analyze --format $fmt: exit $rc"; }
		python3 - "$fmt" "$out" "$WORK/err.$fmt" <<'PY' || fail "analyze --format $fmt of $(basename "$in")"
import json, re, subprocess, sys
from html.parser import HTMLParser
fmt, path, errpath = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(path, "rb").read()
for name, data in (("stdout", raw), ("stderr", open(errpath, "rb").read())):
    text = data.decode("utf-8")  # raises on invalid UTF-8
    bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
           or ord(c) in (0x061c, 0x200e, 0x200f) or 0x202a <= ord(c) <= 0x202e
           or 0x2066 <= ord(c) <= 0x2069]
    assert not bad, (name, [hex(ord(c)) for c in bad[:5]])
doc = raw.decode("utf-8")
# every payload still shown (as text), whatever the format
for p in ("svg/onload=alert(1)", "javascript:alert(2)", "evil.example"):
    assert p in doc.replace("\\", ""), p

class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = {}, [], []
    def handle_starttag(self, t, a):
        self.tags[t] = self.tags.get(t, 0) + 1
        self.attrs += [(t, k, v) for k, v in a]
    def handle_data(self, d):
        self.text.append(d)

if fmt == "json":
    json.loads(doc)
elif fmt == "jsonl":
    for line in doc.splitlines():
        json.loads(line)
elif fmt == "md":
    allowed = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "code", "pre", "table",
               "thead", "tbody", "tr", "th", "td", "blockquote"}
    for unsafe in ([], ["--unsafe"]):
        html = subprocess.run(["cmark-gfm", *unsafe, "-e", "table", "-e", "autolink", "-e",
                               "strikethrough", "-e", "tagfilter", path],
                              capture_output=True, check=True).stdout.decode()
        p = Tags()
        p.feed(html)
        extra = set(p.tags) - allowed
        assert not extra, (unsafe, extra)
        assert p.tags.get("h1") == 1, p.tags.get("h1")
        assert all(k == "align" for _, k, _ in p.attrs), p.attrs[:5]
        text = "".join(p.text)
        assert "<svg/onload=alert(1)>" in text, "name not shown as text"
        if "evil|" in doc:  # the text log: its name and skipped lines as text
            assert "<img src=x onerror=alert(3)>" in text, "file name not shown"
            assert "<script>alert(4)</script>" in text, "skipped line not shown"
elif fmt == "html":
    p = Tags()
    p.feed(doc)
    assert "script" not in p.tags and "img" not in p.tags and "iframe" not in p.tags, p.tags
    for t, k, v in p.attrs:
        assert not k.startswith("on"), (t, k, v)
        if k in ("href", "src", "xlink:href"):
            assert v.startswith("#"), (t, k, v)
    text = "".join(p.text)
    assert "<svg/onload=alert(1)>" in text, "name not shown as text"
PY
	done
done

# the skipped lines are listed, each in a code span no backtick in it closes
"$BIN" analyze --format md "$LOG" >"$WORK/log.md" 2>/dev/null
expect_grep '^- line 19: ````' "$WORK/log.md" "a skipped line in a code span longer than its backtick runs"
# the table cell of the input name is not split by its |
expect_grep '^| Input | ``[^`]*evil\\|`x`<img' "$WORK/log.md" "| escaped in the input's table cell"

# explain: the line's own bytes never reach the terminal raw, in any format
L=$(printf '12:00:00.000000 IP 1.2.3.4.53 > 5.6.7.8.1234: 1 0/0/0 \033]52;c;cHduZWQ=\007 \033[31m\377\376 <b>x</b> (12)')
for fmt in text md json; do
	"$BIN" explain --format $fmt "$L" >"$WORK/x.$fmt" 2>&1 || fail "explain --format $fmt"
	python3 - "$fmt" "$WORK/x.$fmt" <<'PY' || fail "explain --format $fmt output"
import json, sys
fmt, path = sys.argv[1], sys.argv[2]
text = open(path, "rb").read().decode("utf-8")
bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]
assert not bad, [hex(ord(c)) for c in bad[:5]]
if fmt == "json":
    json.loads(text)
PY
done

# messages that quote a file name: escaped too
"$BIN" analyze "$WORK/no-such${ESC}]0;pwned$(printf '\007')file" >/dev/null 2>"$WORK/nf.err"
expect_eq "$?" 3 "exit status for a missing input"
expect_grep 'no-such\\x1b\]0;pwned\\x07file' "$WORK/nf.err" "the file name's controls spelled \\xHH"
if LC_ALL=C grep -q "$ESC" "$WORK/nf.err"; then fail "ESC reached stderr"; fi

# print: tcpdump's own escaping of name bytes (\ooo), no raw control
"$BIN" print -n "$WORK/h.pcap" >"$WORK/p.txt" || fail "print"
if LC_ALL=C grep -q "$ESC" "$WORK/p.txt"; then fail "ESC in print output"; fi
exit 0
