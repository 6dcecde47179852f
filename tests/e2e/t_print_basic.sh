#!/bin/sh
# \summary: e2e: `nettriage print` of the flagship capture: exact lines (with
# and without -n, against the analyst's log and, when installed, tcpdump),
# stdin, -r, -c N and a BPF filter.
. "$(dirname "$0")/lib.sh"
F="$DATA/yummyrecipes.pcap"
[ -f "$F" ] || fail "missing $F"

cat >"$WORK/expect-n.txt" <<'X'
13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)
13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254
13:26:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)
13:27:15.934126 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 320
13:28:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)
13:28:50.022967 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 150
X
sed -e 's/\.53:/.domain:/' -e 's/udp port 53 /udp port domain /' "$WORK/expect-n.txt" >"$WORK/expect.txt"

# -n: numbers everywhere
"$BIN" print -n "$F" >"$WORK/out-n.txt" 2>"$WORK/err.txt" || fail "print -n exited $?"
cmp -s "$WORK/out-n.txt" "$WORK/expect-n.txt" || { diff "$WORK/expect-n.txt" "$WORK/out-n.txt"; fail "print -n lines"; }
[ -s "$WORK/err.txt" ] && { cat "$WORK/err.txt"; fail "print -n wrote to stderr"; }

# without -n: port names (.domain, udp port domain)
"$BIN" print "$F" >"$WORK/out.txt" || fail "print exited $?"
cmp -s "$WORK/out.txt" "$WORK/expect.txt" || { diff "$WORK/expect.txt" "$WORK/out.txt"; fail "print lines"; }
expect_grep '203\.0\.113\.2\.domain: 35084+ A? yummyrecipesforme\.com\. (24)$' "$WORK/out.txt" "port name"

# The analyst's log, unwrapped: the queries are identical; the ICMP lines
# differ only by the analyst's edits (udp port 53, no comma).
LOG="$SHARED/samples/yummyrecipes-dns-icmp.log"
if [ -f "$LOG" ]; then
	awk 'NF == 0 { next } { if (held != "") { print held " " $0; held = "" } else held = $0 }' "$LOG" >"$WORK/log.txt"
	sed -e 's/udp port domain unreachable, length/udp port 53 unreachable length/' "$WORK/out.txt" >"$WORK/out-as-log.txt"
	cmp -s "$WORK/log.txt" "$WORK/out-as-log.txt" || { diff "$WORK/log.txt" "$WORK/out-as-log.txt"; fail "log lines"; }
	grep '35084+' "$WORK/log.txt" >"$WORK/log-q.txt"
	grep '35084+' "$WORK/out.txt" >"$WORK/out-q.txt"
	cmp -s "$WORK/log-q.txt" "$WORK/out-q.txt" || fail "query lines differ from the log"
fi

# The real tcpdump, when installed, prints the same bytes.
if command -v tcpdump >/dev/null 2>&1; then
	TZ=UTC tcpdump -n -r "$F" >"$WORK/td-n.txt" 2>/dev/null
	cmp -s "$WORK/td-n.txt" "$WORK/out-n.txt" || { diff "$WORK/td-n.txt" "$WORK/out-n.txt"; fail "differs from tcpdump -n"; }
	TZ=UTC tcpdump -r "$F" >"$WORK/td.txt" 2>/dev/null
	cmp -s "$WORK/td.txt" "$WORK/out.txt" || { diff "$WORK/td.txt" "$WORK/out.txt"; fail "differs from tcpdump"; }
fi

# stdin, and -r
"$BIN" print -n - <"$F" >"$WORK/stdin.txt" || fail "print - exited $?"
cmp -s "$WORK/stdin.txt" "$WORK/expect-n.txt" || fail "print - (stdin) lines"
# shellcheck disable=SC2002 # a pipe on purpose: not seekable
cat "$F" | "$BIN" print -n - >"$WORK/pipe.txt" || fail "print - from a pipe exited $?"
cmp -s "$WORK/pipe.txt" "$WORK/expect-n.txt" || fail "print - (pipe) lines"
"$BIN" print -n -r "$F" >"$WORK/r.txt" || fail "print -r exited $?"
cmp -s "$WORK/r.txt" "$WORK/expect-n.txt" || fail "print -r lines"

# -c N
"$BIN" print -n -c 2 "$F" >"$WORK/c2.txt" || fail "print -c 2 exited $?"
head -n 2 "$WORK/expect-n.txt" | cmp -s - "$WORK/c2.txt" || fail "-c 2"
"$BIN" print -n -c 100 "$F" >"$WORK/c100.txt" || fail "print -c 100 exited $?"
cmp -s "$WORK/c100.txt" "$WORK/expect-n.txt" || fail "-c beyond the end"
"$BIN" print -n -c 0 "$F" >/dev/null 2>&1
expect_eq "$?" 2 "-c 0 is a usage error"

# BPF filters
"$BIN" print -n "$F" icmp >"$WORK/icmp.txt" || fail "filter icmp exited $?"
grep 'ICMP' "$WORK/expect-n.txt" | cmp -s - "$WORK/icmp.txt" || { cat "$WORK/icmp.txt"; fail "filter icmp"; }
"$BIN" print -n "$F" udp port 53 >"$WORK/udp.txt" || fail "filter 'udp port 53' exited $?"
grep 'A?' "$WORK/expect-n.txt" | cmp -s - "$WORK/udp.txt" || { cat "$WORK/udp.txt"; fail "filter udp port 53"; }
"$BIN" print -n -c 1 "$F" 'icmp' >"$WORK/icmp1.txt" || fail "-c 1 with filter exited $?"
grep 'ICMP' "$WORK/expect-n.txt" | head -n 1 | cmp -s - "$WORK/icmp1.txt" || fail "-c counts filtered packets"
"$BIN" print -n "$F" 'this is not bpf' >/dev/null 2>"$WORK/bad.txt"
expect_eq "$?" 2 "bad filter is a usage error"
[ -s "$WORK/bad.txt" ] || fail "bad filter: no message"
exit 0
