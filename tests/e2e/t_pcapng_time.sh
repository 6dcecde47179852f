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
for t in "" -tttt; do
	"$BIN" print $t "$R/tsoffset-int64-min-1" >"$WORK/min.out" 2>"$WORK/min.err" || fail "print $t exited $?"
	printf '%s\n' "[Error converting time] $Q" >"$WORK/min.exp"
	cmp -s "$WORK/min.out" "$WORK/min.exp" || { od -c "$WORK/min.out" | head -20; fail "print $t of tsoffset-int64-min-1"; }
	[ -s "$WORK/min.err" ] && { cat "$WORK/min.err"; fail "print $t wrote to stderr"; }
done
exit 0
