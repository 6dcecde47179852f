#!/bin/sh
# \summary: e2e: `nettriage print` of ARP, RARP, InARP and ATM ARP is
# byte-identical to tcpdump 4.99.3.  python3-scapy builds the captures
# (Ethernet, 802.1Q and Linux cooked): requests (target MAC zero or set,
# gratuitous, padded), replies, RARP and InARP requests and replies, NACK
# and unknown operations (hex dump), every named and some unknown
# hardware types, Frame Relay Q.922 addresses (2-4 bytes, invalid,
# short), InfiniBand and other non-6-byte hardware addresses (0, 1, 2, 8,
# 16 bytes), wrong protocol types and lengths (<wrong proto type>,
# <wrong len>), ATM ARP (E.164 and subaddresses, empty addresses, wrong
# lengths), and packets cut at many offsets ( [|arp]); and one ARP
# request for each of the 65536 protocol types (tcpdump's ethertype
# names).  Each is printed by tcpdump -n -r and by nettriage print with
# the same flags (-v, -vv, -vvv, -e, -e -vvv, -q) and compared exactly.
# A few lines are checked literally first; the comparison is skipped,
# with a note, where tcpdump is not installed.
. "$(dirname "$0")/lib.sh"
[ -x "$BIN" ] || fail "no binary $BIN"
scapy_python
"$PY" - "$WORK/arp" <<'GEN' || fail "capture generator failed"
import struct, sys
from scapy.all import Ether, ARP, Dot1Q, Raw, Padding, CookedLinux
out = sys.argv[1]
A = "02:00:00:00:00:01"; B = "02:00:00:00:00:02"; BC = "ff:ff:ff:ff:ff:ff"
pk = []  # (bytes, caplen or None)
def add(p, cap=None):
    pk.append((bytes(p), cap))
def arpraw(hrd, pro, hln, pln, op, sha, spa, tha, tpa):
    return struct.pack(">HHBBH", hrd, pro, hln, pln, op) + sha + spa + tha + tpa
def eth(payload, t=0x0806, dst=BC):
    return Ether(dst=dst, src=A, type=t) / Raw(payload)
ip1 = bytes([192, 0, 2, 1]); ip2 = bytes([192, 0, 2, 2])
m1 = bytes.fromhex("020000000001"); m2 = bytes.fromhex("020000000002"); z6 = bytes(6)
# request, reply, gratuitous, target MAC set, padded to 60
add(Ether(dst=BC, src=A) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2"))
add(Ether(dst=A, src=B) / ARP(op=2, hwsrc=B, psrc="192.0.2.2", hwdst=A, pdst="192.0.2.1"))
add(Ether(dst=BC, src=A) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.1"))
add(Ether(dst=BC, src=A) / ARP(op=2, hwsrc=A, psrc="192.0.2.1", hwdst=BC, pdst="192.0.2.1"))
add(Ether(dst=B, src=A) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", hwdst=B, pdst="192.0.2.2"))
add(Ether(dst=BC, src=A) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2") / Padding(b"\0" * 18))
add(Ether(dst=BC, src=A) / Dot1Q(vlan=7) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2"))
# RARP request/reply (ethertype 0x8035), and on 0x0806
add(eth(arpraw(1, 0x800, 6, 4, 3, m1, bytes(4), m1, bytes(4)), 0x8035))
add(eth(arpraw(1, 0x800, 6, 4, 4, m2, ip2, m1, ip1), 0x8035, dst=A))
add(eth(arpraw(1, 0x800, 6, 4, 3, m1, bytes(4), m2, bytes(4))))
# InARP request/reply
add(eth(arpraw(1, 0x800, 6, 4, 8, m1, ip1, m2, bytes(4)), dst=B))
add(eth(arpraw(1, 0x800, 6, 4, 9, m2, ip2, m1, ip1), dst=A))
# NAK (ATM only), unknown opcodes
add(eth(arpraw(1, 0x800, 6, 4, 10, m1, ip1, m2, ip2)))
add(eth(arpraw(1, 0x800, 6, 4, 5, m1, ip1, m2, ip2)))
add(eth(arpraw(1, 0x800, 6, 4, 0, m1, ip1, z6, ip2)))
add(eth(arpraw(1, 0x800, 6, 4, 0xffff, m1, ip1, z6, ip2) + b"\xaa" * 18))
# hardware types, known and unknown
for hrd in (0, 6, 7, 23, 24, 99, 0xffff):
    add(eth(arpraw(hrd, 0x800, 6, 4, 1, m1, ip1, z6, ip2)))
    add(eth(arpraw(hrd, 0x800, 6, 4, 2, m2, ip2, m1, ip1)))
# Frame Relay (Q.922 addresses), 2/3/4/1 bytes
for dl in (bytes.fromhex("1841"), bytes.fromhex("184101"), bytes.fromhex("18410001"), b"\x18", bytes.fromhex("1840")):
    n = len(dl)
    add(eth(arpraw(15, 0x800, n, 4, 1, dl, ip1, bytes(n), ip2)))
    add(eth(arpraw(15, 0x800, n, 4, 2, dl, ip2, dl, ip1)))
    add(eth(arpraw(15, 0x800, n, 4, 8, dl, ip1, dl, ip2)))
# InfiniBand (20-byte addresses)
ib = bytes(range(1, 21))
add(eth(arpraw(32, 0x800, 20, 4, 1, ib, ip1, bytes(20), ip2)))
add(eth(arpraw(32, 0x800, 20, 4, 2, ib, ip2, ib, ip1)))
# non-6-byte hardware addresses on Ethernet
for n in (0, 1, 2, 8, 16):
    sa = bytes(range(0x11, 0x11 + n)); ta = bytes(range(0x31, 0x31 + n))
    add(eth(arpraw(1, 0x800, n, 4, 1, sa, ip1, ta, ip2)))
    add(eth(arpraw(1, 0x800, n, 4, 1, sa, ip1, bytes(n), ip2)))
    add(eth(arpraw(1, 0x800, n, 4, 2, sa, ip2, ta, ip1)))
    add(eth(arpraw(1, 0x800, n, 4, 3, sa, bytes(4), ta, bytes(4)), 0x8035))
    add(eth(arpraw(1, 0x800, n, 4, 4, sa, ip2, ta, ip1), 0x8035))
    add(eth(arpraw(1, 0x800, n, 4, 9, sa, ip2, ta, ip1)))
# protocol type/length: trailer, IPv6, unknown, wrong lengths
for pro, pln in ((0x1000, 4), (0x86dd, 16), (0x86dd, 4), (0x1234, 4), (0x0806, 4), (0x800, 6), (0x800, 0), (0x800, 16), (0x1000, 2), (0x8035, 4), (0x8100, 4)):
    sp = bytes(range(0x41, 0x41 + pln)); tp = bytes(range(0x61, 0x61 + pln))
    for op in (1, 2, 3, 4, 8, 9, 10, 7):
        add(eth(arpraw(1, pro, 6, pln, op, m1, sp, m2, tp)))
# ATM ARP (RFC 2225, hrd 19)
def atm(op, shtl, sstl, spa, thtl, tstl, tpa, pro=0x800, sha=None, ssa=None, tha=None, tsa=None):
    sl, ssl, tl, tsl = shtl & 0x3f, sstl & 0x3f, thtl & 0x3f, tstl & 0x3f
    sha = sha if sha is not None else bytes(range(0x20, 0x20 + sl))
    ssa = ssa if ssa is not None else bytes(range(0x50, 0x50 + ssl))
    tha = tha if tha is not None else bytes(range(0x70, 0x70 + tl))
    tsa = tsa if tsa is not None else bytes(range(0x90, 0x90 + tsl))
    h = struct.pack(">HHBBHBBBB", 19, pro, shtl, sstl, op, len(spa), thtl, tstl, len(tpa))
    return h + sha + ssa + spa + tha + tsa + tpa
for op in (1, 2, 8, 9, 10, 3, 4, 6):
    add(eth(atm(op, 20, 0, ip1, 20, 0, ip2)))
    add(eth(atm(op, 0x40 | 8, 20, ip1, 0, 0, ip2)))
    add(eth(atm(op, 20, 0, ip1, 0x48, 0x14, ip2)))
    add(eth(atm(op, 0, 0, ip1, 0, 0, ip2)))
    add(eth(atm(op, 20, 0, b"", 20, 0, ip2)))
    add(eth(atm(op, 20, 0, ip1, 20, 0, bytes(6))))
    add(eth(atm(op, 20, 0, ip1, 20, 0, ip2, pro=0x86dd)))
    add(eth(atm(op, 20, 0, b"\x01\x02\x03\x04\x05", 20, 0, ip2)))
# truncated: in the fixed header, in each address, in ATM ARP
req = bytes(Ether(dst=BC, src=A) / ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2"))
rep = bytes(Ether(dst=A, src=B) / ARP(op=2, hwsrc=B, psrc="192.0.2.2", hwdst=A, pdst="192.0.2.1"))
for cap in (14, 15, 20, 21, 22, 25, 28, 32, 33, 38, 41):
    pk.append((req, cap))
    pk.append((rep, cap))
atmp = bytes(eth(atm(1, 20, 0, ip1, 20, 0, ip2)))
for cap in (14, 20, 25, 26, 30, 60, 70):
    pk.append((atmp, cap))
fr = bytes(eth(arpraw(15, 0x800, 2, 4, 1, b"\x18\x41", ip1, b"\x18\x41", ip2)))
for cap in (14, 30, 35):
    pk.append((fr, cap))
# truncated with unknown opcode (default print of the captured bytes)
unk = bytes(eth(arpraw(1, 0x800, 6, 4, 5, m1, ip1, m2, ip2) + b"\x01" * 10))
pk.append((unk, 44)); pk.append((unk, 50))
# Linux cooked capture (SLL) with ARP and RARP
sl = [CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=m1 + b"\0\0", proto=0x0806) /
      ARP(op=1, hwsrc=A, psrc="192.0.2.1", pdst="192.0.2.2"),
      CookedLinux(pkttype=4, lladdrtype=1, lladdrlen=6, src=m2 + b"\0\0", proto=0x0806) /
      ARP(op=2, hwsrc=B, psrc="192.0.2.2", hwdst=A, pdst="192.0.2.1"),
      CookedLinux(pkttype=1, lladdrtype=1, lladdrlen=6, src=m1 + b"\0\0", proto=0x8035) /
      Raw(arpraw(1, 0x800, 6, 4, 3, m1, bytes(4), m1, bytes(4)))]
# Frame Relay Q.922 forms: first byte with EA set (invalid), 3 and 4 bytes,
# 5 bytes (invalid), short addresses, bytes after a complete address
for dl in ("1941", "18400001", "1840fd", "184000fd", "1840000001", "184000",
           "1841ff", "fcf0fe", "fcf0fefd", ""):
    d = bytes.fromhex(dl); n = len(d)
    add(eth(arpraw(15, 0x800, n, 4, 2, d, ip2, d, ip1)))
    add(eth(arpraw(15, 0x800, n, 4, 1, d, ip1, d, ip2)))
def wpcap(name, recs, linktype):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, (b, cap) in enumerate(recs):
            c = b if cap is None else b[:cap]
            f.write(struct.pack("<IIII", 1700000000 + i, 1000 * i, len(c), len(b)))
            f.write(c)
wpcap(out + "-eth.pcap", pk, 1)
wpcap(out + "-sll.pcap", [(bytes(p), None) for p in sl], 113)
# every protocol type, and hardware types 0-1023 with an empty address
# (bytes joined directly: scapy would take seconds for 66560 packets)
eh = bytes(Ether(dst=BC, src=A, type=0x0806))
allp = [(eh + arpraw(1, pro, 6, 4, 1, m1, ip1, z6, ip2), None) for pro in range(65536)]
allp += [(eh + arpraw(h, 0x800, 0, 4, 2, b"", ip2, b"", ip1), None) for h in range(1024)]
wpcap(out + "-types.pcap", allp, 1)
GEN
E="$WORK/arp-eth.pcap"

# Literal lines (what the comparison below checks against tcpdump, in words).
"$BIN" print -n "$E" >"$WORK/n.txt" || fail "print -n exited $?"
"$BIN" print -n -v "$E" >"$WORK/v.txt" || fail "print -n -v exited $?"
"$BIN" print -n -e "$E" >"$WORK/e.txt" || fail "print -n -e exited $?"
expect_eq "$(sed -n 1p "$WORK/n.txt")" \
	"22:13:20.000000 ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28" "request"
expect_eq "$(sed -n 2p "$WORK/n.txt")" \
	"22:13:21.001000 ARP, Reply 192.0.2.2 is-at 02:00:00:00:00:02, length 28" "reply"
expect_eq "$(sed -n 5p "$WORK/n.txt")" \
	"22:13:24.004000 ARP, Request who-has 192.0.2.2 (02:00:00:00:00:02) tell 192.0.2.1, length 28" \
	"request with the target MAC"
expect_eq "$(sed -n 8p "$WORK/n.txt")" \
	"22:13:27.007000 ARP, Reverse Request who-is 02:00:00:00:00:01 tell 02:00:00:00:00:01, length 28" \
	"RARP request"
expect_eq "$(sed -n 9p "$WORK/n.txt")" \
	"22:13:28.008000 ARP, Reverse Reply 02:00:00:00:00:01 at 192.0.2.1, length 28" "RARP reply"
expect_eq "$(sed -n 12p "$WORK/n.txt")" \
	"22:13:31.011000 ARP, Inverse Reply 02:00:00:00:00:02 at 192.0.2.2, length 28" "InARP reply"
expect_eq "$(sed -n 2p "$WORK/v.txt")" \
	"22:13:21.001000 ARP, Ethernet (len 6), IPv4 (len 4), Reply 192.0.2.2 is-at 02:00:00:00:00:02, length 28" \
	"-v reply"
expect_eq "$(sed -n 2p "$WORK/e.txt")" \
	"22:13:21.001000 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: Reply 192.0.2.2 is-at 02:00:00:00:00:02, length 28" \
	"-e reply"
expect_grep '^22:13:33.013000 ARP, Unknown (5) $' "$WORK/n.txt" "unknown opcode"
expect_grep 'ARP, Unknown Hardware (99) (len 6), IPv4 (len 4), Request who-has' "$WORK/v.txt" \
	"unknown hardware type with its number"
expect_grep 'IPv6 (len 16), Request who-has <wrong proto type> (02:00:00:00:00:02) tell <wrong proto type>, length 52$' \
	"$WORK/v.txt" "wrong protocol type"
expect_grep 'IPv4 (len 6), Reply <wrong len> is-at 02:00:00:00:00:01, length 32$' "$WORK/v.txt" "wrong length"
expect_grep 'ARP, Reply 192.0.2.2 is-at 11:12:13:14:15:16:17:18, length 32$' "$WORK/n.txt" "8-byte address"
expect_grep 'ARP, Reply 192.0.2.2 is-at DLCI 100, length 20$' "$WORK/n.txt" "Frame Relay DLCI"
expect_grep 'ARP, NACK Reply for 192.0.2.1, length 60$' "$WORK/n.txt" "ATM ARP NACK"
expect_grep '^22:17:09.229000  \[|arp\]$' "$WORK/n.txt" "truncated"

command -v tcpdump >/dev/null 2>&1 || { echo "tcpdump not installed: comparison skipped"; exit 0; }
n=0
for flags in "-n" "-n -v" "-n -vv" "-n -vvv" "-n -e" "-n -e -vvv" "-n -q" "-n -tt"; do
	# shellcheck disable=SC2086
	cmp_tcpdump "$E" $flags
	# shellcheck disable=SC2086
	cmp_tcpdump "$WORK/arp-sll.pcap" $flags
done
cmp_tcpdump "$WORK/arp-types.pcap" -n
cmp_tcpdump "$WORK/arp-types.pcap" -n -v
echo "$n lines identical to tcpdump"
