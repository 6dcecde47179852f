# \summary: `nettriage watch` on the loopback interface: bounded traffic
# (40 datagrams from a tiny python3 sender to 127.0.0.1:53, where nothing
# listens, so the kernel answers ICMP port unreachable), -c/--duration,
# the status lines, the one-line notice of a new finding, the JSON report
# (packet count, dns.server_unreachable for 127.0.0.1 udp/53), SIGINT, the
# outputs shared with analyze (--format jsonl on standard output with the
# view on standard error, jsonl to -o streamed while capturing, --format
# html, --output kafka:// to librdkafka's mock cluster), and the error
# without privileges.  DNS is recognised on port 53 only, so the
# traffic goes to port 53; the test is skipped when something listens on
# UDP port 53 of 127.0.0.1, when not root, or without lo or python3.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
	echo "skip: watch needs root (or CAP_NET_RAW) to capture on lo"
	exit 0
fi
if [ ! -e /sys/class/net/lo ] && ! ip link show lo >/dev/null 2>&1; then
	echo "skip: no loopback interface 'lo'"
	exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 missing"; exit 0; }
# something bound to UDP port 53 on 127.0.0.1 or on any address?
if python3 -c '
import sys
for f in ("/proc/net/udp",):
    for l in open(f).read().splitlines()[1:]:
        a, p = l.split()[1].split(":")
        if int(p, 16) == 53 and a in ("0100007F", "00000000"):
            sys.exit(0)
sys.exit(1)'; then
	echo "skip: something listens on 127.0.0.1 udp port 53"
	exit 0
fi

cat >"$WORK/send.py" <<'PY'
import socket, struct, sys, time
n = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(n):
    if i % 4 == 3:
        msg = b"not a DNS message %d" % i
    else:
        msg = struct.pack(">HHHHHH", 0x4000 + i, 0x0100, 1, 0, 0, 0)
        msg += b"\x03www\x07example\x04test\x00" + struct.pack(">HH", 1, 1)
    s.sendto(msg, ("127.0.0.1", 53))
    time.sleep(0.02)
PY

# waits for pid $1 at most $2 seconds; fails (killing it) if it is still running
wait_for() {
	n=0
	while kill -0 "$1" 2>/dev/null; do
		n=$((n + 1))
		if [ "$n" -gt $(($2 * 10)) ]; then
			kill "$1" 2>/dev/null
			fail "watch still running after $2 s"
		fi
		sleep 0.1
	done
	wait "$1"
}
# waits until file $1 has a line (watch prints its first status line after 1 s)
wait_line() {
	n=0
	while [ ! -s "$1" ] && [ "$n" -lt 50 ]; do n=$((n + 1)); sleep 0.1; done
	[ -s "$1" ] || fail "watch printed no status line within 5 s"
}
# waits until file $1 has a line matching $2 (at most $3 seconds)
wait_grep() {
	n=0
	while ! grep -q -- "$2" "$1" 2>/dev/null && [ "$n" -lt $(($3 * 10)) ]; do
		n=$((n + 1))
		sleep 0.1
	done
	grep -q -- "$2" "$1" 2>/dev/null || { cat "$1"; fail "no line matching '$2' in $1 within $3 s"; }
}
# watch_run NAME VIEW OPTION...: watch -i lo -c 30 --duration 10 OPTION... with
# the DNS filter, standard output and error in $WORK/NAME.out and NAME.err;
# once the status line is in NAME.VIEW (out or err), 40 datagrams are sent;
# fails unless watch ends with status 0
watch_run() {
	name=$1 view=$2
	shift 2
	"$BIN" watch -i lo -c 30 --duration 10 "$@" 'udp port 53 or icmp' \
		>"$WORK/$name.out" 2>"$WORK/$name.err" &
	pid=$!
	wait_grep "$WORK/$name.$view" '^watch lo [0-9]*s: ' 5
	python3 "$WORK/send.py" 40 || fail "sender"
	wait_for "$pid" 40
	rc=$?
	[ "$rc" -eq 0 ] || { cat "$WORK/$name.err"; fail "watch $* exit status $rc"; }
}
# every line of $1 is a JSON object; the events end with the "end" line
check_jsonl() {
	python3 - "$1" <<'PY' || fail "$2: not JSON lines"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines, "no line"
ev = [json.loads(l) for l in lines]
assert all(isinstance(e, dict) for e in ev)
kinds = [e["event"] for e in ev]
assert kinds[-1] == "end" and kinds.count("end") == 1, kinds
assert "dns" in kinds and "icmp" in kinds, kinds
f = [e for e in ev if e["event"] == "finding"]
assert f and f[0]["kind"] == "dns.server_unreachable", f
PY
}

watch_run watch out -o "$WORK/r.json" --format json
expect_grep '^watch lo [0-9]*s: ' "$WORK/watch.out" "status line"
expect_grep 'new finding dns.server_unreachable: server 127.0.0.1 udp/53' "$WORK/watch.out" \
	"one-line notice of the new finding"
expect_grep 'report written to' "$WORK/watch.out" "report written"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["capture"]["packets"] == 30, d["capture"]
assert d["inputs"][0]["path"] == "lo" and d["inputs"][0]["packets"] == 30, d["inputs"]
assert d["dns"]["queries"] > 0 and d["dns"]["icmp_rejected"] > 0, d["dns"]
f = [f for f in d["findings"] if f["kind"] == "dns.server_unreachable"]
assert f and f[0]["server"] == "127.0.0.1" and f[0]["port"] == 53, d["findings"]
assert "127.0.0.1" in f[0]["clients"], f[0]
' "$WORK/r.json" || fail "report of the live capture"

# SIGINT ends the capture and writes the report
"$BIN" watch -i lo --duration 30 -o "$WORK/int.json" --format json 'udp port 53 or icmp' \
	>"$WORK/int.out" 2>&1 &
pid=$!
wait_line "$WORK/int.out"
python3 "$WORK/send.py" 8 || fail "sender"
kill -INT "$pid"
wait_for "$pid" 5 || fail "watch after SIGINT: exit status $?"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["capture"]["packets"] >= 8, d["capture"]
' "$WORK/int.json" || fail "report after SIGINT"

# --format jsonl on standard output: JSON lines only, the view on stderr
watch_run jl err --format jsonl
check_jsonl "$WORK/jl.out" "watch --format jsonl on stdout"
expect_grep 'new finding dns.server_unreachable' "$WORK/jl.err" "finding notice on stderr"
expect_nogrep '^watch lo' "$WORK/jl.out" "status line on stdout"

# --format jsonl -o FILE: the events are in the file while the capture runs
"$BIN" watch -i lo --duration 30 --format jsonl -o "$WORK/live.jsonl" 'udp port 53 or icmp' \
	>"$WORK/live.out" 2>&1 &
pid=$!
wait_line "$WORK/live.out"
python3 "$WORK/send.py" 8 || fail "sender"
wait_grep "$WORK/live.jsonl" '"event":"icmp"' 5
kill -0 "$pid" 2>/dev/null || fail "watch ended before SIGINT"
kill -INT "$pid"
wait_for "$pid" 5 || fail "watch --format jsonl -o after SIGINT: exit status $?"
check_jsonl "$WORK/live.jsonl" "watch --format jsonl -o"
expect_grep 'report written to' "$WORK/live.out" "jsonl report written"

# --format html: the self-contained report of the capture
watch_run html out --format html -o "$WORK/r.html"
expect_grep '<title>Incident report: DNS service on 127.0.0.1 unreachable' "$WORK/r.html" \
	"report title in the HTML report"
expect_grep 'id="chart-timeline"' "$WORK/r.html" "chart of the HTML report"
expect_grep '</html>' "$WORK/r.html" "complete HTML report"
expect_grep 'Generated by nettriage watch.' "$WORK/r.html" "the HTML report names watch as its author"

# --output kafka:// (librdkafka's mock cluster) beside the text report
watch_run k out --output kafka://mock:9092/nt-events --kafka-opt test.mock.num.brokers=1 \
	-o "$WORK/k.txt"
expect_grep 'kafka: topic nt-events at mock:9092: [1-9][0-9]* produced, [1-9][0-9]* delivered, 0 failed' \
	"$WORK/k.err" "kafka counts"
expect_grep 'server 127.0.0.1 udp/53' "$WORK/k.txt" "text report beside kafka"

# usage errors of the shared outputs
"$BIN" watch -i lo --format xml >/dev/null 2>"$WORK/u.err"
expect_eq "$?" 2 "watch --format xml"
expect_grep "watch: --format is text, md, json, html or jsonl, not 'xml'" "$WORK/u.err" \
	"bad format message"
"$BIN" watch -i lo --kafka-opt acks=all >/dev/null 2>"$WORK/u.err"
expect_eq "$?" 2 "watch --kafka-opt without --output kafka://"
expect_grep 'needs --output kafka://' "$WORK/u.err" "--kafka-opt message"
"$BIN" watch -i lo --set no.such=1 >/dev/null 2>"$WORK/u.err"
expect_eq "$?" 2 "watch --set with an unknown threshold"
expect_grep "watch: unknown threshold or bad value in 'no.such=1'" "$WORK/u.err" "--set message"

# without privileges: a clear error, exit 3
if command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$BIN" watch -i lo --duration 1 >/dev/null 2>"$WORK/perm.err"
	expect_eq "$?" 3 "watch without privileges"
	expect_grep 'needs root or CAP_NET_RAW' "$WORK/perm.err" "permission message"
fi
exit 0
