#!/usr/bin/env python3
"""Writes the hand-made pcapng regressions of fuzz/regress/pcapng/ (issue 17).

    python3 fuzz/regress/mkpcapng.py [DIR]     # DIR: fuzz/regress/pcapng

Each file: a section header, interface description blocks with the
if_tsresol (9) / if_tsoffset (14) options below, and enhanced packet
blocks carrying one Ethernet/IPv4/UDP DNS query (10.0.0.1.1024 >
10.0.0.2.53, id 0x1234, A? a.example.).  Little-endian.
tests/e2e/t_pcapng_time.sh checks the committed files are what this
script writes, then runs print and analyze on them.
"""
import os
import struct
import sys

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def shb():
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))


def opt(code, val):
    return struct.pack("<HH", code, len(val)) + val + b"\0" * (-len(val) % 4)


def idb(tsresol=None, tsoffset=None):
    o = b""
    if tsresol is not None:
        o += opt(9, bytes([tsresol]))
    if tsoffset is not None:
        o += opt(14, struct.pack("<q", tsoffset))
    if o:
        o += opt(0, b"")
    return block(1, struct.pack("<HHI", 1, 0, 0) + o)  # LINKTYPE_ETHERNET, snaplen 0


def ipsum(h):
    s = sum(struct.unpack("!10H", h))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return (~s) & 0xFFFF


def frame():
    qname = b"\x01a\x07example\x00"
    dns = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + qname + struct.pack("!HH", 1, 1)
    udp = struct.pack("!HHHH", 1024, 53, 8 + len(dns), 0) + dns
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack("!H", ipsum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    return eth + ip + udp


def epb(ifid, ts):
    f = frame()
    return block(6, struct.pack("<IIIII", ifid, ts >> 32, ts & 0xFFFFFFFF, len(f), len(f)) + f)


FILES = {
    # bug 1: if_tsoffset INT64_MIN, time stamp 0: the packet's seconds are
    # INT64_MIN, the printer's old "nothing cached" marker.
    "tsoffset-int64-min-1": shb() + idb(tsoffset=INT64_MIN) + epb(0, 0),
    # bug 2: the offset added to the seconds overflows int64.
    #  if 0: if_tsresol 0 (1 unit a second), offset INT64_MAX, ts 1   -> 2^63 (saturates)
    #  if 1: if_tsresol 0, offset INT64_MIN, ts 2^64-1                -> INT64_MAX exactly
    #  if 2: microseconds, offset INT64_MAX, ts 2^64-1                -> saturates
    #  if 3: if_tsresol 0x80|63 (2^-63 s, clamped to 2^-18), offset INT64_MIN, ts 0 -> INT64_MIN
    #  if 4: if_tsresol 0, offset -5, ts 3 and 7                      -> -2 and 2 (no clamp)
    "tsoffset-overflow-1": shb() + idb(0, INT64_MAX) + idb(0, INT64_MIN) + idb(None, INT64_MAX)
    + idb(0x80 | 63, INT64_MIN) + idb(0, -5)
    + epb(0, 1) + epb(1, (1 << 64) - 1) + epb(2, (1 << 64) - 1) + epb(3, 0)
    + epb(4, 3) + epb(4, 7),
    # bug 2: a capture spanning 1970-01-01 to 2106-02-07 (136 years: more
    # than the ~58 years of nanoseconds whose fifth overflows int64),
    # for the HTML time axis.
    "time-axis-span-1": shb() + idb(0) + epb(0, 0) + epb(0, 0xFFFFFFFF),
    # times at both ends of the range the reader keeps (offsets INT64_MIN
    # and INT64_MAX, clamped to 1823-11-12 .. 2116-02-20): the widest span
    # the engine and the reports see (the last chart bucket ends more than
    # 2^63 - 1 ns after the first), through every analyze format.
    "time-extremes-1": shb() + idb(0, INT64_MIN) + idb(0, INT64_MAX)
    + epb(0, 0) + epb(1, 0) + epb(0, 5) + epb(1, 3),
}


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "pcapng")
    os.makedirs(d, exist_ok=True)
    for name, data in FILES.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
