#!/bin/sh
# End-to-end tests: runs every tests/e2e/t_*.sh with BIN (the nettriage
# binary), TOOLS (build/tools), DATA (tests/data) and SHARED (../shared)
# set.  Each script exits 0 on success; its output is shown on failure.
# Ends with the plain "N passed, N failed" line.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
export BIN="$PWD/$BUILD/nettriage" TOOLS="$PWD/$BUILD/tools" DATA="$PWD/tests/data"
export SHARED="${NT_SHARED:-$PWD/../shared}" TZ=UTC
pass=0 fail=0
tmp=$(mktemp -d)
for t in tests/e2e/t_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	export WORK="$tmp/$name"
	mkdir -p "$WORK"
	if sh "$t" >"$tmp/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "e2e: ok   $name"
	else
		fail=$((fail + 1))
		echo "e2e: FAIL $name"
		sed 's/^/    /' "$tmp/$name.log" | tail -n 40
	fi
done
rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
