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
}


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "pcapng")
    os.makedirs(d, exist_ok=True)
    for name, data in FILES.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
