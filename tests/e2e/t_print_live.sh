# print -i lo: live capture with a BPF filter, -c and -w, on loopback only
# (bounded: 6 datagrams, 10 s at most).  Skipped unless root and lo exist.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "not root: skipped"; exit 0; }
[ -e /sys/class/net/lo ] || { echo "no loopback interface: skipped"; exit 0; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 0; }
port=50917
(sleep 1; python3 - "$port" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(6):
    s.sendto(b"nettriage-live-%d" % i, ("127.0.0.1", int(sys.argv[1])))
    time.sleep(0.1)
PY
) &
timeout 10 "$BIN" print -n -i lo -c 4 -w "$WORK/live.pcap" "udp port $port" > "$WORK/out" 2> "$WORK/err"
rc=$?
wait
expect_eq "$rc" 0 "exit status of print -i"
expect_eq "$(wc -l < "$WORK/out" | tr -d ' ')" 4 "packets printed with -c 4"
expect_grep "127.0.0.1.[0-9]* > 127.0.0.1.$port: UDP, length 16" "$WORK/out" "live packet line"
"$BIN" print -n "$WORK/live.pcap" > "$WORK/saved" || fail "reading the -w file"
cmp -s "$WORK/out" "$WORK/saved" || fail "-w file does not print the same lines"
# an interface that does not exist: clear error, exit 3
"$BIN" print -i nt-no-such-if0 > /dev/null 2> "$WORK/err2"
expect_eq "$?" 3 "exit status for a missing interface"
expect_grep "nt-no-such-if0" "$WORK/err2" "error names the interface"
