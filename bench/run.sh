#!/bin/sh
# \summary: `make bench`: throughput of nettriage against a bare libpcap
# read loop and tcpdump on the generated benchmark mix, and a byte-for-byte
# check of `print -n` against `tcpdump -n -r`.
#
# Environment: BUILD (build dir, default build), BENCH_BIG=1 (also 5M
# packets), BENCH_REPS (repetitions, default 5; 3 for the 5M file),
# BENCH_TCPDUMP_REPS (default 3: tcpdump takes ~100 times longer than the
# rest), BENCH_PACKETS (override the 1M size), BENCH_OUT (output directory,
# default bench/out/, gitignored).
#
# Other modes:
#   BENCH_COMPRESSED=1  also gzip and zstd copies of each capture: the
#                       decompressor alone (gzip -dc, zstd -dc) against
#                       `analyze` and `print -n` reading the compressed file
#   BENCH_FLOWS=1       bounded memory: a capture with millions of distinct
#                       clients and flows (ntgen mix --clients N;
#                       BENCH_FLOWS_PACKETS, default 5000000, and
#                       BENCH_FLOWS_CLIENTS, default 4000000): analyze's
#                       peak RSS and the table counters of its JSON report
#   BENCH_CALLGRIND=1   (`make bench-callgrind`) only this: instructions per
#                       packet under callgrind on a 100,000-packet mix
#                       (BENCH_CALLGRIND_PACKETS) for the libpcap floor,
#                       `analyze --format json` and `print -n`
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
BIN="$PWD/$BUILD/nettriage"
NTGEN="$PWD/$BUILD/tools/ntgen"
OUT=${BENCH_OUT:-"$PWD/bench/out"}
case $OUT in /*) ;; *) OUT="$PWD/$OUT" ;; esac
REPS=${BENCH_REPS:-5}
export TZ=UTC
mkdir -p "$OUT"

die() { echo "bench: $*" >&2; exit 1; }
# newer A B: A was modified after B (POSIX test has no -nt)
newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }
[ -x "$NTGEN" ] || die "$NTGEN missing; run 'make BUILD=$BUILD tools' first"
[ -x "$BIN" ] || die "$BIN missing; run 'make BUILD=$BUILD' first"

CC=${CC:-cc}
CFLAGS_B="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror"
for t in readfloor runstat; do
	if [ ! -x "$OUT/$t" ] || newer "bench/$t.c" "$OUT/$t"; then
		libs=""
		[ "$t" = readfloor ] && libs="-lpcap"
		# shellcheck disable=SC2086
		$CC $CFLAGS_B -o "$OUT/$t" "bench/$t.c" $libs || die "cannot build bench/$t.c"
	fi
done
RUNSTAT="$OUT/runstat"
rm -f "$OUT"/*.stderr

HAVE_TCPDUMP=0
command -v tcpdump >/dev/null 2>&1 && HAVE_TCPDUMP=1

# Does `analyze` exist and take --format json?
HAVE_ANALYZE=0
"$NTGEN" yummyrecipes "$OUT/probe.pcap" >/dev/null 2>&1
if "$BIN" analyze --format json "$OUT/probe.pcap" >/dev/null 2>&1; then
	HAVE_ANALYZE=1
fi

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -n | tail -n 1; }

# measure NAME REPS CMD...: sets M_WALL and M_CPU (medians, s), M_RSS (max KiB), M_STATUS
measure() {
	name=$1 reps=$2
	shift 2
	: >"$OUT/times.txt"
	i=0
	M_STATUS=0
	while [ "$i" -lt "$reps" ]; do
		line=$("$RUNSTAT" /dev/null "$@" 2>>"$OUT/$name.stderr") || die "runstat failed for $name"
		echo "$line" >>"$OUT/times.txt"
		st=$(echo "$line" | awk '{ print $3 }')
		[ "$st" -ne 0 ] && M_STATUS=$st
		i=$((i + 1))
	done
	M_WALL=$(awk '{ print $1 }' "$OUT/times.txt" | median)
	M_CPU=$(awk '{ print $4 }' "$OUT/times.txt" | median)
	M_RSS=$(awk '{ print $2 }' "$OUT/times.txt" | maxof)
}

# report NAME: one row of the table from M_*
report() {
	awk -v n="$1" -v w="$M_WALL" -v c="$M_CPU" -v r="$M_RSS" -v p="$PKTS" -v b="$BYTES" -v s="$M_STATUS" 'BEGIN {
		pps = w > 0 ? p / w : 0; mbs = w > 0 ? b / w / 1e6 : 0
		cpps = c > 0 ? p / c : 0
		printf "  %-32s %8.3f %8.3f %11.0f %11.0f %8.1f %8.1f%s\n", n, w, c, pps, cpps, mbs, r / 1024, (s != 0 ? "  (exit " s ")" : "")
	}'
}

# ---- BENCH_CALLGRIND=1: instructions per packet, then stop ----
if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 || die "BENCH_CALLGRIND needs valgrind"
	n=${BENCH_CALLGRIND_PACKETS:-100000}
	f="$OUT/mix-$n.pcap"
	if [ ! -f "$f" ] || newer "$NTGEN" "$f"; then
		"$NTGEN" mix "$f" --packets "$n" --seed 1 || die "ntgen failed"
	fi
	echo "== callgrind: instructions per packet, mix of $n packets (user space only)"
	# cg NAME CMD...: runs CMD under callgrind, prints its instruction count
	cg() {
		name=$1
		shift
		valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.$name.out" "$@" \
			>/dev/null 2>"$OUT/callgrind.$name.log" || die "callgrind run of $name failed"
		ir=$(sed -n 's/.*Collected : *\([0-9][0-9]*\).*/\1/p' "$OUT/callgrind.$name.log" | tail -n 1)
		[ -n "$ir" ] || die "no instruction count for $name (see $OUT/callgrind.$name.log)"
		awk -v n="$name" -v ir="$ir" -v p="$n" 'BEGIN {
			printf "  %-32s %14.0f instructions %10.1f per packet\n", n, ir, ir / p }'
	}
	cg "floor (libpcap read loop)" "$OUT/readfloor" "$f"
	cg "analyze --format json" "$BIN" analyze --format json "$f"
	cg "print -n" "$BIN" print -n "$f"
	echo "  profiles: $OUT/callgrind.*.out (callgrind_annotate FILE)"
	rm -f "$OUT/probe.pcap"
	exit 0
fi

sizes=${BENCH_PACKETS:-1000000}
[ "${BENCH_BIG:-0}" = 1 ] && sizes="$sizes 5000000"

for n in $sizes; do
	f="$OUT/mix-$n.pcap"
	if [ ! -f "$f" ] || newer "$NTGEN" "$f"; then
		echo "bench: generating $f"
		"$NTGEN" mix "$f" --packets "$n" --seed 1 || die "ntgen failed"
	fi
	PKTS=$n
	BYTES=$(wc -c <"$f" | tr -d ' ')
	reps=$REPS
	[ "$n" -gt 1000000 ] && reps=${BENCH_REPS:-3}
	# warm the page cache
	cat "$f" >/dev/null
	echo
	td_reps=${BENCH_TCPDUMP_REPS:-3}
	[ "$td_reps" -gt "$reps" ] && td_reps=$reps
	echo "== mix, $n packets, $BYTES bytes; median of $reps runs (tcpdump: $td_reps), peak RSS = max of the runs"
	echo "   load average before: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)"
	printf "  %-32s %8s %8s %11s %11s %8s %8s\n" "" "wall s" "cpu s" "pkt/s" "pkt/cpu-s" "MB/s" "RSS MiB"
	measure floor "$reps" "$OUT/readfloor" "$f"
	FLOOR=$M_WALL FLOOR_CPU=$M_CPU
	report "libpcap read loop (floor)"
	TCPDUMP=0 TCPDUMP_CPU=0
	if [ "$HAVE_TCPDUMP" = 1 ]; then
		measure tcpdump "$td_reps" tcpdump -n -r "$f"
		TCPDUMP=$M_WALL TCPDUMP_CPU=$M_CPU
		report "tcpdump -n -r"
	fi
	measure print "$reps" "$BIN" print -n "$f"
	PRINT=$M_WALL PRINT_CPU=$M_CPU
	report "nettriage print -n"
	ANALYZE=0 ANALYZE_CPU=0
	if [ "$HAVE_ANALYZE" = 1 ]; then
		measure analyze "$reps" "$BIN" analyze --format json "$f"
		ANALYZE=$M_WALL ANALYZE_CPU=$M_CPU
		report "nettriage analyze --format json"
	else
		echo "  nettriage analyze --format json    (not available in this build)"
	fi
	# Compressed copies: does reading through zlib/libzstd cost more than
	# the decompressor itself?
	if [ "${BENCH_COMPRESSED:-0}" = 1 ] && [ "$HAVE_ANALYZE" = 1 ]; then
		for z in gz zst; do
			zf="$f.$z"
			if [ ! -f "$zf" ] || newer "$f" "$zf"; then
				if [ "$z" = gz ]; then
					gzip -c "$f" >"$zf" || die "gzip failed"
				else
					zstd -q -c "$f" >"$zf" || die "zstd failed"
				fi
			fi
			cat "$zf" >/dev/null
			if [ "$z" = gz ]; then
				measure "dec-$z" "$reps" gzip -dc "$zf"
				report "gzip -dc (decompressor alone)"
			else
				measure "dec-$z" "$reps" zstd -q -dc "$zf"
				report "zstd -dc (decompressor alone)"
			fi
			DEC=$M_WALL DEC_CPU=$M_CPU
			measure "analyze-$z" "$reps" "$BIN" analyze --format json "$zf"
			report "analyze --format json .$z"
			awk -v a="$M_WALL" -v ac="$M_CPU" -v d="$DEC" -v dc="$DEC_CPU" -v pa="$ANALYZE" -v pac="$ANALYZE_CPU" -v z="$z" 'BEGIN {
				printf "  .%s: analyze minus plain analyze = %.3f s cpu, decompressor alone %.3f s cpu (%.2fx)\n", z, ac - pac, dc, (dc > 0 ? (ac - pac) / dc : 0)
			}'
			measure "print-$z" "$reps" "$BIN" print -n "$zf"
			report "print -n .$z"
		done
	fi
	awk -v t="$TCPDUMP" -v p="$PRINT" -v a="$ANALYZE" -v fl="$FLOOR" \
	    -v tc="$TCPDUMP_CPU" -v pc="$PRINT_CPU" -v ac="$ANALYZE_CPU" -v fc="$FLOOR_CPU" 'BEGIN {
		if (t > 0 && p > 0) printf "  ratio tcpdump/print:  %.1fx wall, %.1fx cpu\n", t / p, (pc > 0 ? tc / pc : 0)
		if (a > 0 && fl > 0) printf "  ratio analyze/floor:  %.1fx wall, %.1fx cpu\n", a / fl, (fc > 0 ? ac / fc : 0)
		if (p > 0 && fl > 0) printf "  ratio print/floor:    %.1fx wall, %.1fx cpu\n", p / fl, (fc > 0 ? pc / fc : 0)
	}'

	# Output identity with tcpdump (both in UTC).
	if [ "$HAVE_TCPDUMP" = 1 ]; then
		tcpdump -n -r "$f" >"$OUT/tcpdump-$n.txt" 2>/dev/null
		"$BIN" print -n "$f" >"$OUT/print-$n.txt" 2>/dev/null
		if cmp -s "$OUT/tcpdump-$n.txt" "$OUT/print-$n.txt"; then
			echo "  print -n vs tcpdump -n -r: byte-identical ($(wc -l <"$OUT/tcpdump-$n.txt" | tr -d ' ') lines)"
		else
			# Line by line: a differing line, or one present in only one output.
			sep=$(printf '\001')
			diffs=$(paste -d "$sep" "$OUT/tcpdump-$n.txt" "$OUT/print-$n.txt" |
				awk -F "$sep" '$1 != $2 { n++ } END { print n + 0 }')
			total=$(wc -l <"$OUT/tcpdump-$n.txt" | tr -d ' ')
			echo "  print -n vs tcpdump -n -r: DIFFERENT, $diffs of $total lines differ; by what tcpdump printed:"
			paste -d "$sep" "$OUT/tcpdump-$n.txt" "$OUT/print-$n.txt" |
				awk -F "$sep" '$1 != $2 {
					k = $1; k = substr(k, index(k, " > ") + 3); k = substr(k, index(k, ": ") + 2)
					sub(/[ ,].*/, "", k); c[k]++
				} END { for (k in c) printf "    %8d  %s\n", c[k], k }' | sort -rn | head -n 8
			echo "  first differences:"
			paste -d "$sep" "$OUT/tcpdump-$n.txt" "$OUT/print-$n.txt" |
				awk -F "$sep" '$1 != $2 { print "    tcpdump: " $1; print "    print:   " $2; if (++k == 3) exit }'
		fi
		rm -f "$OUT/tcpdump-$n.txt" "$OUT/print-$n.txt"
	fi
done
# ---- BENCH_FLOWS=1: memory stays bounded with millions of distinct flows ----
if [ "${BENCH_FLOWS:-0}" = 1 ] && [ "$HAVE_ANALYZE" = 1 ]; then
	n=${BENCH_FLOWS_PACKETS:-5000000}
	nc=${BENCH_FLOWS_CLIENTS:-4000000}
	f="$OUT/flows-$n-$nc.pcap"
	if [ ! -f "$f" ] || newer "$NTGEN" "$f"; then
		echo "bench: generating $f"
		"$NTGEN" mix "$f" --packets "$n" --seed 1 --clients "$nc" || die "ntgen failed"
	fi
	PKTS=$n
	BYTES=$(wc -c <"$f" | tr -d ' ')
	cat "$f" >/dev/null
	echo
	echo "== many flows: mix of $n packets drawn from $nc distinct clients, $BYTES bytes"
	printf "  %-32s %8s %8s %11s %11s %8s %8s\n" "" "wall s" "cpu s" "pkt/s" "pkt/cpu-s" "MB/s" "RSS MiB"
	reps=${BENCH_REPS:-3}
	measure flows "$reps" "$BIN" analyze --format json "$f"
	report "nettriage analyze --format json"
	"$BIN" analyze --format json "$f" >"$OUT/flows.json" 2>/dev/null
	echo "  tables (capacity, peak, inserted, evicted) from the report:"
	sed -n 's/^ *"tables": {\(.*\)},*$/\1/p' "$OUT/flows.json" | tr -d '"{' | sed 's/}, */\n/g; s/}//g' |
		sed 's/^/    /'
	sed -n 's/^ *"evictions": {\(.*\)},*$/  evictions: \1/p' "$OUT/flows.json" | tr -d '"'
fi
rm -f "$OUT/probe.pcap" "$OUT/times.txt"
