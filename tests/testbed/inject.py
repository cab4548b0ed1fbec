#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The injector: nest an NMI or #MC at every instruction of the reference entry before its commit.

Runs the testbed image (tests/testbed/) under QEMU (TCG), drives it through the gdbstub and QMP
(qemu.py), and judges each point.  Python 3 standard library only.

Points.  For each atomic-IST entry (NMI, #DB, #MC) every instruction it executes from its first
until it leaves its IST stack: up to and including the commit's RSP load (`movq %rdi,%rsp` at
ref_aist_commit), through ref_aist_enter's C part on the path taken.  They are enumerated by
single-stepping the unperturbed path once (a boot per entry and variant) and recording each RIP
executed while RSP is on the entry's IST stack, first occurrence only.  The same rule gives the
classic NMI (no F_ATOMIC_IST) its points: until it moves to the task stack.

Outer events.  NMI: injected (QMP inject-nmi) when the workload stops at user_nmi_spot.  #MC:
injected (HMP mce) at user_mc_spot.  #DB: the workload's TF single-step, the first #DB after
user_iter_start.

Sequences (the nested events, at a point P of the outer entry):
    nmi       an NMI nested at P                       (outer #DB, #MC; NMI-in-NMI is blocked by
                                                         the hardware until the NMI's IRET)
    mc        a #MC nested at P                        (outer NMI, #DB; #MC-in-#MC is a shutdown:
                                                         QEMU raises a triple fault while MCIP is set)
    mc+nmi    a #MC at P, then an NMI at the first instruction after that #MC's IRET (which
              unblocks NMIs) while the outer entry has not left its IST stack: the hazard
    nmi>mc    depth two, outer #DB: an NMI at P, then a #MC at each point Q of that nested NMI

Landing.  Every nested event is checked where it lands: stopped at the nested entry's first
instruction, the hardware frame's saved RIP must be the intended instruction.  Anything else is a
harness error (reported apart, never counted as a data point).

Judge, per point (one workload iteration each; a boot per (variant, entry, sequence)):
    QEMU exits without the isa-debug-exit status (triple fault/reset), FATAL on serial (#DF or an
    unexpected vector), no stop within the time bound (hang), FAIL lines from the workload's
    register checks, and the fixture's counters (ref_nr_events[], ref_nr_syscalls, read with HMP
    xp at each user_iter_start) against the unperturbed iteration's plus what was injected.  After a
    failure the guest is rebooted, so one point's damage never counts against the next.

Facts measured for this (QEMU 7.2, TCG; see /tmp/coord/I.facts at the time of writing): a gdb
breakpoint at X stops before X; an event injected while stopped there is taken before X once
continued (the breakpoint at X removed first: QEMU re-hits a breakpoint at the current PC);
an NMI pending while NMIs are blocked is taken right after the IRET that unblocks them, including
the IRET of a #MC nested in the NMI; a UC mce while MCG_STATUS.MCIP is set is a triple fault at
once.

Usage:
    inject.py [--image ELF] [--variant atomic,classic] [--sequence nmi,mc,mc+nmi,nmi>mc]
              [--entry nmi,db,mc] [--full] [--jobs N] [--format text|json]
              [--expect-classic fail|survive|hazard|any] [--first-failure]
    inject.py --point ref_aist_enter+0x1c --entry nmi --sequence mc+nmi -v
Exit status: 0 when every point of the atomic variant survived (and the classic variant met
--expect-classic), 1 otherwise, 2 on a harness error or bad usage, 77 when QEMU is missing.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
from symbols import Symbols  # noqa: E402
from qemu import GuestGone, Qemu, QemuError  # noqa: E402

# ref_entry.h
CEA_SIZE = 0x10000
CEA_IST_BASE = 0x1000
IST_SIZE = 0x1000
CEA_MAIN = 0x6000
CEA_MAIN_TOP = 0xE000
PTREGS_SIZE = 168
IST_OF = {"nmi": 1, "db": 2, "mc": 3}
VECTOR = {"nmi": 2, "db": 1, "mc": 18}
ENTRY_SYM = {"nmi": "ref_asm_exc_nmi", "db": "ref_asm_exc_debug",
             "mc": "ref_asm_exc_machine_check"}
PT_REGS = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx",
           "rdx", "rsi", "rdi", "orig_ax", "rip", "cs", "eflags", "rsp", "ss"]

# Which outer entries each sequence runs in (see the docstring for the pairs left out).
SEQ_ENTRIES = {"nmi": ["db", "mc"], "mc": ["nmi", "db"], "mc+nmi": ["nmi", "db"],
               "nmi>mc": ["db"]}
SEQUENCES = ["nmi", "mc", "mc+nmi", "nmi>mc"]
DEFAULT_SEQUENCES = ["nmi", "mc", "mc+nmi", "nmi>mc"]
VARIANTS = {"atomic": ["atomic_ist"], "classic": []}
# What the classic (mainline-style) NMI cannot survive: a #MC's IRET unblocks NMIs while it is
# still on its IST stack, and the second NMI's hardware frame overwrites the first one's.
CLASSIC_HAZARD = {("nmi", "mc+nmi")}

STOP_TIMEOUT = 1.0        # seconds: no stop within this is a hang (TCG runs an iteration in <1 ms)
BOOT_TIMEOUT = 10.0       # seconds to the first user_iter_start (0.15 s measured, TCG)
DEPTH2_SAMPLE = 6         # outer #DB points for nmi>mc without --full


class HarnessError(Exception):
    """The injector could not do what it meant to (an injection landed elsewhere, an unexpected
    stop): not a data point."""


class GuestFailure(Exception):
    """The guest died or hung: the point failed."""


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


def ist_range(cea, entry):
    lo = cea + CEA_IST_BASE + IST_OF[entry] * IST_SIZE
    return lo, lo + IST_SIZE


# ---------------------------------------------------------------------------------------------
# One booted guest

class Guest:
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

    def go(self, targets, timeout=STOP_TIMEOUT):
        """Run until RIP is one of targets (breakpoints exactly there); returns the registers."""
        g = self.g
        targets = set(targets)
        try:
            for a in list(g.bps):
                if a not in targets:
                    g.clear_bp(a)
            rip = self._rip
            if rip in targets:
                # A breakpoint at the current PC is hit again at once: step over it first.
                # Only done with no event pending (single-steps mask interrupts).
                g.clear_bp(rip)
                g.step_off(rip)
            for a in targets:
                g.set_bp(a)
            g.cont()
            st = g.wait_stop(timeout)
        except GuestGone:
            why = self.dead()
            if why.startswith("QEMU exited %d" % qemu.EXIT_OK):
                # The workload ran to its end: a breakpoint the harness waited for was missed.
                raise HarnessError("guest finished while the injector waited at %s" %
                                   ", ".join(self.img.sym(t) for t in sorted(targets)))
            raise GuestFailure(why)
        if st is None:
            try:
                st = g.interrupt(2.0)
                r = g.regs()
                where = self.img.sym(r["rip"])
            except (GuestGone, QemuError):
                raise GuestFailure(self.dead())
            text = self.q.serial()
            fatal = [line for line in text.splitlines() if "FATAL" in line]
            if fatal:
                raise GuestFailure("FATAL: " + fatal[-1].strip())
            raise GuestFailure("hang: no stop within %.0fs, interrupted at %s" % (timeout, where))
        if st.exited:
            raise GuestFailure(self.dead())
        if st.kind not in ("T", "S"):
            raise HarnessError("unexpected stop reply %r" % st.packet)
        r = g.regs()
        self._rip = r["rip"]
        if r["rip"] not in targets:
            raise HarnessError("stopped at %s, not at a breakpoint (%s)" %
                               (self.img.sym(r["rip"]), st.packet))
        return r

    _rip = None
    arrived = False         # stopped at the next user_iter_start already (verbose replay)

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
        if not self.arrived:
            self.go([self.img.syms["user_iter_start"]],
                    BOOT_TIMEOUT if self.iteration < 0 else STOP_TIMEOUT)
        self.arrived = False
        self.iteration += 1
        c = self.read_counters()
        delta = None if self.counters is None else [a - b for a, b in zip(c, self.counters)]
        self.counters = c
        return delta, self.serial_new()

    def stack_words(self, addr, n):
        return self.g.read_u64(addr, n) if n > 1 else [self.g.read_u64(addr)]

    def land(self, kind, at):
        """Inject kind ('nmi'/'mc') now (stopped at `at`), run to its entry, check the frame."""
        if kind == "nmi":
            self.q.qmp.inject_nmi()
        else:
            out = self.q.qmp.mce()
            if out.strip():
                raise HarnessError("mce: %s" % out.strip())
        entry = self.img.syms[ENTRY_SYM[kind]]
        lo, hi = ist_range(self.img.cea, kind)
        self.g.clear_bp(at)
        if at == entry:
            # Stopped at the entry itself (the classic NMI's IRET target is its own first
            # point): go() would step over the breakpoint with interrupts masked and run that
            # instruction first.  One step with interrupts on takes the event, and QEMU stops
            # at the handler's first instruction.
            self.g.set_sstep_flags(0x1)
            try:
                self.g.step()
            finally:
                self.g.set_sstep_flags(0x7)
            r = self.g.regs()
            self._rip = r["rip"]
        else:
            r = self.go([entry])
        if r["rsp"] != hi - 40:
            raise HarnessError("%s entry with RSP %#x, not its IST frame" % (kind, r["rsp"]))
        frame = self.stack_words(r["rsp"], 5)
        if frame[0] != at:
            raise HarnessError("%s meant for %s landed at %s" %
                               (kind, self.img.sym(at), self.img.sym(frame[0])))
        return r, frame


# ---------------------------------------------------------------------------------------------
# Points

def outer_trigger(guest, entry, injected):
    """From iteration start, make the outer event happen (NMI/#MC injected at its user spot)."""
    img = guest.img
    if entry == "nmi":
        spot = img.syms["user_nmi_spot"]
        guest.go([spot])
        guest.q.qmp.inject_nmi()
        guest.g.clear_bp(spot)
        injected[VECTOR["nmi"]] += 1
    elif entry == "mc":
        spot = img.syms["user_mc_spot"]
        guest.go([spot])
        out = guest.q.qmp.mce()
        if out.strip():
            raise HarnessError("mce: %s" % out.strip())
        guest.g.clear_bp(spot)
        injected[VECTOR["mc"]] += 1


def record_path(guest, entry, max_steps=20000):
    """Single-step from where the guest is stopped (an entry's first instruction) while RSP is on
    that entry's IST stack; returns the RIPs, first occurrences in order."""
    lo, hi = ist_range(guest.img.cea, entry)
    g = guest.g
    for a in list(g.bps):
        g.clear_bp(a)
    seen, order = set(), []
    r = g.regs()
    for _ in range(max_steps):
        if not lo <= r["rsp"] <= hi:
            break
        if r["rip"] not in seen:
            seen.add(r["rip"])
            order.append(r["rip"])
        st = g.step()
        if st is None or st.exited:
            raise GuestFailure("stepping the %s path: %s" % (entry, guest.dead()))
        r = g.regs()
    else:
        raise HarnessError("%s path did not leave its IST stack in %d steps" % (entry, max_steps))
    guest._rip = r["rip"]
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
    finally:
        guest.close()


# ---------------------------------------------------------------------------------------------
# A session: one boot runs many points, one per workload iteration

class Result:
    def __init__(self, entry, sequence, variant, pti):
        self.entry, self.sequence, self.variant, self.pti = entry, sequence, variant, pti
        self.tried = 0
        self.survived = 0
        self.failures = []
        self.harness = []
        self.boots = 0
        self.seconds = 0.0

    def key(self):
        return (self.variant, self.pti, self.entry, self.sequence)


def fmt_counts(delta):
    names = {2: "nmi", 1: "db", 18: "mc", 13: "gp"}
    parts = ["syscall=%+d" % delta[32]] if delta[32] else []
    for v, d in enumerate(delta[:32]):
        if d:
            parts.append("%s=%+d" % (names.get(v, "vec%d" % v), d))
    return " ".join(parts) or "none"


class Session:
    def __init__(self, img, variant, pti, entry, sequence, points, verbose=False, out=None,
                 int_log=None, first_failure=False):
        self.img, self.variant, self.pti = img, variant, pti
        self.entry, self.sequence, self.points = entry, sequence, points
        self.features = VARIANTS[variant] + (["pti"] if pti else [])
        self.verbose = verbose
        self.out = out or sys.stdout
        self.int_log = int_log
        self.first_failure = first_failure
        self.res = Result(entry, sequence, variant, pti)
        self.guest = None
        self.baseline = None

    def say(self, *a):
        if self.verbose:
            print(*a, file=self.out)

    def boot(self, remaining):
        if self.guest:
            self.guest.close()
        self.res.boots += 1
        self.guest = Guest(self.img, self.features, iters=remaining + 3, int_log=self.int_log)
        self.guest.boot()
        # Iteration 0 runs unperturbed: its counts are the baseline.
        delta, text = self.guest.checkpoint()
        if "FAIL" in text or "FATAL" in text:
            raise HarnessError("unperturbed iteration failed: %s" % text.strip())
        self.baseline = delta

    def run(self):
        t0 = time.monotonic()
        todo = list(self.points)
        try:
            while todo:
                if self.guest is None:
                    self.boot(len(todo))
                point = todo.pop(0)
                status, why = self.one(point)
                if status == "harness":
                    self.res.harness.append(self.failure(point, why))
                else:
                    self.res.tried += 1
                    if status == "ok":
                        self.res.survived += 1
                    else:
                        self.res.failures.append(self.failure(point, why))
                        if self.first_failure:
                            break
                if status != "ok":
                    # Whatever the point left behind must not count against the next one.
                    self.guest.close()
                    self.guest = None
        finally:
            if self.guest:
                self.guest.close()
            self.res.seconds = time.monotonic() - t0
        return self.res

    def failure(self, point, why):
        if isinstance(point, tuple):
            return {"point": self.img.sym(point[0]), "point2": self.img.sym(point[1]),
                    "what": why}
        return {"point": self.img.sym(point), "what": why}

    def one(self, point):
        """One point in one iteration: ("ok" | "fail" | "harness", what went wrong)."""
        injected = [0] * 33
        try:
            self.nest(point, injected)
            if self.verbose:
                self.trace_replay()
            delta, text = self.guest.checkpoint()
        except GuestFailure as e:
            return "fail", str(e)
        except (HarnessError, QemuError) as e:
            return "harness", str(e)
        problems = [line.strip() for line in text.splitlines()
                    if line.startswith(("FAIL", "FATAL"))]
        want = [b + i for b, i in zip(self.baseline, injected)]
        if delta != want:
            problems.append("events: got %s, want %s" %
                            (fmt_counts([d - b for d, b in zip(delta, self.baseline)]),
                             fmt_counts(injected)))
        if self.verbose:
            self.say("serial:", text.strip() or "(nothing)")
            self.say("events beyond the unperturbed iteration: %s (injected %s)" %
                     (fmt_counts([d - b for d, b in zip(delta, self.baseline)]),
                      fmt_counts(injected)))
        return ("fail" if problems else "ok"), "; ".join(problems)

    def nest(self, point, injected):
        g, img = self.guest, self.img
        p = point[0] if isinstance(point, tuple) else point
        outer_trigger(g, self.entry, injected)
        r = g.go([p])
        lo, hi = ist_range(img.cea, self.entry)
        if not lo <= r["rsp"] < hi:
            raise HarnessError("stopped at %s with RSP %#x, not in the outer %s" %
                               (img.sym(p), r["rsp"], self.entry))
        self.show_stop("outer %s at %s" % (self.entry, img.sym(p)), r)
        seq = self.sequence
        if seq in ("nmi", "mc"):
            r, frame = g.land(seq, p)
            injected[VECTOR[seq]] += 1
            self.show_stop("nested %s landed, frame rip=%s" % (seq, img.sym(frame[0])), r)
        elif seq == "mc+nmi":
            r, frame = g.land("mc", p)
            injected[VECTOR["mc"]] += 1
            self.show_stop("nested mc landed, frame rip=%s" % img.sym(frame[0]), r)
            committed = img.syms.get("ref_aist_committed")
            if self.verbose and committed:
                r = g.go([committed])
                fr = g.stack_words(r["rsp"], PTREGS_SIZE // 8)
                self.say("-- mc commit: rsp=%#x frame rip=%s cs=%#x rsp=%#x orig_ax=%#x rdi=%#x" %
                         (r["rsp"], img.sym(fr[16]), fr[17], fr[19], fr[15], fr[14]))
            r = g.go(img.iretqs)
            iret = g.stack_words(r["rsp"], 5)
            self.show_stop("mc's iretq to rip=%s cs=%#x rsp=%#x" %
                           (img.sym(iret[0]), iret[1], iret[3]), r)
            r = g.go([iret[0]])
            r, frame = g.land("nmi", iret[0])
            injected[VECTOR["nmi"]] += 1
            self.show_stop("second nmi landed after the mc's iret, frame rip=%s" %
                           img.sym(frame[0]), r)
        elif seq == "nmi>mc":
            q = point[1]
            r, frame = g.land("nmi", p)
            injected[VECTOR["nmi"]] += 1
            self.show_stop("nested nmi landed, frame rip=%s" % img.sym(frame[0]), r)
            if q != r["rip"]:           # Q may be the nested entry's first instruction
                r = g.go([q])
            lo, hi = ist_range(img.cea, "nmi")
            if not lo <= r["rsp"] < hi:
                raise HarnessError("stopped at %s with RSP %#x, not in the nested nmi" %
                                   (img.sym(q), r["rsp"]))
            r, frame = g.land("mc", q)
            injected[VECTOR["mc"]] += 1
            self.show_stop("depth-two mc landed, frame rip=%s" % img.sym(frame[0]), r)

    # --- verbose ---
    def show_stop(self, what, r):
        if not self.verbose:
            return
        img, g = self.img, self.guest.g
        self.say("== %s: rip=%s (%s) rsp=%#x" % (what, img.sym(r["rip"]), img.insn(r["rip"]),
                                                r["rsp"]))
        for entry in ("nmi", "db", "mc"):
            self.show_stack("%s IST stack" % entry, ist_range(img.cea, entry)[1])
        self.show_main()

    def show_stack(self, name, top):
        g = self.guest.g
        words = g.read_u64(top - PTREGS_SIZE, PTREGS_SIZE // 8)
        if not any(words):
            return
        self.say("   %s (top %#x), pt_regs-shaped from top-168:" % (name, top))
        self.say("     " + " ".join("%s=%#x" % (n, w) for n, w in zip(PT_REGS, words)))

    def show_main(self):
        img, g = self.img, self.guest.g
        top = img.cea + CEA_MAIN_TOP
        for k in range(1, 4):
            base = top - k * PTREGS_SIZE
            words = g.read_u64(base, PTREGS_SIZE // 8)
            if not any(words):
                break
            self.say("   main stack frame %d at %#x: rip=%s cs=%#x rsp=%#x orig_ax=%#x rdi=%#x" %
                     (k, base, img.sym(words[16]), words[17], words[19], words[15], words[14]))

    def trace_replay(self):
        """Verbose: follow the replay (each commit, each iretq) back to user mode."""
        img, g = self.img, self.guest
        committed = img.syms.get("ref_aist_committed")
        stops = set(img.iretqs) | ({committed} if committed else set())
        user = img.syms["user_iter_start"]
        for _ in range(20):
            r = g.go(stops | {user})
            if r["rip"] == user:
                g.arrived = True
                return
            if r["rip"] == committed:
                fr = g.stack_words(r["rsp"], PTREGS_SIZE // 8)
                self.say("-- commit: rsp=%#x frame rip=%s cs=%#x rsp=%#x orig_ax=%#x rdi=%#x" %
                         (r["rsp"], img.sym(fr[16]), fr[17], fr[19], fr[15], fr[14]))
            else:
                fr = g.stack_words(r["rsp"], 5)
                self.say("-- %s: iretq to rip=%s cs=%#x rflags=%#x rsp=%#x" %
                         (img.sym(r["rip"]), img.sym(fr[0]), fr[1], fr[2], fr[3]))


# ---------------------------------------------------------------------------------------------
# Planning and running

def sample(points, n):
    if len(points) <= n:
        return list(points)
    return [points[round(i * (len(points) - 1) / (n - 1))] for i in range(n)]


def depth2_points(img, features, db_points, full):
    """(P in #DB, Q in the NMI nested at P): Q enumerated by stepping that nested NMI."""
    outer = db_points if full else sample(db_points, DEPTH2_SAMPLE)
    pairs = []
    guest = None
    try:
        for i, p in enumerate(outer):
            if guest is None:
                guest = Guest(img, features, iters=len(outer) - i + 3)
                guest.boot()
            try:
                guest.checkpoint()
                guest.go([p])
                guest.land("nmi", p)
                qs = record_path(guest, "nmi")
            except GuestFailure as e:
                # The unperturbed nested NMI must not fail: report it, with no Q for this P.
                raise HarnessError("enumerating the NMI nested at %s: %s" % (img.sym(p), e))
            pairs += [(p, q) for q in qs]
    finally:
        if guest:
            guest.close()
    return pairs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    default_image = os.environ.get("TESTBED_ELF") or os.path.join(
        here, "..", "..", "build", "tests", "testbed", "testbed.elf")
    ap.add_argument("--image", default=default_image)
    ap.add_argument("--variant", default="atomic,classic")
    ap.add_argument("--sequence", default=",".join(DEFAULT_SEQUENCES))
    ap.add_argument("--entry", default="nmi,db,mc")
    ap.add_argument("--pti", default=None, help="off, on or both (default off; --full: both)")
    ap.add_argument("--full", action="store_true",
                    help="depth two at every point, PTI on and off")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--expect-classic", choices=["fail", "survive", "hazard", "any"],
                    default="any",
                    help="fail: some classic point fails; hazard: the classic NMI fails the "
                         "#MC-then-NMI sequence at every point, and every other classic area "
                         "survives depth one")
    ap.add_argument("--point", help="one point, SYMBOL+0xOFF (with nmi>mc: P/Q)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--int-log", help="with --point: QEMU -d int,cpu_reset log file")
    ap.add_argument("--first-failure", action="store_true",
                    help="stop each area at its first failing point (for mutants)")
    args = ap.parse_args(argv)

    if not qemu.qemu_binary():
        print("inject.py: qemu-system-x86_64 not found: skipped", file=sys.stderr)
        return 77
    if not os.path.exists(args.image):
        print("inject.py: no image %s" % args.image, file=sys.stderr)
        return 2
    img = Image(args.image)
    variants = args.variant.split(",")
    seqs = args.sequence.split(",")
    entries = args.entry.split(",")
    for v in variants:
        if v not in VARIANTS:
            ap.error("unknown variant %s" % v)
    for s in seqs:
        if s not in SEQUENCES:
            ap.error("unknown sequence %s" % s)
    pti_opt = args.pti or ("both" if args.full else "off")
    ptis = {"off": [False], "on": [True], "both": [False, True]}[pti_opt]

    t0 = time.monotonic()
    combos = [(v, pti, e, s) for v in variants for pti in ptis for s in seqs
              for e in SEQ_ENTRIES[s] if e in entries]
    if not combos:
        ap.error("no entry runs those sequences")

    # Points per (variant, pti, entry), enumerated once each, in parallel.
    need = sorted({(v, pti, e) for v, pti, e, s in combos} |
                  {(v, pti, "db") for v, pti, e, s in combos if s == "nmi>mc"})
    pts, broken = {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {k: ex.submit(enumerate_points, img,
                             VARIANTS[k[0]] + (["pti"] if k[1] else []), k[2]) for k in need}
        for k, f in futs.items():
            try:
                pts[k] = f.result()
            except GuestFailure as e:
                # The outer event alone already fails (a broken entry, a mutant): every area
                # over that entry fails at its start, with nothing nested.
                broken[k] = str(e)
                pts[k] = []
    for v, pti, e in broken:
        if (v, pti, "db") in broken:
            combos = [c for c in combos if not (c[0] == v and c[1] == pti and c[3] == "nmi>mc")]

    if args.point:
        return one_point(args, img, combos, pts)

    d2 = {}
    for v, pti, e, s in combos:
        if s == "nmi>mc" and (v, pti, "db") not in broken:
            d2[(v, pti)] = None
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {k: ex.submit(depth2_points, img, VARIANTS[k[0]] + (["pti"] if k[1] else []),
                             pts[(k[0], k[1], "db")], args.full) for k in d2}
        for k, f in futs.items():
            d2[k] = f.result()

    # Split big sessions so --jobs QEMUs stay busy (each chunk is its own boot).
    work = []
    for v, pti, e, s in combos:
        points = d2.get((v, pti), []) if s == "nmi>mc" else pts[(v, pti, e)]
        chunk = (max(40, (len(points) + 1) // 2) if args.jobs > 1 and not args.first_failure
                 else len(points))
        for i in range(0, len(points), chunk):
            work.append(((v, pti, e, s), points[i:i + chunk]))
    work.sort(key=lambda w: -len(w[1]))
    results = {}
    lock = threading.Lock()

    def run(item):
        (v, pti, e, s), points = item
        r = Session(img, v, pti, e, s, points, first_failure=args.first_failure).run()
        with lock:
            acc = results.setdefault((v, pti, e, s), Result(e, s, v, pti))
            acc.tried += r.tried
            acc.survived += r.survived
            acc.failures += r.failures
            acc.harness += r.harness
            acc.boots += r.boots
            acc.seconds += r.seconds

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for f in [ex.submit(run, w) for w in work]:
            f.result()
    elapsed = time.monotonic() - t0

    for v, pti, e, s in combos:
        if (v, pti, e) in broken:
            r = results.setdefault((v, pti, e, s), Result(e, s, v, pti))
            r.tried += 1
            r.failures.append({"point": "(the outer %s, nothing nested)" % e,
                               "what": broken[(v, pti, e)]})
    ordered = [results.setdefault(c, Result(c[2], c[3], c[0], c[1])) for c in combos]
    for r in ordered:
        if (r.variant, r.pti, r.entry) in broken:
            continue
        order = {a: i for i, a in enumerate(
            d2.get((r.variant, r.pti), []) if r.sequence == "nmi>mc"
            else pts[(r.variant, r.pti, r.entry)])}
        r.failures.sort(key=lambda f: order.get(img.addr(f["point"]) if "point2" not in f else
                                                (img.addr(f["point"]), img.addr(f["point2"])), 0))
    status = verdict(ordered, args.expect_classic)
    if args.format == "json":
        print(json.dumps({
            "image": os.path.abspath(args.image),
            "elapsed_seconds": round(elapsed, 1),
            "status": status,
            "results": [{"entry": r.entry, "sequence": r.sequence, "variant": r.variant,
                         "pti": r.pti, "tried": r.tried, "survived": r.survived,
                         "boots": r.boots, "seconds": round(r.seconds, 1),
                         "failures": r.failures,
                         "harness_errors": r.harness} for r in ordered]}, indent=1))
    else:
        print("%-6s %-8s %-8s %-4s %6s %9s" % ("entry", "sequence", "variant", "pti", "tried",
                                               "survived"))
        for r in ordered:
            print("%-6s %-8s %-8s %-4s %6d %9d" % (r.entry, r.sequence, r.variant,
                                                   "on" if r.pti else "off", r.tried, r.survived))
        for r in ordered:
            # One line per distinct failure, with the points it happened at (all of them in JSON).
            groups = {}
            for f in r.failures:
                pt = f["point"] + (" / " + f["point2"] if "point2" in f else "")
                groups.setdefault(re.sub(r"iter=\d+ ", "", f["what"]), []).append(pt)
            for what, where in groups.items():
                shown = ", ".join(where[:6]) + (", ... (%d points)" % len(where)
                                                if len(where) > 6 else "")
                print("FAIL %s %s %s pti=%s: %s\n     at %s" %
                      (r.variant, r.entry, r.sequence, "on" if r.pti else "off", what, shown))
            for h in r.harness:
                print("HARNESS %s %s %s at %s: %s" % (r.variant, r.entry, r.sequence, h["point"],
                                                      h["what"]))
        print("%.1fs, status %d" % (elapsed, status))
    return status


def verdict(results, expect_classic):
    if any(r.harness for r in results):
        return 2
    status = 0
    if any(r.variant == "atomic" and r.survived != r.tried for r in results):
        status = 1
    classic = [r for r in results if r.variant == "classic"]
    if classic and expect_classic == "survive" and any(r.survived != r.tried for r in classic):
        status = 1
    if classic and expect_classic == "fail" and all(r.survived == r.tried for r in classic):
        status = 1
    if classic and expect_classic == "hazard" and not all(
            (r.survived == 0 and r.tried > 0) if (r.entry, r.sequence) in CLASSIC_HAZARD
            else r.survived == r.tried for r in classic):
        status = 1
    return status


def one_point(args, img, combos, pts):
    status = 0
    for v, pti, e, s in combos:
        if s == "nmi>mc":
            p, _, q = args.point.partition("/")
            if not q:
                print("nmi>mc needs --point P/Q", file=sys.stderr)
                return 2
            point = (img.addr(p), img.addr(q))
        else:
            point = img.addr(args.point)
            if point not in pts[(v, pti, e)]:
                print("(%s %s: %s is not on the unperturbed path)" % (v, e, img.sym(point)))
                continue
        print("#### %s pti=%s entry=%s sequence=%s point=%s" %
              (v, "on" if pti else "off", e, s, args.point))
        sess = Session(img, v, pti, e, s, [point], verbose=args.verbose, int_log=args.int_log)
        r = sess.run()
        for f in r.failures:
            print("FAIL:", f["what"])
        for h in r.harness:
            print("HARNESS:", h["what"])
        print("survived" if r.survived else "failed")
        if not r.survived:
            status = 1
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (HarnessError, QemuError) as e:
        print("inject.py: harness error: %s" % e, file=sys.stderr)
        sys.exit(2)
