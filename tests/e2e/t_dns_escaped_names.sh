#!/bin/sh
# \summary: e2e: DNS names whose labels hold a '.' (kept as "\." in
# presentation form) are attributed to the domain they are registered
# under, not to the one their text looks like (issue 17 #6): random
# names "<rand>.victim.example\.google.com" (labels victim,
# example.google, com) were a "random-subdomain attack on google.com"
# with a next step to rate-limit *.google.com.  Captures written here
# (raw IPv4, classic pcap) by the script below.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || fail "python3 is needed"
python3 - "$WORK" <<'PY' || fail "capture generator exited $?"
import random, struct, sys
w = sys.argv[1]
def csum(b):
    s = sum(struct.unpack("!10H", b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff
def udp4(src, dst, sp, dp, payload):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 0, 0, 64, 17, 0, bytes(src), bytes(dst))
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + u
def dns(i, labels, qtype, rcode=None):
    flags = 0x0100 if rcode is None else 0x8180 | rcode
    q = b"".join(bytes([len(l)]) + l for l in labels) + b"\0"
    return struct.pack("!HHHHHH", i, flags, 1, 0, 0, 0) + q + struct.pack("!HH", qtype, 1)
def write(name, pkts):
    out = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101)
    for t, p in pkts:
        out += struct.pack("<IIII", t // 1000000, t % 1000000, len(p), len(p)) + p
    open("%s/%s.pcap" % (w, name), "wb").write(out)
rnd = random.Random(17)
def rand(n, chars="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rnd.choice(chars) for _ in range(n)).encode()
# the wire labels below the random one(s); in presentation form:
#   a  <rand>.victim.example\.google.com   registered domain example\.google.com
#   b  <rand>\.google.victim.example       registered domain victim.example
tails = {"a": lambda r: [r, b"victim", b"example.google", b"com"],
         "b": lambda r: [r + b".google", b"victim", b"example"]}
srv = [10, 0, 0, 53]
for form, tail in tails.items():
    # water torture: 300 random names in 0.9 s from 5 clients, NXDOMAIN
    pkts = []
    for i in range(300):
        cl, t, sp = [10, 0, 1, 1 + i % 5], 1700000000000000 + i * 3000, 20000 + i
        labels = tail(rand(12))
        pkts += [(t, udp4(cl, srv, sp, 53, dns(i, labels, 1))),
                 (t + 1000, udp4(srv, cl, 53, sp, dns(i, labels, 1, 3)))]
    write("prsd-" + form, pkts)
    # a tunnel: one client, 64 TXT questions of 40 base32 characters, answered
    pkts = []
    for i in range(64):
        cl, t, sp = [10, 0, 2, 7], 1700000000000000 + i * 250000, 30000 + i
        labels = tail(rand(40, "abcdefghijklmnopqrstuvwxyz234567"))
        pkts += [(t, udp4(cl, srv, sp, 53, dns(i, labels, 16))),
                 (t + 2000, udp4(srv, cl, 53, sp, dns(i, labels, 16, 0)))]
    write("tunnel-" + form, pkts)
PY

# KIND NAME FILE: the finding of KIND names NAME (and no finding names google.com)
check() {
	"$BIN" analyze --format json "$WORK/$3.pcap" >"$WORK/$3.json" 2>"$WORK/$3.err" || { rc=$?; cat "$WORK/$3.err"; fail "analyze $3 exited $rc"; }
	expect_nogrep 'runtime error' "$WORK/$3.err" "analyze $3"
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(sorted("%s=%s" % (f["kind"], f["names"][0]) for f in d["findings"] if f["names"])))
' "$WORK/$3.json") || fail "json of $3"
	case " $got " in
	*" $1=$2 "*) ;;
	*) fail "$3: expected a $1 finding for '$2', got: $got" ;;
	esac
	case " $got " in
	*"=google.com "*) fail "$3: a finding blames google.com: $got" ;;
	esac
	"$BIN" analyze --format text "$WORK/$3.pcap" >"$WORK/$3.txt" 2>/dev/null
	expect_nogrep 'queries for \*\.google\.com ' "$WORK/$3.txt" "$3: next step for *.google.com"
}
check dns.random_subdomain 'example\.google.com' prsd-a
check dns.random_subdomain victim.example prsd-b
check dns.tunneling 'example\.google.com' tunnel-a
check dns.tunneling victim.example tunnel-b
expect_grep 'Rate-limit queries for \*\.example\\\.google\.com on the resolver' "$WORK/prsd-a.txt" "prsd-a next step"
exit 0
