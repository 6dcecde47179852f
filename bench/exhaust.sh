#!/bin/sh
# \summary: bounded memory under a state-exhaustion capture at full size:
# ntgen's `exhaust` scenario (BENCH_EXHAUST_PACKETS, default 4000000:
# DNS queries from new clients, ports, ids and domains, never answered,
# and SYNs to new hosts and ports, so millions of distinct flows) analysed
# with the default memory cap and with --memcap 8, and, with every large
# table asked for 4 Mi entries (--set), with --memcap 64 and the default
# 512: elapsed time, peak RSS and the evictions of the JSON report.
# BUILD (build dir, default build), BENCH_OUT (default bench/out/),
# NT_RSS_POLL=1 (peak RSS from /proc even where GNU time is installed).
# (A separate script while bench/run.sh is being reworked; it can become
# its BENCH_EXHAUST=1 mode.)
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
BIN="$PWD/$BUILD/nettriage"
NTGEN="$PWD/$BUILD/tools/ntgen"
OUT=${BENCH_OUT:-"$PWD/bench/out"}
N=${BENCH_EXHAUST_PACKETS:-4000000}
export TZ=UTC
die() { echo "bench: $*" >&2; exit 1; }
[ -x "$NTGEN" ] || die "$NTGEN missing; run 'make BUILD=$BUILD tools' first"
[ -x "$BIN" ] || die "$BIN missing; run 'make BUILD=$BUILD' first"
command -v python3 >/dev/null || die "python3 is needed to read the JSON reports"
mkdir -p "$OUT"
cap="$OUT/exhaust-$N.pcap"
[ -s "$cap" ] || "$NTGEN" exhaust "$cap" --packets "$N" || die "ntgen exhaust"
big="--set cap.dns_transactions=4194304 --set cap.dns_lookups=4194304"
big="$big --set cap.tcp_handshakes=4194304 --set cap.hosts=4194304 --set cap.scan_sources=4194304"
echo "exhaust: $N packets, $(($(wc -c < "$cap") / 1048576)) MiB ($cap)"
printf '%-34s %9s %12s %s\n' case seconds "peak RSS" "evictions (JSON)"
# peak RSS: GNU time's %M; without it, tools/scripts/peakrss.py (VmHWM
# polled from /proc every 5 ms)
if [ -z "${NT_RSS_POLL:-}" ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	measure() { /usr/bin/time -f "%e %M" -o "$OUT/exhaust.time" "$@"; }
else
	measure() { python3 tools/scripts/peakrss.py "$OUT/exhaust.time" "$@"; }
fi
run() {
	name=$1
	shift
	measure "$BIN" analyze --format json -o "$OUT/exhaust.json" "$@" "$cap" ||
		die "analyze exited with $?"
	python3 - "$OUT/exhaust.json" "$OUT/exhaust.time" "$name" <<'PY'
import json, sys
sec, kib = open(sys.argv[2]).read().split()[-2:]
ev = json.load(open(sys.argv[1]))["evictions"]
print("%-34s %9.2f %8.1f MiB %s" % (sys.argv[3], float(sec), int(kib) / 1024.0,
      " ".join("%s=%d" % kv for kv in ev.items() if kv[1])))
PY
}
run "default caps, default memcap"
run "default caps, --memcap 8" --memcap 8
# shellcheck disable=SC2086
run "4 Mi-entry caps, --memcap 64" $big --memcap 64
# shellcheck disable=SC2086
run "4 Mi-entry caps, default memcap" $big
