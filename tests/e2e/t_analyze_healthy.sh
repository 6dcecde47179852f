#!/bin/sh
# analyze: healthy traffic (a stray NXDOMAIN, normal RTTs, DNS over TCP
# after truncation) gives no finding of medium or higher severity.
. "$(dirname "$0")/lib.sh"
for scen in healthy-office dns-tcp; do
	p="$DATA/scenarios/$scen.pcap"
	[ -f "$p" ] || { p="$WORK/$scen.pcap"; "$TOOLS/ntgen" "$scen" "$p" >/dev/null || fail "ntgen $scen"; }
	"$BIN" analyze --format json "$p" >"$WORK/$scen.json" || fail "analyze $scen"
	python3 - "$WORK/$scen.json" <<'PY' || fail "$scen has medium+ findings"
import json, sys
d = json.load(open(sys.argv[1]))
bad = [(f["kind"], f["severity"]) for f in d["findings"]
       if f["severity"] in ("medium", "high", "critical")]
assert not bad, bad
assert d["dns"]["answered"] > 0
PY
	"$BIN" analyze --format md "$p" >"$WORK/$scen.md" || fail "md $scen"
	expect_grep 'no significant problem found' "$WORK/$scen.md" "healthy title"
done
exit 0
