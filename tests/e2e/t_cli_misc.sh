# \summary: what a command-line tool is expected to have: --version/-V,
# --help of every command, usage errors that say what to do (exit 2),
# make install/uninstall, the man page rendering without warnings, the
# bash completion (syntax and a smoke test), NO_COLOR, and the progress
# bar of a long analysis (only on a terminal).
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}

# --version and -V
v=$("$BIN" --version) || fail "--version exit status"
echo "$v" | grep -Eq '^nettriage [0-9]+\.[0-9]+\.[0-9]+' || fail "--version prints '$v'"
expect_eq "$("$BIN" -V)" "$v" "-V"

# help: the command list, and --help of each command
"$BIN" --help >"$WORK/help" || fail "--help exit status"
for c in print analyze explain watch; do
	expect_grep "^  $c " "$WORK/help" "command list names $c"
	"$BIN" "$c" --help >"$WORK/help.$c" 2>&1 || fail "$c --help exit status"
	expect_grep "^usage: nettriage $c" "$WORK/help.$c" "$c --help"
	"$BIN" "$c" -h >"$WORK/h.$c" 2>&1 || fail "$c -h exit status"
	cmp -s "$WORK/help.$c" "$WORK/h.$c" || fail "$c -h differs from --help"
done
expect_grep '--duration' "$WORK/help.watch" "watch --help names --duration"
expect_grep 'CAP_NET_RAW' "$WORK/help.watch" "watch --help says it needs privileges"
expect_grep '-S ' "$WORK/help.print" "print --help names -S"

# usage errors: exit 2 and a message that says what to do
"$BIN" >/dev/null 2>"$WORK/noargs"; expect_eq "$?" 2 "no command"
expect_grep 'usage: nettriage' "$WORK/noargs" "no command prints the usage"
"$BIN" frobnicate >/dev/null 2>"$WORK/unk"; expect_eq "$?" 2 "unknown command"
expect_grep "unknown command 'frobnicate'" "$WORK/unk" "unknown command named"
expect_grep "nettriage --help" "$WORK/unk" "unknown command points at --help"
for c in print analyze explain watch; do
	"$BIN" "$c" --frobnicate >/dev/null 2>"$WORK/opt.$c"; expect_eq "$?" 2 "$c unknown option"
	expect_grep "$c: unknown option '--frobnicate'" "$WORK/opt.$c" "$c names the bad option"
	expect_grep "^usage: nettriage $c" "$WORK/opt.$c" "$c shows its usage"
done
"$BIN" watch >/dev/null 2>"$WORK/noif"; expect_eq "$?" 2 "watch without -i"
expect_grep 'name one with -i IFACE' "$WORK/noif" "watch without -i says what to do"
"$BIN" watch -i lo -c zero >/dev/null 2>&1; expect_eq "$?" 2 "watch -c zero"
"$BIN" watch -i lo --duration -1 >/dev/null 2>&1; expect_eq "$?" 2 "watch --duration -1"
"$BIN" watch -i lo --format xml >/dev/null 2>&1; expect_eq "$?" 2 "watch --format xml"
"$BIN" watch -i nettriage-no-such-if0 --duration 1 >/dev/null 2>"$WORK/nosuch"
expect_eq "$?" 3 "watch on a missing interface"
expect_grep 'nettriage-no-such-if0' "$WORK/nosuch" "missing interface named"

# make install / uninstall into $WORK
inst="$WORK/inst"
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$ROOT" BUILD="$BUILD" install PREFIX="$inst" \
	>"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "make install"; }
for f in bin/nettriage share/man/man1/nettriage.1 share/bash-completion/completions/nettriage; do
	[ -f "$inst/$f" ] || fail "make install did not install $f"
done
[ -x "$inst/bin/nettriage" ] || fail "installed binary not executable"
expect_eq "$("$inst/bin/nettriage" --version)" "$v" "installed binary --version"
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$ROOT" BUILD="$BUILD" install PREFIX=/usr \
	DESTDIR="$WORK/dest" >/dev/null 2>&1 || fail "make install DESTDIR"
[ -f "$WORK/dest/usr/bin/nettriage" ] || fail "DESTDIR not honoured"
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$ROOT" BUILD="$BUILD" uninstall PREFIX="$inst" \
	>/dev/null 2>&1 || fail "make uninstall"
[ -z "$(find "$inst" -type f)" ] || fail "make uninstall left $(find "$inst" -type f)"

# the man page renders without warnings
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww "$ROOT/docs/nettriage.1" >"$WORK/man.txt" 2>"$WORK/man.err" ||
		fail "groff failed"
	[ ! -s "$WORK/man.err" ] || { cat "$WORK/man.err"; fail "man page warnings"; }
	sed 's/.\x08//g' "$WORK/man.txt" >"$WORK/man.plain"
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
		expect_grep "^$s" "$WORK/man.plain" "man page section $s"
	done
	for w in NO_COLOR TZ 'tcpdump(1)' '--duration' '--list-thresholds'; do
		expect_grep "$w" "$WORK/man.plain" "man page mentions $w"
	done
else
	echo "groff not installed: man page rendering not checked"
fi

# bash completion: syntax, then the completion function itself
COMP="$ROOT/contrib/bash-completion/nettriage"
if command -v bash >/dev/null 2>&1; then
	bash -n "$COMP" || fail "completion script syntax"
	mkdir -p "$WORK/cdir" && : >"$WORK/cdir/a.pcap" && : >"$WORK/cdir/b.pcapng" &&
		: >"$WORK/cdir/c.log" && : >"$WORK/cdir/d.bin"
	out=$(cd "$WORK/cdir" && PATH="$(dirname "$BIN"):$PATH" bash -c '
		. "$1"
		c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
		      _nettriage; echo "${COMPREPLY[*]}"; }
		c nettriage pr
		c nettriage watch --dur
		c nettriage watch --format j
		c nettriage analyze ""
		c nettriage print ""
		c nettriage watch -i l
		c nettriage analyze --set dns.time' _ "$COMP") || fail "completion function failed"
	echo "$out" >"$WORK/comp"
	expect_eq "$(sed -n 1p "$WORK/comp")" "print" "completion of 'nettriage pr'"
	expect_eq "$(sed -n 2p "$WORK/comp")" "--duration" "completion of watch --dur"
	expect_eq "$(sed -n 3p "$WORK/comp")" "json jsonl" "completion of watch --format j"
	expect_eq "$(sed -n 4p "$WORK/comp" | tr ' ' '\n' | sort | tr '\n' ' ')" "a.pcap b.pcapng c.log " \
		"analyze completes captures and logs"
	expect_eq "$(sed -n 5p "$WORK/comp" | tr ' ' '\n' | sort | tr '\n' ' ')" "a.pcap b.pcapng " \
		"print completes captures"
	if [ -e /sys/class/net/lo ]; then
		expect_eq "$(sed -n 6p "$WORK/comp")" "lo" "watch -i completes interfaces"
	fi
	expect_eq "$(sed -n 7p "$WORK/comp")" "dns.timeout=" "--set completes threshold names"
fi

# NO_COLOR, and the progress bar, need a terminal: script(1) gives one
if command -v script >/dev/null 2>&1 && [ -d "$TOOLS" ] && [ -x "$TOOLS/ntgen" ]; then
	p="$WORK/tcp.pcap"; "$TOOLS/ntgen" tcp-refused "$p" >/dev/null || fail ntgen
	script -qec "\"$BIN\" analyze \"$p\"" /dev/null >"$WORK/tty.color" 2>&1 </dev/null
	grep -q "$(printf '\033')\[" "$WORK/tty.color" || fail "no colour on a terminal"
	NO_COLOR=1 script -qec "\"$BIN\" analyze \"$p\"" /dev/null >"$WORK/tty.nocolor" 2>&1 </dev/null
	! grep -q "$(printf '\033')" "$WORK/tty.nocolor" || fail "colour despite NO_COLOR"
	expect_grep 'nettriage analysis' "$WORK/tty.nocolor" "report on a terminal"
	# progress bar: a capture over 50 MiB, on a terminal only, erased at the end
	big="$WORK/big.pcap"
	"$TOOLS/ntgen" mix "$big" --packets 240000 >/dev/null || fail "ntgen big"
	size=$(wc -c <"$big")
	[ "$size" -gt 52428800 ] || fail "big capture is only $size bytes"
	script -qec "\"$BIN\" analyze --format json -o \"$WORK/big.json\" \"$big\"" /dev/null \
		>"$WORK/tty.progress" 2>&1 </dev/null || fail "analyze of the big capture on a terminal"
	expect_grep 'analyzing \[' "$WORK/tty.progress" "progress bar on a terminal"
	# erased: the output ends with the bar overwritten by blanks
	python3 -c '
import sys; d = open(sys.argv[1], "rb").read().rstrip(b"\r\n")
sys.exit(0 if d.endswith(b"\r" + b" " * 60) else 1)' "$WORK/tty.progress" ||
		fail "progress bar not erased"
	"$BIN" analyze --format json -o "$WORK/big2.json" "$big" 2>"$WORK/notty.err" ||
		fail "analyze of the big capture"
	[ ! -s "$WORK/notty.err" ] || fail "progress bar written when stderr is not a terminal"
	rm -f "$big"
else
	echo "script(1) or ntgen missing: terminal checks skipped"
fi
# explain lists the formats it takes (from the format table) for the completion
"$BIN" explain --list-formats >"$WORK/xf.out" || fail "explain --list-formats"
expect_eq "$(cat "$WORK/xf.out")" "text md json" "explain --list-formats"

# a report that cannot be written is an error with the reason, for every
# format and command (ENOSPC from /dev/full), never a silent exit 0
P="$DATA/yummyrecipes.pcap"
for fmt in text md json jsonl html; do
	"$BIN" analyze --format $fmt "$P" >/dev/full 2>"$WORK/full.err"
	expect_eq "$?" 4 "analyze --format $fmt > /dev/full exit status"
	expect_grep "analyze: cannot write the report to standard output: No space left on device" \
		"$WORK/full.err" "analyze --format $fmt > /dev/full message"
done
"$BIN" analyze -o /dev/full "$P" >/dev/null 2>"$WORK/full.err"
expect_eq "$?" 4 "analyze -o /dev/full exit status"
expect_grep "cannot write the report to '/dev/full': No space left on device" "$WORK/full.err" \
	"analyze -o /dev/full message"
"$BIN" print -n "$P" >/dev/full 2>"$WORK/full.err"
expect_eq "$?" 4 "print > /dev/full exit status"
expect_grep "print: cannot write to standard output: No space left on device" "$WORK/full.err" \
	"print > /dev/full message"
"$BIN" explain "12:00:00.000000 IP 1.2.3.4.53 > 5.6.7.8.1234: 1 0/0/0 (12)" >/dev/full \
	2>"$WORK/full.err"
expect_eq "$?" 4 "explain > /dev/full exit status"
expect_grep "explain: cannot write to standard output" "$WORK/full.err" "explain > /dev/full message"

# an output that is one of the inputs is refused before anything is written
cp "$P" "$WORK/in.pcap"
"$BIN" analyze -o "$WORK/in.pcap" "$WORK/in.pcap" >/dev/null 2>"$WORK/same.err"
expect_eq "$?" 2 "analyze -o INPUT INPUT exit status"
expect_grep "-o '$WORK/in.pcap' is also an input" "$WORK/same.err" "output-is-input message"
cmp -s "$P" "$WORK/in.pcap" || fail "analyze -o overwrote its input"
ln -s "$WORK/in.pcap" "$WORK/in-link.pcap"
"$BIN" analyze -o "$WORK/in-link.pcap" "$P" "$WORK/in.pcap" >/dev/null 2>"$WORK/same.err"
expect_eq "$?" 2 "analyze -o through a link to an input"
cmp -s "$P" "$WORK/in.pcap" || fail "analyze -o through a link overwrote its input"
exit 0
