#!/usr/bin/env python3
"""Conformance: `nettriage print` against tcpdump 4.99.3's own output.

For every row of ../shared/corpus/tcpdump*/MANIFEST.tsv, runs
    TZ=UTC build/nettriage print <tcpdump_flags> <pcap>
and compares stdout with <name>.out line for line, as exact bytes.
Prints the share of identical lines per file and in total.

Lines that differ for a documented reason are listed in known-diffs.tsv
(test name, line number, reason).  The run fails when a line differs that
is not listed there (a regression), and reports listed lines that now
match (so the list can shrink).
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
build = os.environ.get("BUILD", "build")
binary = os.path.join(root, build, "nettriage")
shared = os.environ.get("NT_SHARED", os.path.join(root, "..", "shared"))
corpora = [os.path.join(shared, "corpus", d) for d in ("tcpdump", "tcpdump-synthetic")]

known = {}
kd = os.path.join(here, "known-diffs.tsv")
if os.path.exists(kd):
    for line in open(kd):
        if line.startswith("#") or not line.strip():
            continue
        name, lineno, reason = line.rstrip("\n").split("\t", 2)
        known[(name, int(lineno))] = reason

total = same = 0
unexpected = []
fixed = []
rows = []
for corpus in corpora:
    man = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.exists(man):
        print("conformance: corpus not found: %s" % man)
        sys.exit(1)
    for row in list(open(man))[1:]:
        cols = row.rstrip("\n").split("\t")
        name, pcap, flags = cols[0], cols[1], cols[2]
        expected = open(os.path.join(corpus, name + ".out"), "rb").read().split(b"\n")
        if expected and expected[-1] == b"":
            expected.pop()
        env = dict(os.environ, TZ="UTC")
        cmd = [binary, "print"] + flags.split() + [os.path.join(corpus, pcap)]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=60)
        except subprocess.TimeoutExpired:
            unexpected.append((name, 0, "timeout"))
            continue
        if p.returncode < 0 or p.returncode >= 4:
            unexpected.append((name, 0, "exit status %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:200])))
        got = p.stdout.split(b"\n")
        if got and got[-1] == b"":
            got.pop()
        n = max(len(expected), len(got))
        ok = 0
        for i in range(n):
            e = expected[i] if i < len(expected) else None
            g = got[i] if i < len(got) else None
            if e == g:
                ok += 1
                if (name, i + 1) in known:
                    fixed.append((name, i + 1))
            elif (name, i + 1) not in known:
                unexpected.append((name, i + 1, "expected %r\n      got      %r" % (e, g)))
        total += n
        same += ok
        rows.append((name, ok, n))

for name, ok, n in rows:
    print("conformance: %-34s %4d/%-4d lines identical (%5.1f%%)" % (name, ok, n, 100.0 * ok / n if n else 100))
print("conformance: total %d/%d lines identical (%.1f%%)" % (same, total, 100.0 * same / total if total else 100))
for name, lineno in fixed:
    print("conformance: now matching, remove from known-diffs.tsv: %s line %d" % (name, lineno))
for name, lineno, msg in unexpected[:60]:
    print("conformance: REGRESSION %s line %d:\n      %s" % (name, lineno, msg))
if len(unexpected) > 60:
    print("conformance: ... %d more" % (len(unexpected) - 60))
passed = len(rows) - len({u[0] for u in unexpected})
print("%d passed, %d failed" % (passed, len(rows) - passed))
sys.exit(1 if unexpected else 0)
