#!/usr/bin/env python3
# \summary: writes tests/data/damaged/* (broken captures for the reader's
# error paths) from tests/data/yummyrecipes.pcap; deterministic.
import os
import struct
import sys

root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
src = os.path.join(root, "tests", "data", "yummyrecipes.pcap")
out = os.path.join(root, "tests", "data", "damaged")
os.makedirs(out, exist_ok=True)
data = open(src, "rb").read()

# Record offsets of the good file.
recs = []
off = 24
while off < len(data):
    sec, usec, cap, wire = struct.unpack_from("<IIII", data, off)
    recs.append((off, sec, usec, cap, wire))
    off += 16 + cap
r4 = recs[3][0]


def write(name, b):
    with open(os.path.join(out, name), "wb") as f:
        f.write(b)


# Cut inside record 4's data, inside its header, and exactly before it.
write("truncated-mid-record.pcap", data[: r4 + 16 + 100])
write("truncated-mid-header.pcap", data[: r4 + 8])
write("truncated-at-boundary.pcap", data[:r4])
# Not a capture: bad magic, and an empty file.
write("bad-magic.pcap", b"JUNK" + data[4:])
write("empty.pcap", b"")
# Record 4 claims 300000 captured bytes (> 262144).
b = bytearray(data)
struct.pack_into("<II", b, r4 + 8, 300000, 300000)
write("huge-caplen.pcap", bytes(b))


# pcapng: SHB, IDB, three EPBs, then a block whose length is impossible.
def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


ng = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
ng += block(1, struct.pack("<HHI", 1, 0, 262144))
for (o, sec, usec, cap, wire) in recs[:3]:
    ts = sec * 1000000 + usec
    ng += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, cap, wire)
                + data[o + 16 : o + 16 + cap])
ng += struct.pack("<II", 6, 10) + b"\0" * 24
write("pcapng-bad-block-length.pcapng", ng)
sys.stdout.write("damaged fixtures written to %s\n" % out)
