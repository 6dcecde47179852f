#!/usr/bin/env python3
"""Peak RSS of a command where GNU time is not installed.

usage: peakrss.py OUT [--stdin FILE] CMD...

Runs CMD and polls VmHWM (the kernel's high-water mark of the process
image) from /proc every 5 ms; writes "SECONDS KIB" to OUT, as
`/usr/bin/time -f "%e %M"` does, and exits with CMD's status.  A lower
estimate: the last moments before exit are not seen.  With --stdin, FILE
is fed to CMD's standard input (its standard output is discarded) and the
pipe is held open 0.3 s after the last byte, so that the peak after the
tables filled is seen.  (getrusage is no use from here: a child's peak
includes its parent's memory at fork, before exec.)
"""
import subprocess
import sys
import threading
import time


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out, args, feed_from = argv[1], argv[2:], None
    if args[0] == "--stdin":
        feed_from, args = args[1], args[2:]
    t = time.monotonic()
    if feed_from is None:
        p = subprocess.Popen(args)
    else:
        p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)

        def feed():
            try:
                with open(feed_from, "rb") as f:
                    while True:
                        b = f.read(1 << 20)
                        if not b:
                            break
                        p.stdin.write(b)
                p.stdin.flush()
                time.sleep(0.3)
            finally:
                p.stdin.close()

        threading.Thread(target=feed, daemon=True).start()
    hwm = 0
    while p.poll() is None:
        try:
            for line in open("/proc/%d/status" % p.pid):
                if line.startswith("VmHWM:"):
                    hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    with open(out, "w") as f:
        f.write("%.2f %d\n" % (time.monotonic() - t, hwm))
    return p.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
