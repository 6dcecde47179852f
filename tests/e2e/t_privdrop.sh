# \summary: live capture gives up root: `print -i lo` and `watch -i lo`
# started as root run as nobody (uid and gid from /proc/PID/status, no
# supplementary group, no capability) once they print tcpdump's
# "listening on" line, before any packet; -Z root keeps root; an unknown
# -Z user is refused; output files are not written as root into a
# directory others can write to without the sticky bit, or that belongs to
# another user, nor through a symbolic link planted in a sticky directory.
# Bounded: a few loopback datagrams, 10 s per capture at most.  Skipped
# unless root, lo, python3 and the user nobody exist.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "not root: skipped"; exit 0; }
[ -e /sys/class/net/lo ] || { echo "no loopback interface: skipped"; exit 0; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 0; }
nuid=$(id -u nobody 2>/dev/null) || { echo "no user nobody: skipped"; exit 0; }
ngid=$(id -g nobody)
port=50931
send() {
	python3 - "$port" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[2])):
    s.sendto(b"nettriage-privdrop-%d" % i, ("127.0.0.1", int(sys.argv[1])))
    time.sleep(0.05)
PY
}
# wait_listening ERRFILE PID: until the capture announces itself (5 s)
wait_listening() {
	n=0
	while ! grep -q "listening on lo" "$1" 2>/dev/null; do
		n=$((n + 1))
		if [ "$n" -gt 50 ] || ! kill -0 "$2" 2>/dev/null; then
			kill "$2" 2>/dev/null
			cat "$1"
			fail "no 'listening on' line within 5 s"
		fi
		sleep 0.1
	done
}
# wait_exit PID: its exit status; kills it after 10 s
wait_exit() {
	n=0
	while kill -0 "$1" 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -le 100 ] || { kill "$1"; fail "still running after 10 s"; }
		sleep 0.1
	done
	wait "$1"
}
# check_creds PID UID GID: real, effective, saved and fs ids; no groups or capabilities
check_creds() {
	st=/proc/$1/status
	grep -E '^(Uid|Gid|Groups|CapEff|CapPrm):' "$st" > "$WORK/creds.$1" || fail "no $st"
	expect_grep "^Uid:	$2	$2	$2	$2\$" "$WORK/creds.$1" "uids of pid $1"
	expect_grep "^Gid:	$3	$3	$3	$3\$" "$WORK/creds.$1" "gids of pid $1"
	if [ "$2" -ne 0 ]; then
		! grep -Eq '^Groups:.*(^|[[:space:]])0([[:space:]]|$)' "$WORK/creds.$1" ||
			fail "pid $1 still in group root"
		expect_grep "^CapEff:	0*\$" "$WORK/creds.$1" "no effective capability"
		expect_grep "^CapPrm:	0*\$" "$WORK/creds.$1" "no permitted capability"
	fi
}

# print -i: the default user is nobody; the -w file is opened before
mkdir -m 700 "$WORK/out"
"$BIN" print -n -i lo -c 2 -w "$WORK/out/p.pcap" "udp port $port" > "$WORK/p.out" 2> "$WORK/p.err" &
pid=$!
wait_listening "$WORK/p.err" "$pid"
expect_grep "^nettriage: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes\$" \
	"$WORK/p.err" "tcpdump's listening line"
check_creds "$pid" "$nuid" "$ngid"
send 4
wait_exit "$pid"
expect_eq "$?" 0 "exit status of print -i as nobody"
expect_eq "$(wc -l < "$WORK/p.out" | tr -d ' ')" 2 "packets printed"
"$BIN" print -n "$WORK/out/p.pcap" > "$WORK/p.saved" || fail "reading the -w file"
cmp -s "$WORK/p.out" "$WORK/p.saved" || fail "-w file differs from the printed lines"

# watch -i with -o: as nobody too; the report is written through the file opened as root
"$BIN" watch -i lo -c 3 --duration 10 -o "$WORK/out/w.json" --format json "udp port $port" \
	> "$WORK/w.out" 2> "$WORK/w.err" &
pid=$!
wait_listening "$WORK/w.err" "$pid"
check_creds "$pid" "$nuid" "$ngid"
send 5
wait_exit "$pid"
expect_eq "$?" 0 "exit status of watch -i as nobody"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["capture"]["packets"] == 3, d["capture"]
' "$WORK/out/w.json" || fail "watch report"

# -Z root keeps root, as tcpdump's
"$BIN" print -n -i lo -Z root -c 1 "udp port $port" > /dev/null 2> "$WORK/r.err" &
pid=$!
wait_listening "$WORK/r.err" "$pid"
check_creds "$pid" 0 0
send 2
wait_exit "$pid" || fail "print -Z root"

# an unknown user
"$BIN" print -i lo -Z nt-no-such-user -c 1 > /dev/null 2> "$WORK/z.err"
expect_eq "$?" 2 "exit status for an unknown -Z user"
expect_grep "no user 'nt-no-such-user'" "$WORK/z.err" "unknown user message"

# output files in directories others could tamper with
d=$(mktemp -d) && chmod 0777 "$d"
"$BIN" print -i lo -c 1 -w "$d/x.pcap" > /dev/null 2> "$WORK/ww.err"
expect_eq "$?" 3 "exit status for -w into a world-writable directory"
expect_grep "refusing to write '$d/x.pcap' as root: directory '$d' (mode 0777) is writable by other users and has no sticky bit" \
	"$WORK/ww.err" "world-writable refusal"
expect_grep "setcap cap_net_raw,cap_net_admin=eip" "$WORK/ww.err" "the message says what to do"
[ ! -e "$d/x.pcap" ] || fail "file created in the world-writable directory"
"$BIN" watch -i lo -c 1 -o "$d/r.json" > /dev/null 2> "$WORK/wo.err"
expect_eq "$?" 4 "exit status for watch -o into a world-writable directory"
expect_grep "refusing to write" "$WORK/wo.err" "watch -o refusal"
# sticky (as /tmp): accepted, but not through a link someone planted
chmod 1777 "$d"
ln -s "$WORK/victim" "$d/link.pcap"
"$BIN" print -i lo -c 1 -w "$d/link.pcap" > /dev/null 2> "$WORK/ln.err"
expect_eq "$?" 3 "exit status for -w through a symbolic link in a sticky directory"
expect_grep "is a symbolic link" "$WORK/ln.err" "symbolic link refusal"
[ ! -e "$WORK/victim" ] || fail "the link was followed"
"$BIN" print -n -i lo -c 1 -w "$d/ok.pcap" "udp port $port" > /dev/null 2> "$WORK/st.err" &
pid=$!
wait_listening "$WORK/st.err" "$pid"
send 2
wait_exit "$pid" || { cat "$WORK/st.err"; fail "-w into a sticky directory"; }
[ -s "$d/ok.pcap" ] || fail "nothing written into the sticky directory"
# a directory that belongs to another user
mkdir -m 755 "$d/theirs" && chown nobody "$d/theirs"
"$BIN" print -i lo -c 1 -w "$d/theirs/x.pcap" > /dev/null 2> "$WORK/own.err"
expect_eq "$?" 3 "exit status for -w into another user's directory"
expect_grep "belongs to nobody" "$WORK/own.err" "another user's directory"
rm -rf "$d"

# analyze -o as root: the whole path is walked (every directory, every link)
P="$DATA/yummyrecipes.pcap"
e=$(mktemp -d) && chmod 755 "$e" && mkdir -m 700 "$e/real"
# a directory further up that belongs to another user
mkdir -m 755 "$e/theirs" && mkdir -m 755 "$e/theirs/sub" && chown nobody "$e/theirs"
"$BIN" analyze -o "$e/theirs/sub/r.txt" "$P" > /dev/null 2> "$WORK/a1.err"
expect_eq "$?" 4 "exit status for analyze -o under another user's directory"
expect_grep "refusing to write '$e/theirs/sub/r.txt' as root: directory '$e/theirs' belongs to nobody" \
	"$WORK/a1.err" "a non-immediate parent of another user's is refused"
[ ! -e "$e/theirs/sub/r.txt" ] || fail "report written under another user's directory"
# a symbolic link to a directory, owned by another user
ln -s "$e/real" "$e/via" && chown -h nobody "$e/via"
"$BIN" analyze -o "$e/via/r.txt" "$P" > /dev/null 2> "$WORK/a2.err"
expect_eq "$?" 4 "exit status for analyze -o through another user's link"
expect_grep "path component '$e/via' is a symbolic link owned by nobody" "$WORK/a2.err" \
	"a link owned by another user is not followed"
[ ! -e "$e/real/r.txt" ] || fail "report written through another user's link"
# root's own link to root's directory is followed (as /var/run -> /run)
ln -s real "$e/rootlink"
"$BIN" analyze -o "$e/rootlink/r.txt" "$P" > /dev/null 2> "$WORK/a3.err" ||
	{ cat "$WORK/a3.err"; fail "analyze -o through root's own link"; }
expect_grep "DNS service on 203.0.113.2 is unreachable" "$e/real/r.txt" "report written through root's link"
# a world-writable directory: analyze is protected like print -w and watch -o
mkdir -m 777 "$e/open" && chmod 777 "$e/open"
"$BIN" analyze -o "$e/open/r.txt" "$P" > /dev/null 2> "$WORK/a4.err"
expect_eq "$?" 4 "exit status for analyze -o into a world-writable directory"
expect_grep "directory '$e/open' (mode 0777) is writable by other users" "$WORK/a4.err" "analyze -o refusal"
# sticky shared directory: a file another user made first, or a hard link to
# a file of root's, is neither truncated nor written
mkdir -m 1777 "$e/tmp" && chmod 1777 "$e/tmp"
echo keep > "$e/tmp/theirs.txt" && chown nobody "$e/tmp/theirs.txt"
"$BIN" analyze -o "$e/tmp/theirs.txt" "$P" > /dev/null 2> "$WORK/a5.err"
expect_eq "$?" 4 "exit status for analyze -o onto another user's file"
expect_grep "already exists and belongs to nobody" "$WORK/a5.err" "another user's file refused"
expect_eq "$(cat "$e/tmp/theirs.txt")" keep "another user's file left as it was"
echo secret > "$e/real/root.txt" && ln "$e/real/root.txt" "$e/tmp/hard.txt"
"$BIN" analyze -o "$e/tmp/hard.txt" "$P" > /dev/null 2> "$WORK/a6.err"
expect_eq "$?" 4 "exit status for analyze -o onto a hard link in a sticky directory"
expect_grep "is not a plain file with one name" "$WORK/a6.err" "hard link refused"
expect_eq "$(cat "$e/real/root.txt")" secret "the linked file left as it was"
"$BIN" analyze -o "$e/tmp/new.txt" "$P" > /dev/null 2> "$WORK/a7.err" ||
	{ cat "$WORK/a7.err"; fail "analyze -o into a sticky directory"; }
[ -s "$e/tmp/new.txt" ] || fail "nothing written into the sticky directory"
# run through sudo: the caller's own directory is trusted like root's
SUDO_UID=$nuid "$BIN" analyze -o "$e/theirs/sub/r.txt" "$P" > /dev/null 2> "$WORK/a9.err" ||
	{ cat "$WORK/a9.err"; fail "analyze -o into the sudo caller's directory"; }
[ -s "$e/theirs/sub/r.txt" ] || fail "nothing written into the sudo caller's directory"
rm -rf "$e"

# without root: a copy of the binary given the capture capabilities with
# setcap, run as nobody, captures and then holds no capability
if command -v setcap >/dev/null && command -v setpriv >/dev/null; then
	c=$(mktemp -d) && chmod 755 "$c" && cp "$BIN" "$c/nettriage"
	if setcap cap_net_raw,cap_net_admin=eip "$c/nettriage" 2>/dev/null; then
		setpriv --reuid="$nuid" --regid="$ngid" --clear-groups "$c/nettriage" print -n -i lo -c 1 \
			"udp port $port" > "$WORK/cap.out" 2> "$WORK/cap.err" &
		pid=$!
		wait_listening "$WORK/cap.err" "$pid"
		check_creds "$pid" "$nuid" "$ngid"
		send 2
		wait_exit "$pid" || { cat "$WORK/cap.err"; fail "print -i with file capabilities"; }
		expect_grep "127.0.0.1.[0-9]* > 127.0.0.1.$port: UDP" "$WORK/cap.out" \
			"packet captured with file capabilities"
	else
		echo "setcap not supported here: file capability case skipped"
	fi
	rm -rf "$c"
fi
exit 0
