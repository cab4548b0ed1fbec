# SPDX-License-Identifier: GPL-2.0
"""The testbed guest as the injector drives it: the image's symbols and layout, one booted
guest (the injector core's breakpoints and landing, injector.py, plus poisoning the entry area
and reading what an entry's first instruction sees), and the outer events and paths the points
come from.  inject.py's docstring says what is measured and judged with it.  Python 3 standard
library only.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402
import qemu  # noqa: E402
from symbols import Symbols  # noqa: E402
from qemu import GuestGone, Qemu  # noqa: E402
from injector import GuestCore, GuestFailure, HarnessError  # noqa: E402,F401

CEA_IST_BASE = judge.LAYOUT["CEA_IST_BASE"]
IST_SIZE = judge.LAYOUT["IST_SIZE"]
CEA_MAIN = judge.LAYOUT["CEA_MAIN"]
CEA_MAIN_TOP = judge.LAYOUT["CEA_MAIN_TOP"]
PTREGS_SIZE = judge.LAYOUT["PTREGS_SIZE"]
IST_OF = {"nmi": judge.LAYOUT["IST_NMI"], "db": judge.LAYOUT["IST_DB"],
          "mc": judge.LAYOUT["IST_MC"]}
VECTOR = {"nmi": 2, "db": 1, "mc": 18}
ENTRY_SYM = {"nmi": "ref_asm_exc_nmi", "db": "ref_asm_exc_debug",
             "mc": "ref_asm_exc_machine_check"}
PT_REGS = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx",
           "rdx", "rsi", "rdi", "orig_ax", "rip", "cs", "eflags", "rsp", "ss"]

STOP_TIMEOUT = 1.0        # seconds: no stop within this is a hang (TCG runs an iteration in <1 ms)
BOOT_TIMEOUT = 10.0       # seconds to the first user_iter_start (0.15 s measured, TCG)


# ---------------------------------------------------------------------------------------------
# The image

class Image(Symbols):
    def __init__(self, path):
        super().__init__(path)
        self.segments = []
        out = subprocess.check_output(["readelf", "-lW", path], text=True)
        for line in out.splitlines():
            f = line.split()
            if f and f[0] == "LOAD":
                self.segments.append((int(f[2], 16), int(f[3], 16), int(f[5], 16)))
        self.disassemble()
        for need in list(ENTRY_SYM.values()) + ["ref_cea", "ref_nr_events", "ref_nr_syscalls",
                                                "ref_aist_commit", "user_iter_start",
                                                "user_nmi_spot", "user_mc_spot"]:
            if need not in self.syms:
                raise HarnessError("%s: no symbol %s" % (path, need))
        self.cea = self.syms["ref_cea"]

    def addr(self, spec):
        """SYMBOL, SYMBOL+0xOFF or a number."""
        try:
            return super().addr(spec)
        except ValueError:
            raise HarnessError("no such symbol: %s" % spec)

    def phys(self, vaddr):
        for v, p, memsz in self.segments:
            if v <= vaddr < v + memsz:
                return vaddr - v + p
        raise HarnessError("%#x is in no LOAD segment" % vaddr)

    def insn(self, addr):
        return self.insns.get(addr, "?")

    def point(self, point):
        """A point's name: SYMBOL+0xOFF, with #K for the K-th execution (judge.point_name)."""
        return judge.point_name(self.sym(point[0]), point[1])

    def parse_point(self, spec):
        name, instance = judge.parse_point(spec)
        return self.addr(name), instance


def is_pair(point):
    """A depth-two point: (P in the outer entry, Q in the entry nested at P)."""
    return isinstance(point[0], tuple)


def ist_range(cea, entry):
    lo = cea + CEA_IST_BASE + IST_OF[entry] * IST_SIZE
    return lo, lo + IST_SIZE


# ---------------------------------------------------------------------------------------------
# One booted guest

class Guest(GuestCore):
    step_stops_at_entry = False

    def __init__(self, img, features, iters, log=None, int_log=None):
        self.img = img
        self.log = log
        append = "features=%s iters=%d" % (",".join(features), iters)
        self.q = Qemu(img.path, append=append, int_log=int_log)
        self.g = self.q.gdb
        self.ev_phys = img.phys(img.syms["ref_nr_events"])
        self.sc_phys = img.phys(img.syms["ref_nr_syscalls"])
        self.iteration = -1
        self.counters = None

    def close(self):
        self.q.close()

    def serial_new(self):
        return self.q.serial_new()

    def sym(self, addr):
        return self.img.sym(addr)

    def dead(self):
        """Why the guest is gone: triple fault, FATAL, or its exit status."""
        try:
            rc = self.q.proc.wait(2)
        except Exception:
            rc = None
        text = self.q.serial()
        fatal = [line.strip() for line in text.splitlines() if "FATAL" in line]
        if fatal:
            return fatal[-1]
        fails = [line.strip() for line in text.splitlines() if line.startswith("FAIL")]
        if fails:
            return "; ".join(fails[:3]) + " (guest exited %s)" % rc
        if rc == 0:
            return "triple fault or reset (QEMU exited 0 without isa-debug-exit)"
        if rc is None:
            return "guest gone, QEMU still running"
        return "QEMU exited %d" % rc

    def finished(self, why):
        # The workload ran to its end: a breakpoint the harness waited for was missed.
        return why.startswith("QEMU exited %d" % qemu.EXIT_OK)

    def console_problem(self):
        fatal = [line.strip() for line in self.q.serial().splitlines() if "FATAL" in line]
        return ("FATAL: " + fatal[-1]) if fatal else None

    def entry_of(self, kind):
        return self.img.syms[ENTRY_SYM[kind]]

    def inject(self, kind):
        if kind == "nmi":
            self.q.qmp.inject_nmi()
        else:
            out = self.q.qmp.mce()
            if out.strip():
                raise HarnessError("mce: %s" % out.strip())

    def check_landing(self, kind, r):
        lo, hi = ist_range(self.img.cea, kind)
        if r["rsp"] != hi - 40:
            raise HarnessError("%s entry with RSP %#x, not its IST frame" % (kind, r["rsp"]))

    def go(self, targets, timeout=STOP_TIMEOUT):
        return GuestCore.go(self, targets, timeout)

    def land(self, kind, at):
        """Inject kind ('nmi'/'mc') now (stopped at `at`), run to its entry, check the frame."""
        return GuestCore.land(self, kind, at, STOP_TIMEOUT)

    def boot(self):
        """Run to the first user_iter_start: iteration 0."""
        try:
            self._rip = self.g.regs()["rip"]
        except GuestGone:
            raise GuestFailure(self.dead())
        return self.checkpoint()

    def read_counters(self):
        try:
            ev = self.q.qmp.read_phys(self.ev_phys, 32)
            sc = self.q.qmp.read_phys(self.sc_phys, 1)[0]
        except GuestGone:
            raise GuestFailure(self.dead())
        return ev + [sc]

    def checkpoint(self):
        """Run to the next user_iter_start; returns (counter delta, serial since the last one)."""
        self.go([self.img.syms["user_iter_start"]],
                BOOT_TIMEOUT if self.iteration < 0 else STOP_TIMEOUT)
        self.iteration += 1
        c = self.read_counters()
        delta = None if self.counters is None else [a - b for a, b in zip(c, self.counters)]
        self.counters = c
        return delta, self.serial_new()

    def stack_words(self, addr, n):
        return self.g.read_u64(addr, n) if n > 1 else [self.g.read_u64(addr)]

    def poison(self):
        judge.poison(self.g, self.img.cea)

    def go_point(self, point, here):
        """Run to the instance-th execution of the point's address, counting `here` (where the
        guest is stopped, already executing) as the first when it is that address."""
        addr, instance = point
        r = None
        for _ in range(instance - (1 if here == addr else 0)):
            r = self.go([addr])
        return r if r is not None else self.g.regs()

    def context(self, label, r):
        """Stopped at an entry's first instruction: the context its event interrupted."""
        return judge.Context(label, r, self.stack_words(r["rsp"], 5))


# ---------------------------------------------------------------------------------------------
# Points

def outer_trigger(guest, entry, injected):
    """From iteration start, make the outer event happen (NMI/#MC injected at its user spot).
    The entry area is poisoned right before it: the iteration's earlier events (its #DBs) leave
    replicas of the same user registers behind, which would stand in for a copy not made."""
    img = guest.img
    if entry == "db":
        guest.poison()
    elif entry == "nmi":
        spot = img.syms["user_nmi_spot"]
        guest.go([spot])
        guest.poison()
        guest.q.qmp.inject_nmi()
        guest.g.clear_bp(spot)
        injected[VECTOR["nmi"]] += 1
    elif entry == "mc":
        spot = img.syms["user_mc_spot"]
        guest.go([spot])
        guest.poison()
        out = guest.q.qmp.mce()
        if out.strip():
            raise HarnessError("mce: %s" % out.strip())
        guest.g.clear_bp(spot)
        injected[VECTOR["mc"]] += 1


def record_path(guest, entry, max_steps=20000):
    """Single-step from where the guest is stopped (an entry's first instruction) while RSP is on
    that entry's IST stack; returns the points, (RIP, K) for the K-th execution of RIP, in order."""
    lo, hi = ist_range(guest.img.cea, entry)
    g = guest.g
    for a in list(g.bps):
        g.clear_bp(a)
    seen, order = {}, []
    r = g.regs()
    for _ in range(max_steps):
        if not lo <= r["rsp"] <= hi:
            break
        seen[r["rip"]] = seen.get(r["rip"], 0) + 1
        order.append((r["rip"], seen[r["rip"]]))
        r = guest.step("stepping the %s path, after %s" % (entry, guest.img.point(order[-1])))
    else:
        raise HarnessError("%s path did not leave its IST stack in %d steps" % (entry, max_steps))
    return order


def enumerate_points(img, features, entry):
    guest = Guest(img, features, iters=3)
    try:
        guest.boot()
        injected = [0] * 33
        outer_trigger(guest, entry, injected)
        guest.go([img.syms[ENTRY_SYM[entry]]])
        pts = record_path(guest, entry)
        guest.checkpoint()
        return pts
    except GuestGone:
        raise GuestFailure(guest.dead())
    finally:
        guest.close()
