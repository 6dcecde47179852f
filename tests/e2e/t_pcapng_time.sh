#!/bin/sh
# \summary: e2e: pcapng interfaces with extreme if_tsoffset / if_tsresol
# (issue 17): the hand-made files of fuzz/regress/pcapng/ are what
# fuzz/regress/mkpcapng.py writes, and print shows their packets with no
# stray bytes (and, under the sanitizer build, no runtime error).
. "$(dirname "$0")/lib.sh"
R="$PWD/fuzz/regress/pcapng"
command -v python3 >/dev/null || fail "python3 is needed"
python3 fuzz/regress/mkpcapng.py "$WORK/gen" || fail "mkpcapng.py exited $?"
for f in "$WORK"/gen/*; do
	cmp -s "$f" "$R/$(basename "$f")" || fail "fuzz/regress/pcapng/$(basename "$f") differs from what mkpcapng.py writes"
done

Q='IP 10.0.0.1.1024 > 10.0.0.2.domain: 4660+ A? a.example. (27)'

# Seconds == INT64_MIN (if_tsoffset INT64_MIN, time stamp 0) was the
# printer's "nothing cached" marker: the default format printed
# tm_cache_len - 11 bytes from the stack.  The time cannot be converted.
# (The reader now clamps it to 1823 (below); the printer's own test with
# INT64_MIN seconds: test_time_cache_int64_min, tests/unit/test_print_tcp.c.)
for t in "" -tttt; do
	"$BIN" print $t "$R/tsoffset-int64-min-1" >"$WORK/min.out" 2>"$WORK/min.err" || fail "print $t exited $?"
	printf '%s\n' "[Error converting time] $Q" >"$WORK/min.exp"
	cmp -s "$WORK/min.out" "$WORK/min.exp" || { od -c "$WORK/min.out" | head -20; fail "print $t of tsoffset-int64-min-1"; }
	[ -s "$WORK/min.err" ] && { cat "$WORK/min.err"; fail "print $t wrote to stderr"; }
done

# if_tsoffset added to seconds up to 2^64 - 1 (if_tsresol 0) was a signed
# overflow (UBSan: runtime error); now clamped to +-4611686017 s
# (2116-02-20 23:53:37, core/time.h; the exact values:
# tests/unit/test_pcapfile.c).  The deltas of -ttt / -ttttt between
# times saturated at both ends of int64 overflowed too.
E='[Error converting time]'
printf '%s\n' "23:53:37.000000 $Q" "23:53:37.000000 $Q" "23:53:37.551615 $Q" "$E $Q" "$E $Q" \
	"00:00:02.000000 $Q" >"$WORK/ovf.exp"
printf '%s\n' " 00:00:00.000000 $Q" " 00:00:00.000000 $Q" " 00:00:00.551615 $Q" \
	"-23:47:14.551615 $Q" " 23:53:35.000000 $Q" " 00:00:04.000000 $Q" >"$WORK/ovf-ttt.exp"
printf '%s\n' " 00:00:00.000000 $Q" " 00:00:00.000000 $Q" " 00:00:00.551615 $Q" \
	"-23:47:14.000000 $Q" "-23:53:39.000000 $Q" "-23:53:35.000000 $Q" >"$WORK/ovf-ttttt.exp"
for t in "" -ttt -ttttt; do
	"$BIN" print $t "$R/tsoffset-overflow-1" >"$WORK/ovf.out" 2>"$WORK/ovf.err" || { rc=$?; cat "$WORK/ovf.err"; fail "print $t tsoffset-overflow-1 exited $rc"; }
	[ -s "$WORK/ovf.err" ] && { cat "$WORK/ovf.err"; fail "print $t tsoffset-overflow-1 wrote to stderr"; }
	cmp -s "$WORK/ovf.out" "$WORK/ovf${t:+-}${t#-}.exp" || { diff "$WORK/ovf${t:+-}${t#-}.exp" "$WORK/ovf.out"; fail "print $t of tsoffset-overflow-1"; }
done
for fmt in text md json jsonl html; do
	"$BIN" analyze --format $fmt "$R/tsoffset-overflow-1" >"$WORK/ovf.$fmt" 2>"$WORK/ovf.err" || { rc=$?; cat "$WORK/ovf.err"; fail "analyze --format $fmt tsoffset-overflow-1 exited $rc"; }
	expect_nogrep 'runtime error' "$WORK/ovf.err" "analyze --format $fmt tsoffset-overflow-1"
done

# The HTML time axis of a capture spanning 1970..2106 (136 years; ticks at
# span * k / 5 overflowed int64 nanoseconds past ~58 years).  2^32 s of
# 2^24 s buckets: the ticks are k * 2^32 / 5 s, shown as the time of day.
"$BIN" analyze --format html "$R/time-axis-span-1" >"$WORK/span.html" 2>"$WORK/span.err" || { rc=$?; cat "$WORK/span.err"; fail "analyze --format html time-axis-span-1 exited $rc"; }
expect_nogrep 'runtime error' "$WORK/span.err" "analyze --format html time-axis-span-1"
grep -o '<text x="[0-9.]*" y="[0-9]*" text-anchor="[a-z]*">[0-9:]*</text>' "$WORK/span.html" | head -n 6 |
	sed 's/.*x="\([0-9.]*\)".*>\([0-9:]*\)<.*/\1 \2/' >"$WORK/span.ticks"
printf '%s\n' "46.0 00:00:00" "226.0 01:17:39" "406.0 02:35:18" "586.0 03:52:57" "766.0 05:10:36" \
	"946.0 06:28:16" >"$WORK/span.exp"
cmp -s "$WORK/span.ticks" "$WORK/span.exp" || { diff "$WORK/span.exp" "$WORK/span.ticks"; fail "time axis ticks of time-axis-span-1"; }
expect_grep 'Bucket width 4660 h 20 min' "$WORK/span.html" "bucket width of time-axis-span-1"

# Both ends of the kept range in one capture: every analyze format and
# print format runs clean; the HTML axis spans 1823-11-12 00:06:23 to
# past 2116-02-20 (its last bucket ends more than 2^63 - 1 ns after t0).
for fmt in text md json jsonl html; do
	"$BIN" analyze --format $fmt "$R/time-extremes-1" >"$WORK/ext.$fmt" 2>"$WORK/ext.err" || { rc=$?; cat "$WORK/ext.err"; fail "analyze --format $fmt time-extremes-1 exited $rc"; }
	expect_nogrep 'runtime error' "$WORK/ext.err" "analyze --format $fmt time-extremes-1"
done
for t in "" -t -tt -ttt -tttt -ttttt; do
	"$BIN" print $t "$R/time-extremes-1" >/dev/null 2>"$WORK/ext.err" || { rc=$?; cat "$WORK/ext.err"; fail "print $t time-extremes-1 exited $rc"; }
	[ -s "$WORK/ext.err" ] && { cat "$WORK/ext.err"; fail "print $t time-extremes-1 wrote to stderr"; }
done
grep -o '<text x="[0-9.]*" y="[0-9]*" text-anchor="[a-z]*">[0-9:]*</text>' "$WORK/ext.html" | head -n 6 |
	sed 's/.*x="\([0-9.]*\)".*>\([0-9:]*\)<.*/\1 \2/' >"$WORK/ext.ticks"
printf '%s\n' "46.0 00:06:23" "226.0 21:15:43" "406.0 18:25:03" "586.0 15:34:23" "766.0 12:43:43" \
	"946.0 09:53:03" >"$WORK/ext.exp"
cmp -s "$WORK/ext.ticks" "$WORK/ext.exp" || { diff "$WORK/ext.exp" "$WORK/ext.ticks"; fail "time axis ticks of time-extremes-1"; }
exit 0
