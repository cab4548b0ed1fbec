# SPDX-License-Identifier: GPL-2.0
"""The symbols and instructions of an ELF image, from nm and objdump: what both injectors
(tests/testbed/inject.py over the testbed image, tests/kernel/inject-mainline.py over the booted
vmlinux) name points with.  Python standard library only."""
import re
import subprocess


class Symbols:
    def __init__(self, path):
        self.path = path
        self.syms, self.sizes = {}, {}
        out = subprocess.check_output(["nm", "-S", "--defined-only", path], text=True)
        for line in out.splitlines():
            f = line.split()
            if len(f) == 4:
                addr, size, name = int(f[0], 16), int(f[1], 16), f[3]
            elif len(f) == 3:
                addr, size, name = int(f[0], 16), 0, f[2]
            else:
                continue
            self.syms.setdefault(name, addr)
            self.sizes.setdefault(name, size)
        self.by_addr = sorted((a, n) for n, a in self.syms.items()
                              if not n.startswith((".L", "$")))
        self.insns, self.iretqs = {}, []

    def disassemble(self, lo=None, hi=None):
        """Adds the instructions of [lo, hi) (all code when None) to insns (address -> text)
        and the iretqs among them to iretqs."""
        cmd = ["objdump", "-d", "-w", "--no-show-raw-insn"]
        if lo is not None:
            cmd += ["--start-address=%#x" % lo, "--stop-address=%#x" % hi]
        out = subprocess.check_output(cmd + [self.path], text=True)
        for line in out.splitlines():
            m = re.match(r"\s*([0-9a-f]+):\s+(.*)$", line)
            if m:
                self.insns[int(m.group(1), 16)] = m.group(2).strip()
        self.iretqs = sorted(a for a, t in self.insns.items() if t.split()[:1] == ["iretq"])

    def addr(self, spec):
        """SYMBOL, SYMBOL+0xOFF or a number; ValueError for anything else."""
        m = re.match(r"^([A-Za-z_.$][\w.$]*)(?:\+(0x[0-9a-fA-F]+|\d+))?$", spec)
        if m and m.group(1) in self.syms:
            return self.syms[m.group(1)] + (int(m.group(2), 0) if m.group(2) else 0)
        return int(spec, 0)

    def sym(self, addr):
        """symbol+0xoff: the sized symbol (function) that covers addr, else the nearest below."""
        best = None
        lo, hi = 0, len(self.by_addr)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.by_addr[mid][0] <= addr:
                lo = mid + 1
            else:
                hi = mid
        for base, name in reversed(self.by_addr[max(0, lo - 64):lo]):
            if best is None:
                best = (base, name)
            if base <= addr < base + self.sizes.get(name, 0):
                best = (base, name)
                break
        if best is None:
            return "%#x" % addr
        base, name = best
        return name if addr == base else "%s+%#x" % (name, addr - base)
