#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mainline under injection (issue 17): nest NMIs and #MCs in the real 6.12 entry code.

Boots the entry-boot kernel (tests/kernel/build-corpus.sh boot) under QEMU (TCG) with the static
init of tests/kernel/boot/ as its whole user space, and drives it through the gdbstub and QMP with
the testbed's clients (tests/testbed/qemu.py) and the testbed injector's method
(tests/testbed/inject.py): points enumerated by single-stepping the unperturbed path once, one
workload iteration per point, each injection's landing proven by the nested entry's saved RIP, a
reboot after a failed point.  Python 3 standard library only.  With --kernel aist it boots the
atomic-IST series on the same tree (tests/kernel/aist/), --append atomic_ist=on selecting it.

Areas (outer event, the instructions it runs that are the points, the nested sequences):
    syscall-in   the workload's SYSCALL: entry_SYSCALL_64 from its first instruction up to the
                 call of do_syscall_64                                          nmi
    syscall-out  the same SYSCALL after do_syscall_64 returned, up to sysretq   nmi
    int3         the workload's int3: asm_exc_int3's user-mode path until RSP reaches the task
                 stack                                                          nmi, mc
    debug        the workload's first single-step #DB: asm_exc_debug's user-mode path until RSP
                 reaches the task stack                                         nmi, mc
    nmi          an NMI injected in user mode: asm_exc_nmi until it leaves the NMI stack and
                 has copied its hardware frame off it (RSP and RDX both off the cpu_entry_area)
                                                                                mc, mc+nmi
    paranoid     an NMI injected at entry_SYSCALL_64's first instruction (kernel mode, the user's
                 GSBASE and CR3): its paranoid_entry, first instruction to the return (the
                 GSBASE and CR3 switches)                                       mc
    mc-user      a #MC injected in user mode: asm_exc_machine_check's user-mode path until RSP
                 reaches the task stack                                         nmi
    mc-kernel    a #MC injected at entry_SYSCALL_64's first instruction: the asm it runs
                 (asm_exc_machine_check, paranoid_entry, paranoid_exit, the return to kernel)
                 up to its iretq; exc_machine_check is run through            nmi
    nmi-kernel   an NMI injected there: asm_exc_nmi's kernel-mode path (the nested-NMI
                 protocol, paranoid_entry, the CR3/GSBASE restore) up to its iretq; exc_nmi
                 is run through                                                 mc, mc+nmi
Sequences: nmi, mc: one nested event at the point.  mc+nmi: a #MC at the point, then an NMI at the
instruction the #MC's iretq returns to (that IRET unblocked NMIs): the classic NMI's hazard.  At
asm_exc_nmi's first instruction the NMI is injected while stopped at the #MC's iretq instead (NMIs
still blocked, it is taken right after the IRET: same saved RIP), since a breakpoint there is also
the one the second NMI's own entry stops at.

Judge, per point: the kernel does not panic, oops, warn or die (panic=-1 oops=panic: QEMU exits),
no hang (a stop within the bound), the init's register checks (every GPR, RFLAGS, the FS base and
the GS base after every event, each set to a new pattern before it: a FAIL line per register that
came back wrong, charged to the point of the iteration it was printed in), and the counts: the
init's own (one int3, three #DB, one #GP, the SYSCALL, its failed checks) and the kernel's NMI and
MCE counts from /proc/interrupts, read by the init after each iteration, against the unperturbed
iteration's plus what was injected.  The init reaches the bases with WRFSBASE/RDGSBASE and the like
when the kernel allows them (AT_HWCAP2), else with arch_prctl; a config whose FSGSBASE setting the
init does not see is a harness error.

The #MC: HMP `mce 0 1 0xb100000000000000 5 0 0` (bank 1, VAL|UC|EN|S, MCACOD 0; MCG_STATUS
RIPV|MCIP) on a CPU with Intel's vendor string and MCG_SER_P (QEMU's default MCG_CAP).
arch/x86/kernel/cpu/mce/severity.c grades UC|S without AR as "Action optional: unknown MCACOD"
(MCE_SOME_SEVERITY) in every context: do_machine_check() logs it, clears the bank and MCG_STATUS and
returns, from user and kernel mode alike.  Not UC alone: that grades UCNA, below KEEP, and
mce_reign() panics "Fatal machine check from unknown source" (measured).  Not QEMU's TCG `max` CPU
as it is: it says AuthenticAMD, and mce_severity_amd() panics on a UC error without SUCCOR.

Usage:
    inject-mainline.py [--cache DIR] [--init ELF --initrd CPIO] [--area A,B] [--pti on,off]
                       [--fsgsbase on,off] [--jobs N] [--format text|json] [--sample N]
                       [--kernel entry-boot|aist | --vmlinux FILE] [--append ARGS]
    inject-mainline.py --area nmi --sequence mc+nmi --point asm_exc_nmi+0x39 -v
Exit: 0 when every point of every area survived; 1 when one failed; 2 harness error; 77 when
QEMU or the kernel is missing.
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "testbed"))
import qemu  # noqa: E402
from qemu import QemuError  # noqa: E402
from symbols import Symbols  # noqa: E402
from injector import (GuestCore, GuestFailure, HarnessError, in_shard, parse_shard,  # noqa: E402
                      sample)

CEA_LO, CEA_HI = 0xfffffe0000000000, 0xfffffe8000000000    # cpu_entry_area (4-level paging)
# TCG's max CPU says AMD, whose #MC grading panics on any UC error without SUCCOR: Intel's
# grades VAL|UC|EN|S as action optional in any context, and the kernel returns.
KERNEL_CPU = "max,vendor=GenuineIntel"
MCE_ARGS = dict(bank=1, status=0xb100000000000000, mcg_status=5)
STOP_TIMEOUT = 5.0        # no stop within this is a hang (an iteration takes ~50 ms under TCG)
CHUNK = 20                # points per session (boot)
BOOT_TIMEOUT = 60.0
BAD = re.compile(r"Kernel panic|Oops|BUG:|WARNING:|double fault|general protection fault|"
                 r"Call Trace|unable to handle|stack guard|Rebooting|reboot: Restarting")

AREAS = {
    # area: (outer event, sequences, kernel entry symbol the outer event starts at)
    "syscall-in": ("syscall", ["nmi"], "entry_SYSCALL_64"),
    "syscall-out": ("syscall", ["nmi"], "entry_SYSCALL_64"),
    "int3": ("int3", ["nmi", "mc"], "asm_exc_int3"),
    "debug": ("db", ["nmi", "mc"], "asm_exc_debug"),
    "nmi": ("nmi", ["mc", "mc+nmi"], "asm_exc_nmi"),
    "paranoid": ("knmi", ["mc"], "paranoid_entry"),
    "mc-user": ("mc", ["nmi"], "asm_exc_machine_check"),
    "mc-kernel": ("kmc", ["nmi"], "asm_exc_machine_check"),
    "nmi-kernel": ("knmi-all", ["mc", "mc+nmi"], "asm_exc_nmi"),
}
# mc-kernel, nmi-kernel: the asm the kernel-mode #MC (NMI) runs, from its first instruction to
# its iretq; its C handler is run through, not stepped, and is no point.
ASM_ONLY = {"mc-kernel": ("asm_exc_machine_check", "paranoid_entry", "paranoid_exit",
                          "common_interrupt_return"),
            "nmi-kernel": ("asm_exc_nmi", "paranoid_entry")}
ENTRY = {"nmi": "asm_exc_nmi", "mc": "asm_exc_machine_check"}


def in_cea(a):
    return CEA_LO <= a < CEA_HI


# ---------------------------------------------------------------------------------------------

class Kernel(Symbols):
    """Symbols and instructions of the booted vmlinux, and the init's symbols."""

    def __init__(self, vmlinux, init):
        super().__init__(vmlinux)
        self.vmlinux = vmlinux
        self.disassemble(self.syms["__entry_text_start"], self.syms["__entry_text_end"])
        self.disassemble(self.syms["__noinstr_text_start"], self.syms["__noinstr_text_end"])
        self.user = {}
        out = subprocess.check_output(["nm", "--defined-only", init], text=True)
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3:
                self.user[f[2]] = int(f[0], 16)
        for s in ("user_iter_start", "user_syscall_insn", "user_int3", "user_tf",
                  "user_nmi_spot", "user_mc_spot", "init_state"):
            if s not in self.user:
                raise HarnessError("%s: no symbol %s" % (init, s))
        # entry_SYSCALL_64's call of do_syscall_64 and its return address
        f = self.syms["entry_SYSCALL_64"]
        calls = [a for a, t in sorted(self.insns.items())
                 if f <= a < f + 0x200 and re.search(r"call\s.*<do_syscall_64>", t)]
        if len(calls) != 1:
            raise HarnessError("entry_SYSCALL_64: %d calls of do_syscall_64" % len(calls))
        self.call_do_syscall = calls[0]
        self.after_call = min(a for a in self.insns if a > calls[0])


class Config:
    def __init__(self, vmlinux, initrd, init, pti, fsgsbase, extra=""):
        self.vmlinux, self.initrd, self.init = vmlinux, initrd, init
        self.pti, self.fsgsbase, self.extra = pti, fsgsbase, extra

    def append(self, iters):
        a = "console=ttyS0 loglevel=5 panic=-1 oops=panic nokaslr iters=%d" % iters
        a += " pti=on" if self.pti else " pti=off"
        if not self.fsgsbase:
            a += " nofsgsbase"
        return a + (" " + self.extra if self.extra else "")

    def name(self):
        return "pti=%s fsgsbase=%s" % ("on" if self.pti else "off",
                                        "on" if self.fsgsbase else "off")


# ---------------------------------------------------------------------------------------------

class Guest(GuestCore):
    def __init__(self, k, cfg, iters, int_log=None):
        self.k, self.cfg = k, cfg
        self.q = qemu.Qemu(cfg.vmlinux, cfg.append(iters), int_log=int_log,
                           cpu=KERNEL_CPU, memory="256M", initrd=cfg.initrd)
        self.g = self.q.gdb
        self.iteration = -1
        self.state = None

    def close(self):
        self.q.close()

    def sym(self, addr):
        return self.k.sym(addr)

    def dead(self):
        try:
            rc = self.q.proc.wait(2)
        except subprocess.TimeoutExpired:
            rc = None
        text = self.q.serial()
        bad = [line.strip() for line in text.splitlines() if BAD.search(line)]
        fails = [line.strip() for line in text.splitlines() if line.startswith("FAIL")]
        what = bad[:3] + fails[:3]
        if what:
            return "; ".join(what) + " (QEMU exited %s)" % rc
        if rc == 0:
            return "triple fault, reset or power-off (QEMU exited 0): %s" % (
                text.strip().splitlines()[-1:] or ["no console output"])[0]
        return "guest gone (QEMU exit %s)" % rc

    def console_problem(self):
        bad = [line.strip() for line in self.q.serial().splitlines() if BAD.search(line)]
        return bad[-1] if bad else None

    def entry_of(self, kind):
        return self.k.syms[ENTRY[kind]]

    def check_landing(self, kind, r):
        if not in_cea(r["rsp"]):
            raise HarnessError("%s entry with RSP %#x, not on its IST stack" % (kind, r["rsp"]))

    def go(self, targets, timeout=STOP_TIMEOUT):
        return GuestCore.go(self, targets, timeout)

    def land(self, kind, at):
        """Inject kind now (stopped at `at`), run to its entry, check the saved RIP."""
        return GuestCore.land(self, kind, at, STOP_TIMEOUT)

    def read_state(self):
        # At user_iter_start the CPU is in user mode: the gdbstub reads the init's memory.
        vals = self.g.read_u64(self.k.user["init_state"], 10)
        return dict(zip(["iter", "nmi", "mce", "syscalls", "int3s", "dbs", "gps", "fails",
                         "proc_ok", "fsgsbase"], vals))

    def checkpoint(self, timeout=STOP_TIMEOUT):
        """Run to the next user_iter_start: (counter delta, console text since the last one)."""
        self.go([self.k.user["user_iter_start"]], timeout)
        self.iteration += 1
        s = self.read_state()
        delta = None if self.state is None else {k: s[k] - self.state[k] for k in s}
        self.state = s
        return delta, self.q.serial_new()

    def boot(self):
        self._rip = self.g.regs()["rip"]
        self.checkpoint(BOOT_TIMEOUT)
        if not self.state["proc_ok"]:
            raise HarnessError("the init found no NMI/MCE counts in /proc/interrupts")
        # Else fsgsbase=on would quietly test the arch_prctl path (a CPU without FSGSBASE).
        if self.state["fsgsbase"] != self.cfg.fsgsbase:
            raise HarnessError("%s: the init %s FSGSBASE (AT_HWCAP2)" % (
                self.cfg.name(), "sees" if self.state["fsgsbase"] else "does not see"))

    def inject(self, kind):
        if kind == "nmi":
            self.q.qmp.inject_nmi()
        else:
            out = self.q.qmp.mce(**MCE_ARGS)
            if out.strip():
                raise HarnessError("mce: %s" % out.strip())


# ---------------------------------------------------------------------------------------------

def outer(guest, area, injected):
    """From user_iter_start, run to the outer entry's first point; returns its registers."""
    k = guest.k
    ev, _, first = AREAS[area]
    if ev in ("syscall", "knmi", "kmc", "knmi-all"):
        guest.go([k.user["user_syscall_insn"]])
        if area == "syscall-out":
            r = guest.go([k.after_call], STOP_TIMEOUT)
            return r
        r = guest.go([k.syms["entry_SYSCALL_64"]])
        if ev in ("knmi", "kmc", "knmi-all"):
            # An NMI (#MC) at SYSCALL's first instruction: kernel mode with the user's GSBASE
            # and (PTI) CR3, so its paranoid_entry switches both (and paranoid_exit back).
            kind = "mc" if ev == "kmc" else "nmi"
            r, _ = guest.land(kind, k.syms["entry_SYSCALL_64"])
            injected[kind] += 1
            if ev == "knmi":
                r = guest.go([k.syms["paranoid_entry"]])
        return r
    if ev == "int3":
        guest.go([k.user["user_int3"]])
    elif ev == "db":
        guest.go([k.user["user_tf"]])
    elif ev in ("nmi", "mc"):
        spot = k.user["user_%s_spot" % ev]
        guest.go([spot])
        guest.land(ev, spot)
        injected[ev] += 1
        return guest.g.regs()
    return guest.go([k.syms[first]])


def area_done(area, k, r, start):
    """Is the outer entry past the area (the point list ends before this instruction)?"""
    rip, rsp = r["rip"], r["rsp"]
    if area == "syscall-in":
        return rip == k.call_do_syscall + 1 or rip < k.syms["entry_SYSCALL_64"] or \
            rip >= k.syms["entry_SYSCALL_64"] + k.sizes["entry_SYSCALL_64"]
    if area == "syscall-out":
        return (r["cs"] & 3) == 3
    if area == "nmi":
        return not in_cea(rsp) and not in_cea(r["rdx"])
    if area in ("paranoid", "mc-kernel", "nmi-kernel"):
        return rip == start["ret"]             # returned from paranoid_entry, the #MC's iretq
    return not in_cea(rsp)                     # int3, debug: reached the task stack


def record_path(guest, area, max_steps=5000):
    g, k = guest.g, guest.k
    g.clear_all_bps()
    r = g.regs()
    start = dict(r, ret=g.read_u64(r["rsp"]))
    order, seen = [], set()
    keep = [(k.syms[f], k.syms[f] + k.sizes[f]) for f in ASM_ONLY.get(area, ())]
    prev = None
    for _ in range(max_steps):
        if area_done(area, k, r, start):
            break
        if keep and not any(lo <= r["rip"] < hi for lo, hi in keep):
            if k.insns.get(prev, "").startswith("call"):
                prev = None
                r = guest.go([g.read_u64(r["rsp"])])       # run the C handler through
                g.clear_all_bps()
                continue
        elif r["rip"] not in seen:
            seen.add(r["rip"])
            order.append(r["rip"])
        if area == "syscall-in" and r["rip"] == k.call_do_syscall:
            break
        prev = r["rip"]
        r = guest.step("stepping the %s path" % area)
    else:
        raise HarnessError("%s: path did not end in %d steps" % (area, max_steps))
    return order


def enumerate_points(k, cfg, area):
    guest = Guest(k, cfg, iters=3)
    try:
        guest.boot()
        guest.checkpoint()
        outer(guest, area, {"nmi": 0, "mc": 0})
        pts = record_path(guest, area)
        guest.checkpoint()
        return pts
    finally:
        guest.close()


# ---------------------------------------------------------------------------------------------

class Session:
    def __init__(self, k, cfg, area, seq, points, verbose=False, int_log=None):
        self.k, self.cfg, self.area, self.seq, self.points = k, cfg, area, seq, points
        self.verbose, self.int_log = verbose, int_log
        self.guest = None
        self.baseline = None
        self.tried = self.survived = self.boots = 0
        self.failures, self.harness = [], []
        self.outcome = {}
        self.irets = {}         # mc+nmi: the iretq that returned from the #MC -> points
        self.seconds = 0.0

    def say(self, *a):
        if self.verbose:
            print(*a)

    def boot(self, remaining):
        if self.guest:
            self.guest.close()
        self.boots += 1
        self.guest = Guest(self.k, self.cfg, remaining + 3, self.int_log)
        self.guest.boot()
        # Iteration 0, unperturbed: the baseline (the kernel may still probe devices: more time)
        delta, text = self.guest.checkpoint(BOOT_TIMEOUT)
        if "FAIL" in text or BAD.search(text) or delta["fails"]:
            raise HarnessError("unperturbed iteration failed: %s" % text.strip())
        if (delta["iter"], delta["syscalls"], delta["int3s"], delta["dbs"], delta["gps"]) != \
                (1, 1, 1, 3, 1):
            raise HarnessError("unperturbed iteration: %s" % delta)
        self.baseline = delta

    def run(self):
        t0 = time.monotonic()
        todo = list(self.points)
        try:
            while todo:
                if self.guest is None:
                    try:
                        self.boot(len(todo))
                    except (GuestFailure, HarnessError, QemuError, OSError) as e:
                        # No data point: every point left is a harness error.
                        self.harness += [{"point": self.k.sym(q), "what": "boot: %s" % e}
                                         for q in todo]
                        for q in todo:
                            self.outcome[q] = "harness"
                        break
                p = todo.pop(0)
                status, why = self.one(p)
                self.outcome[p] = status
                if status == "harness":
                    self.harness.append({"point": self.k.sym(p), "what": why})
                else:
                    self.tried += 1
                    if status == "ok":
                        self.survived += 1
                    else:
                        self.failures.append({"point": self.k.sym(p), "what": why})
                if status != "ok":
                    self.guest.close()
                    self.guest = None
        finally:
            if self.guest:
                self.guest.close()
            self.seconds = time.monotonic() - t0
        return self

    def one(self, p):
        injected = {"nmi": 0, "mc": 0}
        g, k = self.guest, self.k
        try:
            outer(g, self.area, injected)
            if g._rip != p:
                g.go([p])
            self.say("== outer %s at %s (%s)" % (self.area, k.sym(p), k.insns.get(p, "?")))
            if self.seq in ("nmi", "mc"):
                r, frame = g.land(self.seq, p)
                injected[self.seq] += 1
                self.say("   nested %s landed: saved rip=%s cs=%#x rsp=%#x" %
                         (self.seq, k.sym(frame[0]), frame[1], frame[3]))
            elif self.seq == "mc+nmi":
                r, frame = g.land("mc", p)
                injected["mc"] += 1
                self.say("   nested mc landed: saved rip=%s" % k.sym(frame[0]))
                for _ in range(8):
                    r = g.go(k.iretqs)
                    iret = g.g.read_u64(r["rsp"], 5)
                    self.say("   %s: iretq to %s cs=%#x rsp=%#x" %
                             (k.sym(r["rip"]), k.sym(iret[0]), iret[1], iret[3]))
                    if iret[0] == p:
                        self.irets.setdefault(r["rip"], []).append(p)
                        break
                else:
                    raise HarnessError("the #MC's iretq back to %s was not found" % k.sym(p))
                if p == k.syms["asm_exc_nmi"]:
                    # P is the NMI's own entry (a breakpoint there is the one the second NMI
                    # stops at): inject while stopped at the iretq, NMIs still blocked by the
                    # first NMI: it is taken as soon as the IRET unblocks them, before P.
                    g.inject("nmi")
                    r = g.go([p])
                    frame = g.g.read_u64(r["rsp"], 5)
                    if frame[0] != p:
                        raise HarnessError("second nmi meant for %s landed at %s" %
                                           (k.sym(p), k.sym(frame[0])))
                else:
                    # Elsewhere: stop at P after the IRET and inject there (NMIs may be
                    # unblocked before that IRET: DEBUG_ENTRY's first_nmi iretq unmasks them).
                    g.go([p])
                    r, frame = g.land("nmi", p)
                injected["nmi"] += 1
                self.say("   second nmi landed after the mc's iretq: saved rip=%s cs=%#x" %
                         (k.sym(frame[0]), frame[1]))
            delta, text = g.checkpoint()
        except GuestFailure as e:
            return "fail", str(e)
        except (HarnessError, QemuError) as e:
            return "harness", str(e)
        problems = [line.strip() for line in text.splitlines()
                    if line.startswith("FAIL") or BAD.search(line)]
        b = self.baseline
        if delta["nmi"] != b["nmi"] + injected["nmi"]:
            problems.append("kernel NMI count %+d, injected %d" %
                            (delta["nmi"] - b["nmi"], injected["nmi"]))
        if delta["mce"] != b["mce"] + injected["mc"]:
            problems.append("kernel MCE count %+d, injected %d" %
                            (delta["mce"] - b["mce"], injected["mc"]))
        for c in ("syscalls", "int3s", "dbs", "gps"):
            if delta[c] != b[c]:
                problems.append("%s %d, unperturbed %d" % (c, delta[c], b[c]))
        if delta["fails"]:
            problems.append("%d register/count checks failed in the init" % delta["fails"])
        if self.verbose:
            self.say("   console: %s" % (text.strip() or "(nothing)"))
        return ("fail" if problems else "ok"), "; ".join(problems)


def findings_table(path, k, results):
    """Per finding of an aist-mainline-expected.txt: the (config, area, sequence) whose points
    included its instruction, and whether the point failed there."""
    rows = []
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 4:
            continue
        try:
            addr = k.addr(f[1])
        except ValueError:
            addr = None
        obs = []
        for c, a, s, n, r in results:
            if addr in r.outcome:
                obs.append({"config": c.name(), "area": a, "sequence": s, "tried": 1,
                            "failed": int(r.outcome[addr] == "fail")})
            if addr in r.irets:
                # the #MC's iretq that unblocked NMIs before the second NMI of mc+nmi
                pts = r.irets[addr]
                obs.append({"config": c.name(), "area": a, "sequence": s + " (its iretq)",
                            "tried": len(pts),
                            "failed": sum(r.outcome.get(p) == "fail" for p in pts)})
        rows.append({"rule": f[0], "at": f[1], "line": f[2], "message": f[3], "observed": obs})
    return rows


def read_expected(path):
    """The reviewed failing points of an expected file: (config, area, sequence, point)."""
    want = set()
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if not line.startswith("#") and len(f) >= 4:
            want.add(tuple(f[:4]))
    return want


def shape(text):
    """An instruction as a kernel-independent string: addresses, RIP-relative displacements,
    symbol offsets and objdump's comments dropped."""
    text = re.sub(r"<([^>+]+)(\+0x[0-9a-f]+)?>", r"<\1>", text.split("#")[0])
    text = re.sub(r"-?0x[0-9a-f]+\(%rip\)", "DISP(%rip)", text)
    return re.sub(r"\b(0x)?[0-9a-f]{8,16}\b", "ADDR", text).strip()


def translate_points(old, new, points):
    """Map points (SYMBOL+0xOFF of kernel old) to kernel new: each function's instructions in the
    two kernels are aligned by their shape (difflib), so a point moved by code the new kernel
    inserted (the series' alternative) keeps its instruction.  {point: new point or None}."""
    out = {}
    for sym in sorted({p.split("+")[0] for p in points}):
        lists = []
        for k in (old, new):
            lo = k.syms.get(sym)
            if lo is None:
                lists.append([])
                continue
            k.disassemble(lo, lo + k.sizes.get(sym, 0))
            lists.append([(a - lo, shape(t)) for a, t in sorted(k.insns.items())
                          if lo <= a < lo + k.sizes.get(sym, 0)])
        a, b = lists
        where = {}
        sm = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
        for i, j, n in sm.get_matching_blocks():
            for d in range(n):
                where[a[i + d][0]] = b[j + d][0]
        for p in points:
            if p.split("+")[0] != sym:
                continue
            off = int(p.split("+")[1], 16) if "+" in p else 0
            to = where.get(off)
            out[p] = None if to is None else (sym if to == 0 else "%s+%#x" % (sym, to))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cache = os.environ.get("ISTCHECK_CACHE", "/var/cache/istcheck")
    ap.add_argument("--cache", default=cache)
    ap.add_argument("--vmlinux")
    ap.add_argument("--kernel", default="entry-boot",
                    help="the corpus kernel to boot: entry-boot, or aist (the atomic-IST series)")
    ap.add_argument("--init", help="the static init ELF (for its symbols)")
    ap.add_argument("--initrd", help="the initramfs holding that init")
    ap.add_argument("--area", default=",".join(AREAS))
    ap.add_argument("--sequence", help="only these sequences")
    ap.add_argument("--pti")
    ap.add_argument("--fsgsbase")
    ap.add_argument("--append", default="", help="more kernel command line (atomic_ist=on)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=0, help="at most N points per area (0: all)")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--full", action="store_true",
                    help="PTI on and off, FSGSBASE on and off (default: PTI on, FSGSBASE on)")
    ap.add_argument("--expect", help="the reviewed failing points: exit 0 when exactly those "
                    "fail (tests/kernel/inject-mainline-expected.txt)")
    ap.add_argument("--expect-from", metavar="KERNEL", help="the kernel --expect's points are "
                    "of (a corpus kernel's name, entry-boot, or a vmlinux path), for the series "
                    "with atomic_ist=off: each is translated to its instruction in this one")
    ap.add_argument("--expect-added", metavar="FILE", help="more reviewed failing points, of this "
                    "kernel: at instructions --expect-from's kernel does not have")
    ap.add_argument("--findings", help="aist findings (aist-mainline-expected.txt): print "
                    "which were among the points, and what happened there")
    ap.add_argument("--shard", metavar="K/N", help="run the K-th of N stable shares of the "
                    "points (merge the JSON reports with tests/testbed/merge-shards.py)")
    ap.add_argument("--point")
    ap.add_argument("--int-log")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        ap.error(str(e))

    vmlinux = args.vmlinux or os.path.join(args.cache, args.kernel, "vmlinux")
    if not qemu.qemu_binary():
        print("inject-mainline.py: qemu-system-x86_64 not found: skipped", file=sys.stderr)
        return 77
    if not os.path.exists(vmlinux):
        print("inject-mainline.py: no %s kernel at %s: skipped" % (args.kernel, vmlinux),
              file=sys.stderr)
        return 77
    if not (args.init and args.initrd):
        ap.error("--init and --initrd are required")
    k = Kernel(vmlinux, args.init)
    ptis = args.pti or ("on,off" if args.full else "on")
    fss = args.fsgsbase or ("on,off" if args.full else "on")
    cfgs = [Config(vmlinux, args.initrd, args.init, pti == "on", fs == "on", args.append)
            for pti in ptis.split(",") for fs in fss.split(",")]
    areas = args.area.split(",")
    for a in areas:
        if a not in AREAS:
            ap.error("unknown area %s" % a)
    seqs = args.sequence.split(",") if args.sequence else None
    t0 = time.monotonic()

    pts = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {(c.name(), a): ex.submit(enumerate_points, k, c, a) for c in cfgs for a in areas}
        for key, f in futs.items():
            pts[key] = f.result()
    t_enum = time.monotonic() - t0

    work = []
    for c in cfgs:
        for a in areas:
            points = pts[(c.name(), a)]
            if args.point:
                p = k.addr(args.point)
                if p not in points:
                    print("(%s %s: %s is not on the unperturbed path)" % (c.name(), a, args.point))
                    continue
                points = [p]
            else:
                points = sample(points, args.sample)
            for s in AREAS[a][1]:
                if seqs and s not in seqs:
                    continue
                mine = [p for p in points
                        if in_shard("|".join((c.name(), a, s, k.sym(p))), shard)]
                work.append((c, a, s, mine))
    # Sessions of at most CHUNK points (a boot each, and one per failed point), longest first,
    # so that --jobs QEMUs stay busy; merged per (config, area, sequence) afterwards.
    chunks = [(c, a, s, points[i:i + CHUNK]) for c, a, s, points in work
              for i in range(0, len(points), CHUNK)]
    # A cell with no point in this shard still reports itself (0 tried), so merged shards
    # list every cell.
    merged = {(c.name(), a, s): Session(k, c, a, s, []) for c, a, s, points in work if not points}
    chunks.sort(key=lambda w: -len(w[3]) * (3 if w[2] == "mc+nmi" else 1))
    lock = threading.Lock()

    def run(item):
        c, a, s, points = item
        r = Session(k, c, a, s, points, verbose=args.verbose, int_log=args.int_log).run()
        with lock:
            m = merged.get((c.name(), a, s))
            if m is None:
                merged[(c.name(), a, s)] = r
            else:
                m.tried += r.tried
                m.survived += r.survived
                m.boots += r.boots
                m.seconds += r.seconds
                m.failures += r.failures
                m.harness += r.harness
                m.outcome.update(r.outcome)
                for ad, ps in r.irets.items():
                    m.irets.setdefault(ad, []).extend(ps)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for f in [ex.submit(run, w) for w in chunks]:
            f.result()
    results = []
    for c, a, s, points in work:
        r = merged[(c.name(), a, s)]
        order = {p: i for i, p in enumerate(points)}
        r.failures.sort(key=lambda f: order.get(k.addr(f["point"]), 0))
        r.outcome = dict(sorted(r.outcome.items(), key=lambda kv: order.get(kv[0], 0)))
        results.append((c, a, s, len(pts[(c.name(), a)]), r))
    elapsed = time.monotonic() - t0
    status = 2 if any(r.harness for *_, r in results) else (
        1 if any(r.failures for *_, r in results) else 0)
    got_fail = {(c.name(), a, s, f["point"]) for c, a, s, n, r in results for f in r.failures}
    unexpected = missing = []
    if args.expect and status != 2:
        want = read_expected(args.expect)
        if args.expect_from:
            src = args.expect_from if "/" in args.expect_from else \
                os.path.join(args.cache, args.expect_from, "vmlinux")
            moved = translate_points(Symbols(src), Symbols(vmlinux), {w[3] for w in want})
            lost = sorted(p for p, q in moved.items() if q is None)
            if lost:
                raise HarnessError("--expect-from: no instruction in %s matches %s" %
                                   (vmlinux, ", ".join(lost)))
            want = {w[:3] + (moved[w[3]],) for w in want}
        if args.expect_added:
            want |= read_expected(args.expect_added)
        ran = {(c.name(), a, s) for c, a, s, n, r in results}
        # A shard answers for its own points only.
        want = {w for w in want if w[:3] in ran and in_shard("|".join(w), shard)}
        unexpected = sorted(got_fail - want)
        missing = sorted(want - got_fail)
        status = 1 if unexpected or missing else 0
    table = findings_table(args.findings, k, results) if args.findings else []
    if args.format == "json":
        print(json.dumps({
            "injector": "inject-mainline", "shard": args.shard,
            "vmlinux": vmlinux, "elapsed_seconds": round(elapsed, 1),
            "enumerate_seconds": round(t_enum, 1), "status": status,
            "results": [{"config": c.name(), "area": a, "sequence": s, "points": n,
                         "tried": r.tried, "survived": r.survived, "boots": r.boots,
                         "seconds": round(r.seconds, 1), "failures": r.failures,
                         "harness_errors": r.harness,
                         "point_list": [k.sym(p) for p in r.outcome]}
                        for c, a, s, n, r in results],
            "findings": table}, indent=1))
    else:
        print("%-24s %-12s %-7s %6s %6s %9s %6s %7s" % ("config", "area", "seq", "points",
                                                       "tried", "survived", "boots", "seconds"))
        for c, a, s, n, r in results:
            print("%-24s %-12s %-7s %6d %6d %9d %6d %7.1f" % (c.name(), a, s, n, r.tried,
                                                            r.survived, r.boots, r.seconds))
        for c, a, s, n, r in results:
            for f in r.failures:
                print("FAIL %s %s %s at %s: %s" % (c.name(), a, s, f["point"], f["what"]))
            for h in r.harness:
                print("HARNESS %s %s %s at %s: %s" % (c.name(), a, s, h["point"], h["what"]))
        for row in table:
            print("FINDING %s %s: %s" % (row["rule"], row["at"], "; ".join(
                "%s %s %s tried %d failed %d" % (o["config"], o["area"], o["sequence"], o["tried"],
                                                 o["failed"]) for o in row["observed"])
                or "not among the points"))
        for u in unexpected:
            print("UNEXPECTED failure (not in %s): %s" % (
                " or ".join(x for x in (args.expect, args.expect_added) if x), " ".join(u)))
        for m in missing:
            print("EXPECTED failure did not happen: %s" % " ".join(m))
        print("%.1fs (enumeration %.1fs), status %d" % (elapsed, t_enum, status))
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (HarnessError, QemuError) as e:
        print("inject-mainline.py: harness error: %s" % e, file=sys.stderr)
        sys.exit(2)
