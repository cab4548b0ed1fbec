#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench/measure.py RUNS CMD...: prints "median_seconds peak_kb" of CMD over RUNS runs.

The clock runs around posix_spawn() and wait4() only: no shell and no /usr/bin/time between
(a fork and exec cost about 3 ms on a small VM, a sixth of a small run).  Peak RSS comes from
three more runs under GNU time (median): a child of this process would report Python's own
RSS, which Linux carries over exec into ru_maxrss.  Output and exit status are ignored."""
import os
import statistics
import sys
import tempfile
import time


def spawn(cmd, quiet):
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=quiet)
    os.waitpid(pid, 0)


def main():
    runs, cmd = int(sys.argv[1]), sys.argv[2:]
    null = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        spawn(cmd, quiet)
        times.append(time.perf_counter() - start)
    with tempfile.NamedTemporaryFile("r") as out:
        for _ in range(3):
            spawn(["/usr/bin/time", "-q", "-f", "%M", "-o", out.name] + cmd, quiet)
            out.seek(0)
            peaks.append(int(out.read().split()[-1]))
    print(f"{statistics.median_low(times):.4f} {statistics.median_low(peaks)}")


if __name__ == "__main__":
    main()
