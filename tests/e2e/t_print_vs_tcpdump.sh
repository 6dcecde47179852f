# print == tcpdump on the project's own generated captures (tests/data),
# with several flag sets.  Expected output comes from the real tcpdump,
# run here; skipped (with a note) where tcpdump is not installed.
. "$(dirname "$0")/lib.sh"
command -v tcpdump >/dev/null || { echo "tcpdump not installed: skipped"; exit 0; }
n=0
for f in "$DATA"/yummyrecipes.pcap "$DATA"/scenarios/*.pcap; do
	[ -f "$f" ] || continue
	for flags in "-n" "-n -v" "-n -vv" "-n -vvv" "-n -e" "-n -q" "-n -tt" "-n -ttt" "-nn -#"; do
		# shellcheck disable=SC2086
		tcpdump -r "$f" $flags > "$WORK/want" 2>/dev/null || fail "tcpdump failed on $f"
		# shellcheck disable=SC2086
		"$BIN" print $flags "$f" > "$WORK/got" || fail "print failed on $f ($flags)"
		if ! cmp -s "$WORK/want" "$WORK/got"; then
			diff "$WORK/want" "$WORK/got" | head -n 10
			fail "$(basename "$f") with '$flags' differs from tcpdump"
		fi
		n=$((n + 1))
	done
done
[ "$n" -gt 0 ] || fail "no generated captures found in $DATA"
echo "$n file/flag combinations identical to tcpdump"
