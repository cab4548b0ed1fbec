#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the entry-boot initramfs: a newc cpio with /init (the static init), /proc and
/dev/console, owned by root.  Usage: mkinitrd.py INIT OUT.cpio"""
import sys


def entry(name, mode, data=b"", rdev=(0, 0), ino=[0]):
    ino[0] += 1
    name_b = name.encode() + b"\0"
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)


def main():
    init, out = sys.argv[1], sys.argv[2]
    data = open(init, "rb").read()
    blob = (entry("dev", 0o40755) + entry("dev/console", 0o20600, rdev=(5, 1)) +
            entry("proc", 0o40755) + entry("init", 0o100755, data) + entry("TRAILER!!!", 0))
    blob += b"\0" * (-len(blob) % 512)
    with open(out, "wb") as f:
        f.write(blob)


if __name__ == "__main__":
    main()
