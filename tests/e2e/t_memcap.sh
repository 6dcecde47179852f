# \summary: bounded state under a state-exhaustion capture: ntgen's
# `exhaust` scenario (300k packets: DNS queries from new clients, ports,
# ids and domains, never answered, and SYNs to new hosts and ports) is
# analysed with --memcap 8.  Checks: the analysis completes with findings,
# every table that the capture floods reports evictions in the JSON (the
# engine's and the detectors'), the text report lists them, and the peak
# RSS stays under FIXED + 1.25 x CAP + 4 MiB, where FIXED is the peak RSS
# of the same binary on a tiny capture with --memcap 1 (code, libraries,
# report, read buffers), CAP the tables' cap (they are sized to fit it),
# 1.25 leaves room for a sanitizer's shadow memory (1/8) and allocator
# rounding, and 4 MiB for the larger read buffers of a 30 MB capture.
# The same bound holds when --set asks for 4 Mi entries per table.
# NT_RSS_POLL=1 uses the /proc fallback even where GNU time is installed.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 0; }
"$TOOLS/ntgen" exhaust "$WORK/ex.pcap" --packets 300000 || fail "ntgen exhaust"
"$TOOLS/ntgen" healthy-office "$WORK/tiny.pcap" || fail "ntgen healthy-office"
# rss OUT INPUT CMD...: peak RSS (KiB) of CMD, which reads INPUT on its
# standard input, into OUT.  GNU time's %M when installed; else
# tools/scripts/peakrss.py (VmHWM polled from /proc while the input is fed
# and for 0.3 s after it, so after the tables have filled).
if [ -z "${NT_RSS_POLL:-}" ] && /usr/bin/time -f %M -o "$WORK/t.rss" true 2>/dev/null; then
	rss() { out=$1 in=$2; shift 2; /usr/bin/time -f %M -o "$out" "$@" < "$in" > /dev/null; }
else
	rss() {
		out=$1 in=$2
		shift 2
		python3 "$(dirname "$0")/../../tools/scripts/peakrss.py" "$out.t" --stdin "$in" "$@"
		st=$?
		cut -d' ' -f2 "$out.t" > "$out"
		return $st
	}
fi
rss "$WORK/base.rss" "$WORK/tiny.pcap" "$BIN" analyze --memcap 1 - || fail "analyze of a tiny capture"
rss "$WORK/ex.rss" "$WORK/ex.pcap" "$BIN" analyze --memcap 8 --format json -o "$WORK/ex.json" -
expect_eq "$?" 0 "exit status of analyze --memcap 8"
big="--set cap.dns_transactions=4194304 --set cap.dns_lookups=4194304"
big="$big --set cap.tcp_handshakes=4194304 --set cap.hosts=4194304 --set cap.scan_sources=4194304"
# shellcheck disable=SC2086
rss "$WORK/big.rss" "$WORK/ex.pcap" "$BIN" analyze $big --memcap 8 --format json -o "$WORK/big.json" -
expect_eq "$?" 0 "exit status of analyze with 4 Mi entries per table and --memcap 8"
base=$(cat "$WORK/base.rss") ex=$(cat "$WORK/ex.rss") bigr=$(cat "$WORK/big.rss")
bound=$((base + 8 * 1024 * 5 / 4 + 4096))
echo "peak RSS: tiny capture ${base} KiB; exhaust ${ex} KiB; exhaust with 4 Mi-entry caps ${bigr} KiB; bound ${bound} KiB"
[ "$ex" -le "$bound" ] || fail "peak RSS ${ex} KiB over ${bound} KiB"
[ "$bigr" -le "$bound" ] || fail "peak RSS with large caps ${bigr} KiB over ${bound} KiB"
python3 - "$WORK/ex.json" "$WORK/big.json" <<'PY' || fail "JSON report of the exhaust capture"
import json, sys
for path in sys.argv[1:]:
    d = json.load(open(path))
    assert d["capture"]["packets"] >= 300000, d["capture"]
    ev = d["evictions"]
    for t in ("dns_transactions", "dns_lookups", "tcp_handshakes", "hosts",
              "dns_prsd_domains", "syn_targets", "scan_sources"):
        assert ev.get(t, 0) > 0, (path, t, ev)
    for name, t in d["tables"].items():
        if "peak" in t:
            assert t["peak"] <= t["capacity"], (name, t)
    p = d["thresholds"]
    assert p["cap.dns_transactions"] < 8192, p["cap.dns_transactions"]
    assert d["findings"], "no findings"
    print(path.rsplit("/", 1)[-1], "evictions", ev, "findings", [f["kind"] for f in d["findings"]])
PY
"$BIN" analyze --memcap 8 "$WORK/ex.pcap" > "$WORK/ex.txt" || fail "text report"
expect_grep "evictions (tables full):.*dns_transactions=[1-9]" "$WORK/ex.txt" "evictions in the text report"
# a bad cap is a usage error
"$BIN" analyze --memcap 0 "$WORK/tiny.pcap" > /dev/null 2> "$WORK/err"
expect_eq "$?" 2 "exit status of --memcap 0"
expect_grep "memcap" "$WORK/err" "message names --memcap"
exit 0
