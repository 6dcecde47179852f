#!/bin/sh
# \summary: e2e: `nettriage print` of BOOTP/DHCPv4 and DHCPv6 is byte-identical to
# tcpdump 4.99.3.  python3-scapy builds the captures: DISCOVER, OFFER,
# REQUEST, ACK, NAK, DECLINE, RELEASE and INFORM with many options;
# relayed messages (hops, giaddr, option 82 with Circuit-ID, Remote-ID,
# Subscriber-ID, unknown and overlong sub-options); every message type
# value; every option tag 1-254 at lengths 0-12 (names, formats, unknown
# options, trailing data); a parameter request list of all 256 options;
# Client-ID, client FQDN (flags, MBZ bits, short), Netbios node, option
# overload, classless static routes, user class, booleans, escaped text
# and signed numbers; pad runs and options after the end (-vvv); other
# ops, hardware types and lengths, sname/file (with and without a NUL),
# CMU, unknown and empty vendor areas; UDP lengths shorter and longer
# than the message; and a rich message cut at every offset ( [|bootp]).
# DHCPv6 likewise: the thirteen message types and unknown ones, relayed
# and doubly relayed messages, every option code 0-119 at lengths 0-33,
# DUID forms, status codes, authentication, domain lists and names,
# NTP sub-options, AFTR names, time zones, leasequery, nested options
# past their parent, and two rich messages cut at every offset ( [|dhcp6]).
# Then 6000 seeded random mutations of each capture (bytes changed or
# deleted, some cut short) at -n, -v, -vvv.
# Each is printed by tcpdump -n -r and by nettriage print with the same
# flags (-v, -vv, -vvv, -e, -q, -tt) and compared exactly, as are the
# DHCP packets of ../shared/corpus/real.  A few lines are checked
# literally first; the comparison is skipped, with a note, where tcpdump
# is not installed.
. "$(dirname "$0")/lib.sh"
[ -x "$BIN" ] || fail "no binary $BIN"
scapy_python
"$PY" - "$WORK/g" <<'GEN' || fail "capture generator failed"
import struct, sys
from scapy.all import Ether, IP, UDP, Raw, IPv6
out = sys.argv[1]
pk = []  # (bytes, caplen or None)
CM = bytes.fromhex("020000000a01")
def bootp(op=1, htype=1, hlen=6, hops=0, xid=0x12345678, secs=0, flags=0, ci="0.0.0.0",
          yi="0.0.0.0", si="0.0.0.0", gi="0.0.0.0", chaddr=CM, sname=b"", file=b"",
          vend=None, opts=b""):
    ip = lambda a: bytes(int(x) for x in a.split("."))
    h = struct.pack(">BBBBIHH", op, htype, hlen, hops, xid, secs, flags)
    h += ip(ci) + ip(yi) + ip(si) + ip(gi)
    h += chaddr.ljust(16, b"\0")[:16] + sname.ljust(64, b"\0")[:64] + file.ljust(128, b"\0")[:128]
    if vend is None:
        vend = b"\x63\x82\x53\x63" + opts
    return h + vend
def o(tag, data):
    return bytes([tag, len(data)]) + data
def add(payload, cap=None, sport=68, dport=67, src="0.0.0.0", dst="255.255.255.255", ulen=None):
    u = UDP(sport=sport, dport=dport)
    if ulen is not None:
        u.len = ulen
    p = Ether(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:0a:01") / IP(src=src, dst=dst) / u / Raw(payload)
    b = bytes(p)
    pk.append((b, None if cap is None else 42 + cap))
def IPB(a):
    return bytes(int(x) for x in a.split("."))
END = b"\xff"
prl = o(55, bytes([1, 3, 6, 15, 28, 42, 51, 54, 58, 59, 119, 121, 249, 252, 43, 12]))
cid = o(61, b"\x01" + CM)
host = o(12, b"laptop-7")
vcl = o(60, b"MSFT 5.0")
fqdn = o(81, b"\x01\x00\x00laptop-7.example.com")
srv = IPB("192.0.2.1")
common_srv = (o(54, srv) + o(51, struct.pack(">I", 86400)) + o(58, struct.pack(">I", 43200)) +
              o(59, struct.pack(">I", 75600)) + o(1, IPB("255.255.255.0")) + o(3, IPB("192.0.2.1")) +
              o(6, IPB("192.0.2.53") + IPB("198.51.100.53")) + o(15, b"example.com") +
              o(28, IPB("192.0.2.255")) + o(42, IPB("192.0.2.123")))
# the eight message types
add(bootp(opts=o(53, b"\x01") + cid + o(50, IPB("192.0.2.77")) + host + vcl + o(57, b"\x05\xdc") + prl + END))
add(bootp(op=2, yi="192.0.2.77", si="192.0.2.1", opts=o(53, b"\x02") + common_srv + END),
    sport=67, dport=68, src="192.0.2.1", dst="192.0.2.77")
add(bootp(flags=0x8000, opts=o(53, b"\x03") + cid + o(50, IPB("192.0.2.77")) + o(54, srv) + host + fqdn + prl + END))
add(bootp(op=2, yi="192.0.2.77", opts=o(53, b"\x05") + common_srv + fqdn + END), sport=67, dport=68,
    src="192.0.2.1", dst="192.0.2.77")
add(bootp(op=2, flags=0x8000, opts=o(53, b"\x06") + o(54, srv) + o(56, b"requested address not available") + END),
    sport=67, dport=68, src="192.0.2.1")
add(bootp(opts=o(53, b"\x04") + cid + o(50, IPB("192.0.2.77")) + o(54, srv) + o(56, b"address in use") + END))
add(bootp(ci="192.0.2.77", opts=o(53, b"\x07") + cid + o(54, srv) + END), src="192.0.2.77", dst="192.0.2.1")
add(bootp(ci="192.0.2.77", secs=3, opts=o(53, b"\x08") + cid + host + vcl + prl + END), src="192.0.2.77")
# relayed (giaddr, hops, option 82)
ag = o(82, o(1, b"eth0/1/3:vlan10") + o(2, b"\x00\x06\x02\x00\x00\x00\x0a\x01") + o(6, b"sub-42") +
       o(9, b"\x00\x00\x0d\xe9\x05\x01\x03abc") + o(5, b"\xc0\x00\x02\x00"))
add(bootp(hops=1, gi="198.51.100.1", opts=o(53, b"\x01") + cid + prl + ag + END),
    sport=67, dport=67, src="198.51.100.1", dst="192.0.2.1")
add(bootp(op=2, hops=1, gi="198.51.100.1", yi="198.51.100.50", opts=o(53, b"\x02") + common_srv + ag + END),
    sport=67, dport=67, src="192.0.2.1", dst="198.51.100.1")
add(bootp(gi="198.51.100.1", opts=o(53, b"\x01") + o(82, o(1, b"abc") + b"\x02\x09xy") + END))
add(bootp(gi="198.51.100.1", opts=o(53, b"\x01") + o(82, o(1, b"abc") + b"\x02") + END))
add(bootp(gi="198.51.100.1", opts=o(53, b"\x01") + o(82, b"") + o(82, b"\x01") + END))
# message type values and lengths
for t in list(range(0, 16)) + [255]:
    add(bootp(opts=o(53, bytes([t])) + END))
add(bootp(opts=o(53, b"") + o(53, b"\x01\x02") + END))
# every option tag with several lengths
for tag in range(1, 255):
    for n in (0, 1, 2, 3, 4, 5, 6, 8, 9, 12):
        data = bytes((0x41 + tag + i) & 0xff for i in range(n))
        add(bootp(opts=o(tag, data) + END))
# every option in a parameter request list
add(bootp(opts=o(53, b"\x01") + o(55, bytes(range(0, 128))) + o(55, bytes(range(128, 256))) + o(55, b"") + END))
# Client-ID forms
for d in (b"", b"\x00", b"\x00client-1\x01", b"\x01" + CM, b"\x06" + CM, b"\x07\x01", b"\x0f\x01\x02",
          b"\x17ab", b"\x18" + CM + CM, b"\x63\x01\x02\x03", b"\xff" + b"\x00" * 18):
    add(bootp(opts=o(53, b"\x01") + o(61, d) + END))
# FQDN flags and forms
for d in (b"", b"\x01", b"\x01\x00", b"\x00\x00\x00", b"\x05\x00\x00host.example", b"\x0f\xff\xffx",
          b"\x10\x00\x00a", b"\xf3\x01\x02abc", b"\x08\x00\x00\x07example\x03com\x00", b"\x02\x00\x01\xff\x80\x7f"):
    add(bootp(opts=o(53, b"\x03") + o(81, d) + END))
# Netbios node type and option overload
for v in range(0, 10):
    add(bootp(op=2, opts=o(46, bytes([v])) + o(52, bytes([v])) + END), sport=67, dport=68)
add(bootp(op=2, opts=o(46, b"") + o(52, b"") + o(46, b"\x02\x03") + o(52, b"\x01\x01\x01") + END), sport=67, dport=68)
# classless static routes
for d in (b"\x00" + IPB("192.0.2.1"), b"\x18\xc6\x33\x64" + IPB("192.0.2.1") + b"\x00" + IPB("192.0.2.2"),
          b"\x20\x0a\x00\x00\x01" + IPB("192.0.2.1"), b"\x08\x0a" + IPB("192.0.2.1") + b"\x10\xac\x10" + IPB("192.0.2.9"),
          b"\x21" + b"\x00" * 8, b"\x18\x0a\x00\x00\x01", b"\x01\x02", b"\x00" + IPB("192.0.2.1") + b"\x18\x0a\x00"):
    add(bootp(op=2, opts=o(121, d) + o(249, d) + END), sport=67, dport=68)
# user class
for d in (b"", b"\x01", b"\x03abc", b"\x03abc\x02de", b"\x00ab", b"\x05ab", b"\x02ab\x00"):
    add(bootp(opts=o(77, d) + END))
# SZTP redirect
for d in (b"", b"\x00", b"\x00\x05https", b"\x00\x03abc\x00\x02de", b"\x00\x09abc", b"\x01\x02ab", b"\x00\x02ab\x01"):
    add(bootp(op=2, opts=o(143, d) + END), sport=67, dport=68)
# booleans, escapes in text, signed time zone
add(bootp(op=2, opts=o(19, b"\x00\x01\x02\xff") + o(12, bytes(range(0, 32)) + b"\x7f\x80\xc1\xff") +
          o(2, b"\xff\xff\xf1\xf0") + o(2, b"\x00\x00\x0e\x10\x80\x00\x00\x00") + o(33, IPB("10.0.0.0") + IPB("192.0.2.1") + b"\x01\x02") +
          o(25, b"\x05\xdc\x02\x40\x07") + END), sport=67, dport=68)
# pad runs, options after end (-vvv), no end
add(bootp(opts=b"\x00" + o(53, b"\x01") + b"\x00\x00\x00" + host + END + b"\x00\x00" + o(12, b"after") + END + b"\x00"))
add(bootp(opts=o(53, b"\x01") + host))
add(bootp(opts=o(53, b"\x01") + b"\x00" * 20))
# header variants
add(bootp(op=3, opts=o(53, b"\x01") + END))
add(bootp(op=0, htype=6, hlen=6, opts=END))
add(bootp(htype=1, hlen=16, chaddr=bytes(range(1, 17)), opts=END))
add(bootp(htype=32, hlen=20, hops=255, xid=0, secs=65535, flags=0xffff, ci="10.1.2.3", yi="10.1.2.4",
          si="10.1.2.5", gi="10.1.2.6", opts=END))
add(bootp(op=2, flags=0x7fff, xid=1, opts=END), sport=67, dport=68)
# sname and file
add(bootp(op=2, sname=b"boot-server", file=b"pxelinux.0", opts=o(53, b"\x02") + END), sport=67, dport=68)
add(bootp(op=2, sname=b"s" * 64, file=b"f.bin", opts=END), sport=67, dport=68)
add(bootp(op=2, sname=b"ab\x01\x80c", file=b"x" * 127, opts=END), sport=67, dport=68)
add(bootp(op=2, file=b"y" * 128, opts=END), sport=67, dport=68)
# vendor areas: CMU, unknown magic, zero, short
cmuv = b"CMU\x00" + b"\x00\x00\x00\x01" + IPB("255.255.255.0") + IPB("192.0.2.1") + IPB("192.0.2.53") + bytes(4) + \
       IPB("192.0.2.7") + bytes(4) + IPB("192.0.2.123") + IPB("192.0.2.124") + bytes(24)
add(bootp(vend=cmuv))
add(bootp(vend=b"CMU\x00" + b"\x06\x00\x00\x00" + IPB("255.255.0.0") + bytes(52)))
add(bootp(vend=b"\x01\x02\x03\x04" + bytes(60)))
add(bootp(vend=bytes(64)))
add(bootp(vend=b""))
add(bootp(vend=b"\x63\x82"))
# the UDP length shorter and longer than the data
add(bootp(opts=o(53, b"\x01") + host + END), ulen=8 + 240)
add(bootp(opts=o(53, b"\x01") + host + END), ulen=8 + 100)
add(bootp(opts=o(53, b"\x01") + host + END), ulen=8 + 400)
# a short BOOTP message
add(b"\x01")
add(b"\x01\x01\x06\x00\x00\x00\x00\x01")
# cut at every offset of a rich message
rich = bootp(hops=1, gi="198.51.100.1", sname=b"srv", file=b"boot", flags=0x8000,
             opts=o(53, b"\x03") + cid + o(50, IPB("192.0.2.77")) + host + fqdn + prl + ag + o(121, b"\x00" + srv) + END)
for cap in range(0, len(rich) + 1):
    add(rich, cap)
cmur = bootp(vend=cmuv)
for cap in range(236, len(cmur) + 1, 2):
    add(cmur, cap)
# an option whose length runs past the capture
add(bootp(opts=o(53, b"\x01") + b"\x0c\x20abc"))
add(bootp(opts=o(53, b"\x01") + b"\x0c"))
def wpcap(name, recs, linktype):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, (b, cap) in enumerate(recs):
            c = b if cap is None else b[:cap]
            f.write(struct.pack("<IIII", 1700000000 + i, 1000 * (i % 1000), len(c), len(b)))
            f.write(c)
wpcap(out + "-dhcp.pcap", pk, 1)
GEN
"$PY" - "$WORK/g" <<'GEN6' || fail "DHCPv6 capture generator failed"
import struct, sys
from scapy.all import Ether, IPv6, IP, UDP, Raw
out = sys.argv[1]
pk = []
def add(payload, cap=None, sport=546, dport=547, src="fe80::1", dst="ff02::1:2", ulen=None, v4=False):
    u = UDP(sport=sport, dport=dport)
    if ulen is not None:
        u.len = ulen
    if v4:
        p = Ether() / IP(src="192.0.2.1", dst="192.0.2.2") / u / Raw(payload)
        hl = 14 + 20 + 8
    else:
        p = Ether(src="02:00:00:00:0a:01", dst="33:33:00:01:00:02") / IPv6(src=src, dst=dst) / u / Raw(payload)
        hl = 14 + 40 + 8
    pk.append((bytes(p), None if cap is None else hl + cap))
def o(code, data):
    return struct.pack(">HH", code, len(data)) + data
def A6(s):
    import socket
    return socket.inet_pton(socket.AF_INET6, s)
def msg(t, xid, opts):
    return bytes([t]) + struct.pack(">I", xid)[1:] + opts
def relay(t, hops, link, peer, opts):
    return bytes([t, hops]) + A6(link) + A6(peer) + opts
mac = bytes.fromhex("020000000a01")
cid_llt = o(1, struct.pack(">HHI", 1, 1, 0x2c3d4e5f) + mac)
cid_ll = o(1, struct.pack(">HH", 3, 1) + mac)
sid_en = o(2, struct.pack(">HI", 2, 9) + b"\x01\x02\x03\x04")
sid_uuid = o(2, struct.pack(">H", 4) + bytes(range(16)))
iaaddr = o(5, A6("2001:db8::77") + struct.pack(">II", 3600, 7200))
iana = o(3, struct.pack(">III", 1, 1800, 2880) + iaaddr)
oro = o(6, struct.pack(">HHHHHH", 23, 24, 31, 56, 64, 999))
et = o(8, b"\x00\x00")
dns = o(23, A6("2001:db8::53") + A6("2001:db8::5353"))
dl = o(24, b"\x07example\x03com\x00\x03lab\x07example\x00")
pref = o(7, b"\xff")
sc = o(13, b"\x00\x00all good")
prefix = o(26, struct.pack(">IIB", 3600, 7200, 56) + A6("2001:db8:100::"))
iapd = o(25, struct.pack(">III", 7, 100, 200) + prefix)
# message types
add(msg(1, 0xabcdef, cid_llt + o(14, b"") + iana + oro + et + iapd))
add(msg(2, 0xabcdef, cid_llt + sid_en + iana + pref + dns + dl + sc), sport=547, dport=546, src="fe80::2", dst="fe80::1")
add(msg(3, 0x010203, cid_ll + sid_en + iana + oro + et))
add(msg(4, 0x010204, cid_ll + iana + et))
add(msg(5, 0x010205, cid_ll + sid_uuid + iana + et))
add(msg(6, 0x010206, cid_ll + iana + et))
add(msg(7, 0x010207, cid_ll + sid_en + iana + dns + dl + o(32, struct.pack(">I", 86400)) + o(20, b"")),
    sport=547, dport=546, src="fe80::2", dst="fe80::1")
add(msg(8, 0x010208, cid_ll + sid_en + iana))
add(msg(9, 0x010209, cid_ll + sid_en + iana))
add(msg(10, 0x01020a, sid_en + o(19, b"\x05")), sport=547, dport=546)
add(msg(10, 0x01020a, sid_en + o(19, b"\x0b") + o(19, b"\x07") + o(19, b"")), sport=547, dport=546)
add(msg(11, 0x01020b, cid_ll + oro + et))
for t in (0, 14, 15, 16, 200, 255):
    add(msg(t, 0x123456, cid_ll))
# relays
inner = msg(1, 0xabcdef, cid_llt + iana + oro + et)
add(relay(12, 0, "2001:db8:1::1", "fe80::1", o(18, b"eth0/1/2:vlan3") + o(37, struct.pack(">I", 9) + b"remote-id-long-value") +
          o(38, b"sub") + o(9, inner)), sport=547, dport=547, src="2001:db8:1::1", dst="2001:db8::1")
add(relay(13, 0, "2001:db8:1::1", "fe80::1", o(18, b"eth0") + o(9, msg(7, 0xabcdef, cid_llt + sid_en + iana))),
    sport=547, dport=547, src="2001:db8::1", dst="2001:db8:1::1")
add(relay(12, 1, "::", "fe80::1", o(9, relay(12, 0, "2001:db8:1::1", "fe80::1", o(9, inner)))), sport=547, dport=547)
add(relay(12, 0, "2001:db8:1::1", "fe80::1", o(9, inner[:10])), sport=547, dport=547)
add(relay(12, 0, "2001:db8:1::1", "fe80::1", o(9, b"\x01\x02")), sport=547, dport=547)
# every option code with several lengths
for code in range(0, 120):
    for n in (0, 1, 2, 3, 4, 5, 8, 11, 12, 16, 17, 18, 20, 24, 25, 26, 31, 32, 33):
        data = bytes((0x41 + code + i) & 0xff for i in range(n))
        add(msg(1, code * 256 + n, o(code, data)))
for code in (136, 143, 255, 256, 1000, 65535):
    add(msg(1, 1, o(code, b"abcd")))
# DUIDs
for d in (b"", b"\x00", b"\x00\x01", b"\x00\x01\x00\x01\x00\x00\x00\x01", b"\x00\x02\x00\x00\x00\x09",
          b"\x00\x02\x00\x00", b"\x00\x03\x00\x01", b"\x00\x03\x00", b"\x00\x04" + bytes(16), b"\x00\x04" + bytes(15),
          b"\x00\x05abc", b"\xff\xff"):
    add(msg(1, 2, o(1, d) + o(2, d)))
# status codes, preference, elapsed, ORO odd
for c in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255, 256, 65535):
    add(msg(7, 3, o(13, struct.pack(">H", c) + b"msg")), sport=547, dport=546)
add(msg(1, 4, o(6, b"\x00\x17\x00") + o(43, struct.pack(">HH", 1, 2))))
# authentication
rd = bytes(range(8))
for proto, alg, rdm, info in ((2, 1, 0, b""), (2, 1, 0, b"\x01" * 19), (2, 1, 0, bytes(range(20))),
                              (2, 1, 0, b"realm" + bytes(range(20))), (3, 1, 0, b"\x01" + bytes(16)),
                              (3, 1, 0, b"\x02" + bytes(16)), (3, 1, 0, b"\x07" + bytes(16)), (3, 1, 0, b"\x01"),
                              (1, 2, 1, b""), (4, 9, 9, b"xyz")):
    add(msg(7, 5, o(11, bytes([proto, alg, rdm]) + rd + info)), sport=547, dport=546)
# domain lists, names cut, pointers
for d in (b"\x00", b"\x03abc", b"\x03abc\x00\x03def", b"\xc0\x00", b"\x03a\x2eb\x00", b"\x01\xff\x00"):
    add(msg(7, 6, o(24, d) + o(21, d)), sport=547, dport=546)
# NTP server sub-options
for d in (b"", b"\x00\x01\x00\x10" + A6("2001:db8::123"), b"\x00\x02\x00\x10" + A6("ff05::101"),
          b"\x00\x03\x00\x0d\x03ntp\x07example\x00", b"\x00\x01\x00\x04abcd", b"\x00\x09\x00\x00",
          b"\x00\x01\x00\x20" + A6("::1"), b"\x00\x01\x00\x10" + A6("::1") + b"\x00\x09\x00\x00abc"):
    add(msg(7, 7, o(56, d)), sport=547, dport=546)
# AFTR name, timezones, MUD URL, bootfile URL, user class
for d in (b"", b"\x03", b"\x03aft\x00", b"\x04aftr\x07example\x03com\x00", b"\x04aftr", b"\x09aftr", b"\x02ab\x00x"):
    add(msg(7, 8, o(64, d)), sport=547, dport=546)
for d in (b"EST5EDT", b"Euro", b"Europe/Paris\x00junk", b"a\x01b\x80cdef"):
    add(msg(7, 9, o(41, d) + o(42, d) + o(112, d) + o(59, d)), sport=547, dport=546)
for d in (b"", b"\x00", b"\x00\x03abc", b"\x00\x03abc\x00\x02de", b"\x00\x05ab", b"\x00\x01a\x00"):
    add(msg(1, 10, o(15, d)))
# leasequery
add(msg(14, 11, o(44, b"\x01" + A6("2001:db8::77") + iaaddr) + o(44, b"\x02" + A6("::")) + o(44, b"\x07" + A6("::1"))))
add(msg(15, 12, o(45, cid_ll + iaaddr + o(46, struct.pack(">I", 60))) + o(47, A6("2001:db8::1") + b"relaydata-1234567890") +
          o(48, A6("2001:db8::1") + A6("2001:db8::2")) + o(45, b"")), sport=547, dport=546)
# nested options running past their parent, options past the end
add(msg(7, 13, o(3, struct.pack(">III", 1, 2, 3) + b"\x00\x05\x00\x30" + bytes(10)) + et), sport=547, dport=546)
add(msg(7, 14, o(3, struct.pack(">III", 1, 2, 3) + b"\x00\x05") + et), sport=547, dport=546)
add(msg(1, 15, et + b"\x00\x08\x00\x09\x00"))
add(msg(1, 16, et + b"\x00\x08"))
# UDP length shorter than the data
add(msg(1, 17, et + cid_ll + oro), ulen=8 + 4 + 6)
add(msg(1, 18, et + cid_ll + oro), ulen=8 + 3)
# short messages
add(b"")
add(b"\x01")
add(b"\x01\x02\x03")
add(b"\x0c\x00" + bytes(20), sport=547, dport=547)
# cut at every offset of rich messages
rich = relay(12, 0, "2001:db8:1::1", "fe80::1", o(18, b"eth0/1") + o(9, msg(3, 0xabcdef, cid_llt + sid_en + iana + oro + et + dl + iapd)))
for cap in range(0, len(rich) + 1):
    add(rich, cap, sport=547, dport=547)
rich2 = msg(7, 0x010207, cid_ll + sid_en + iana + dns + dl + o(56, b"\x00\x03\x00\x0d\x03ntp\x07example\x00") + o(64, b"\x04aftr\x07example\x03com\x00"))
for cap in range(0, len(rich2) + 1):
    add(rich2, cap, sport=547, dport=546)
# over IPv4
add(msg(1, 19, cid_ll + et), v4=True)
def wpcap(name, recs, linktype):
    with open(name, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, (b, cap) in enumerate(recs):
            c = b if cap is None else b[:cap]
            f.write(struct.pack("<IIII", 1700000000 + i, 1000 * (i % 1000), len(c), len(b)))
            f.write(c)
wpcap(out + "-dhcp6.pcap", pk, 1)
GEN6
E="$WORK/g-dhcp.pcap"
E6="$WORK/g-dhcp6.pcap"

# Literal lines (what the comparison below checks against tcpdump, in words).
"$BIN" print -n "$E" >"$WORK/n.txt" || fail "print -n exited $?"
"$BIN" print -n -v "$E" >"$WORK/v.txt" || fail "print -n -v exited $?"
"$BIN" print -n -vv "$E" >"$WORK/vv.txt" || fail "print -n -vv exited $?"
expect_eq "$(sed -n 1p "$WORK/n.txt")" \
	"22:13:20.000000 IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:0a:01, length 301" \
	"discover"
expect_eq "$(sed -n 2p "$WORK/n.txt")" \
	"22:13:21.001000 IP 192.0.2.1.67 > 192.0.2.77.68: BOOTP/DHCP, Reply, length 315" "offer"
expect_eq "$(sed -n 2p "$WORK/v.txt")" \
	"    0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:0a:01, length 301, xid 0x12345678, Flags [none]" \
	"-v discover header"
expect_eq "$(sed -n 2p "$WORK/vv.txt")" \
	"    0.0.0.0.68 > 255.255.255.255.67: [udp sum ok] BOOTP/DHCP, Request from 02:00:00:00:0a:01, length 301, xid 0x12345678, Flags [none] (0x0000)" \
	"-vv discover header"
for l in '	    DHCP-Message (53), length 1: Discover' \
	'	    Client-ID (61), length 7: ether 02:00:00:00:0a:01' \
	'	    Requested-IP (50), length 4: 192.0.2.77' \
	'	    Hostname (12), length 8: "laptop-7"' \
	'	    Vendor-Class (60), length 8: "MSFT 5.0"' \
	'	      Subnet-Mask (1), Default-Gateway (3), Domain-Name-Server (6), Domain-Name (15)' \
	'	    Server-ID (54), length 4: 192.0.2.1' \
	'	    Lease-Time (51), length 4: 86400' \
	'	    Domain-Name-Server (6), length 8: 192.0.2.53,198.51.100.53' \
	'	    FQDN (81), length 23: [S] "laptop-7.example.com"' \
	'	    DHCP-Message (53), length 1: NACK' \
	'	  Gateway-IP 198.51.100.1' \
	'	      Circuit-ID SubOption 1, length 15: eth0/1/3:vlan10' \
	'	    Unknown (250), length 4: 993803582' \
	'	    Unknown (250), length 3: 59.60.61'; do
	grep -qxF "$l" "$WORK/v.txt" || fail "-v: no line '$l'"
done
expect_grep '255.255.255.255.67: BOOTP/DHCP, Request \[|bootp\]$' "$WORK/n.txt" "truncated in the header"
expect_grep '^	  sname "srv" \[|bootp\]$' "$WORK/v.txt" "truncated in sname"
expect_grep '^	    Agent-Information (82), length 53:  \[|bootp\]$' "$WORK/v.txt" "truncated in an option"
"$BIN" print -n "$E6" >"$WORK/n6.txt" || fail "print -n exited $?"
"$BIN" print -n -v "$E6" >"$WORK/v6.txt" || fail "print -n -v exited $?"
expect_eq "$(sed -n 1p "$WORK/n6.txt")" \
	"22:13:20.000000 IP6 fe80::1.546 > ff02::1:2.547: dhcp6 solicit" "dhcpv6 solicit"
expect_eq "$(sed -n 3p "$WORK/v6.txt")" \
	"22:13:22.002000 IP6 (hlim 64, next-header UDP (17) payload length: 106) fe80::1.546 > ff02::1:2.547: [udp sum ok] dhcp6 request (xid=10203 (client-ID hwaddr type 1 020000000a01) (server-ID vid 0000000901020304) (IA_NA IAID:1 T1:1800 T2:2880 (IA_ADDR 2001:db8::77 pltime:3600 vltime:7200)) (option-request DNS-server DNS-search-list SNTP-servers NTP-server AFTR-Name opt_999) (elapsed-time 0))" \
	"-v dhcpv6 request"
expect_grep 'dhcp6 advertise (xid=abcdef .* (DNS-server 2001:db8::53 2001:db8::5353) (DNS-search-list example.com. lab.example.) (status-code Success))$' \
	"$WORK/v6.txt" "-v dhcpv6 advertise"
expect_grep 'dhcp6 relay-reply (linkaddr=2001:db8:1::1 peeraddr=fe80::1 (interface-ID 65746830...) (relay-message (dhcp6 reply (xid=abcdef ' \
	"$WORK/v6.txt" "-v dhcpv6 relay-reply"
expect_grep 'dhcp6 relay-fwd (linkaddr=2001:db8:1::1 peeraddr=fe80::1 (interface-ID 657468302f31...) \[|dhcp6\])$' \
	"$WORK/v6.txt" "-v dhcpv6 truncated"

command -v tcpdump >/dev/null 2>&1 || { echo "tcpdump not installed: comparison skipped"; exit 0; }
n=0
for flags in "-n" "-n -v" "-n -vv" "-n -vvv" "-n -e" "-n -e -vv" "-n -q" "-n -tt"; do
	# shellcheck disable=SC2086
	cmp_tcpdump "$E" $flags
	# shellcheck disable=SC2086
	cmp_tcpdump "$E6" $flags
done
# Mutated copies (seeded): random bytes changed or deleted after the
# UDP header, some cut short, 6000 of each capture.
for k in dhcp dhcp6; do
	"$PY" - "$WORK/g-$k.pcap" "$WORK/m-$k.pcap" 15 <<'MUT' || fail "mutator failed"
import random, struct, sys
random.seed(int(sys.argv[3]))
def rd(fn):
    d = open(fn, "rb").read(); o = 24; r = []
    while o + 16 <= len(d):
        _, _, cl, wl = struct.unpack("<IIII", d[o:o+16]); o += 16
        if cl == wl: r.append(d[o:o+cl])
        o += cl
    return r
src = rd(sys.argv[1])
out = []
for i in range(6000):
    b = bytearray(random.choice(src))
    hl = 42 if b[12:14] == b"\x08\x00" else 62
    for _ in range(random.randint(1, 6)):
        if len(b) <= hl: break
        k = random.randrange(hl, len(b))
        r = random.random()
        if r < 0.6: b[k] = random.randrange(256)
        elif r < 0.8: b[k] = random.choice([0, 1, 2, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff])
        else: del b[k]
    cap = len(b) if random.random() < 0.7 else random.randint(hl - 8, len(b))
    out.append((bytes(b), cap))
with open(sys.argv[2], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, (b, cap) in enumerate(out):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, cap, len(b)))
        f.write(b[:cap])
MUT
	for flags in "-n" "-n -v" "-n -vvv"; do
		# shellcheck disable=SC2086
		cmp_tcpdump "$WORK/m-$k.pcap" $flags
	done
done
# The real captures that carry DHCP (only their DHCP packets: the other
# protocols are compared elsewhere).
R="$SHARED/corpus/real"
for c in c_zeek-dhcp.pcap b_sv-dhcp-request-flood.pcap a_dm-dnscat-offline.pcapng \
	a_dm-roguerobin-ps-offline.pcapng b_dm-roguerobin-net-upload.pcapng b_dm-roguerobin-ps-upload.pcapng \
	c_sv-base64-5885.pcap c_sv-sip-method.pcap; do
	[ -f "$R/$c" ] || continue
	tcpdump -r "$R/$c" -w "$WORK/real-$c.pcap" 'udp port 67 or udp port 68 or udp port 546 or udp port 547' 2>/dev/null ||
		fail "tcpdump could not filter $c"
	for flags in "-n" "-n -v" "-n -vv" "-n -vvv"; do
		# shellcheck disable=SC2086
		cmp_tcpdump "$WORK/real-$c.pcap" $flags
	done
done
echo "$n lines identical to tcpdump"
