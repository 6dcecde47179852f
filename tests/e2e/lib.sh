# Helpers for e2e scripts: . "$(dirname "$0")/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }
# expect_eq ACTUAL EXPECTED WHAT
expect_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
# expect_grep PATTERN FILE WHAT
expect_grep() { grep -q -- "$1" "$2" || { echo "--- $2:"; head -n 50 "$2"; fail "$3: no line matching '$1'"; }; }
expect_nogrep() { ! grep -q -- "$1" "$2" || { grep -n -- "$1" "$2" | head; fail "$3: unexpected '$1'"; }; }

# scapy_python: PY = a python3 that imports scapy (the PATH one, else
# Debian's /usr/bin/python3, where python3-scapy installs), or fail.
scapy_python() {
	PY=""
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import scapy.all' >/dev/null 2>&1; then
			PY=$p
			return 0
		fi
	done
	fail "python3 with scapy is needed (tools/scripts/deps.sh installs python3-scapy)"
}
# cmp_tcpdump FILE FLAGS...: print FLAGS FILE is byte-identical to the
# installed tcpdump's output (which must not be empty); adds its lines to n.
cmp_tcpdump() {
	f=$1
	shift
	TZ=UTC tcpdump -r "$f" "$@" >"$WORK/want" 2>/dev/null || fail "tcpdump $* failed on $f"
	TZ=UTC "$BIN" print "$@" "$f" >"$WORK/got" || fail "print $* failed on $f"
	if ! cmp -s "$WORK/want" "$WORK/got"; then
		diff "$WORK/want" "$WORK/got" | head -n 20
		fail "$(basename "$f") with '$*' differs from tcpdump"
	fi
	[ -s "$WORK/want" ] || fail "tcpdump printed nothing for $f"
	n=$((n + $(wc -l <"$WORK/want")))
}
