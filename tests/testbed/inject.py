#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The injector: nest an NMI or #MC at every instruction of the reference entry before its commit.

Runs the testbed image (tests/testbed/) under QEMU (TCG), drives it through the gdbstub and QMP
(qemu.py), and judges each point.  Python 3 standard library only.

Points.  For each atomic-IST entry (NMI, #DB, #MC) every instruction instance it executes from
its first until it leaves its IST stack: up to and including the commit's RSP load (`movq
%rdi,%rsp` at ref_aist_commit), through ref_aist_enter's C part on the path taken.  They are
enumerated by single-stepping the unperturbed path once (a boot per entry and variant) and
recording each RIP executed while RSP is on the entry's IST stack, each time it is executed: a
loop's K-th iteration is its own point, SYMBOL+0xOFF#K.  The same rule gives the classic NMI (no
F_ATOMIC_IST) its points: until it moves to the task stack.

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
    nmi>mc    depth two, outer #DB: an NMI at P, then a #MC at each point Q (every instance,
              the replication loop's iterations included) of that nested NMI

Landing.  Every nested event is checked where it lands: stopped at the nested entry's first
instruction, the hardware frame's saved RIP must be the intended instruction.  Anything else is a
harness error: the point is tried once more in a fresh boot, and a second miss is reported by
name (exit 2), never counted as survived.

Judge, per point (one workload iteration each; a boot per (variant, entry, sequence)).  Before
the point the entry area's stacks are poisoned (judge.py).  Then:
    the state at every return into an interrupted context (judge.py): the outer event's return
    to user mode and each return into a kernel context, against the state its entry found:
    the 16 GPRs, RIP, RFLAGS (every bit), CS, SS, FS, GS, FSBASE, GSBASE, KERNEL_GSBASE, CR3;
    QEMU exiting without the isa-debug-exit status (triple fault/reset), FATAL on serial (#DF or
    an unexpected vector), no stop within the time bound (hang), FAIL lines from the workload's
    register checks, and the fixture's counters (ref_nr_events[], ref_nr_syscalls, read with HMP
    xp at each user_iter_start) against the unperturbed iteration's plus what was injected.
A failure is the point's; after one the guest is rebooted, so one point's damage never counts
against the next.  Each cell (variant, PTI, entry, sequence) is held to its verdict in
inject-expected.txt with --expect: a deviation either way fails the run.

Facts measured for this (QEMU 7.2, TCG): a gdb breakpoint at X stops before X; an event injected
while stopped there is taken before X once continued (the breakpoint at X removed first: QEMU
re-hits a breakpoint at the current PC); an NMI pending while NMIs are blocked is taken right
after the IRET that unblocks them, including the IRET of a #MC nested in the NMI; a UC mce while
MCG_STATUS.MCIP is set is a triple fault at once; a single-step (sstep flags 7) executes one
instruction with events held, so stepping an IRETQ shows the state it returned with before
anything else runs.

Usage:
    inject.py [--image ELF] [--variant atomic,classic] [--sequence nmi,mc,mc+nmi,nmi>mc]
              [--entry nmi,db,mc] [--pti off|on|both] [--full] [--jobs N] [--format text|json]
              [--expect [FILE]] [--first-failure]
    inject.py --point ref_aist_enter+0x120#3 --entry nmi --sequence mc+nmi -v
Exit status: 0 when every cell met its expected verdict (without --expect: every point of the
atomic variant survived), 1 otherwise, 2 on a harness error or bad usage, 77 when QEMU is missing.
"""
import argparse
import concurrent.futures
import json
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402
import qemu  # noqa: E402
from guest import (CEA_MAIN_TOP, ENTRY_SYM, PT_REGS, PTREGS_SIZE, VECTOR,  # noqa: E402
                   Guest, GuestFailure, HarnessError, Image, enumerate_points, is_pair,
                   ist_range, outer_trigger, record_path)
from qemu import GuestGone, QemuError  # noqa: E402
from injector import in_shard, parse_shard, sample  # noqa: E402

# Which outer entries each sequence runs in (see the docstring for the pairs left out).
SEQ_ENTRIES = {"nmi": ["db", "mc"], "mc": ["nmi", "db"], "mc+nmi": ["nmi", "db"],
               "nmi>mc": ["db"]}
SEQUENCES = ["nmi", "mc", "mc+nmi", "nmi>mc"]
DEFAULT_SEQUENCES = ["nmi", "mc", "mc+nmi", "nmi>mc"]
VARIANTS = {"atomic": ["atomic_ist"], "classic": []}
DEPTH2_SAMPLE = 6         # outer #DB points for nmi>mc without --full
MAX_IRETS = 16            # an outer event nests at most two more: far fewer returns than this

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
        retried = set()
        try:
            while todo:
                if self.guest is None:
                    self.boot(len(todo))
                point = todo.pop(0)
                status, why = self.one(point)
                if status == "harness" and point not in retried:
                    # A landing miss or a gdbstub/QEMU fault says nothing about the entry: the
                    # point once more, in a fresh boot.
                    retried.add(point)
                    todo.insert(0, point)
                elif status == "harness":
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
        if is_pair(point):
            return {"point": self.img.point(point[0]), "point2": self.img.point(point[1]),
                    "what": why}
        return {"point": self.img.point(point), "what": why}

    def one(self, point):
        """One point in one iteration: ("ok" | "fail" | "harness", what went wrong)."""
        injected = [0] * 33
        self.pending = []           # the interrupted contexts not returned into yet, outermost first
        self.problems = []
        try:
            self.nest(point, injected)
            self.follow_returns()
            delta, text = self.guest.checkpoint()
        except GuestFailure as e:
            return "fail", "; ".join(self.problems + [str(e)])
        except GuestGone:
            # QEMU ended (a triple fault, a reset) between two of the injector's stops.
            return "fail", "; ".join(self.problems + [self.guest.dead()])
        except (HarnessError, QemuError) as e:
            return "harness", str(e)
        problems = self.problems + [line.strip() for line in text.splitlines()
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

    def interrupted(self, what, r):
        """Stopped at the first instruction of an event's entry: remember what it interrupted."""
        ctx = self.guest.context("%s at %s" % (what, self.img.sym(self.guest.stack_words(
            r["rsp"], 1)[0])), r)
        self.pending.append(ctx)
        return ctx

    def land(self, kind, at, what):
        r, frame = self.guest.land(kind, at)
        self.interrupted(what, r)
        self.show_stop("%s landed, frame rip=%s" % (what, self.img.sym(frame[0])), r)
        return r

    def nest(self, point, injected):
        g, img = self.guest, self.img
        p = point[0] if is_pair(point) else point
        outer_trigger(g, self.entry, injected)
        entry = img.syms[ENTRY_SYM[self.entry]]
        r = g.go([entry])
        self.interrupted("the outer %s" % self.entry, r)
        r = g.go_point(p, entry)
        lo, hi = ist_range(img.cea, self.entry)
        if not lo <= r["rsp"] < hi:
            raise HarnessError("stopped at %s with RSP %#x, not in the outer %s" %
                               (img.point(p), r["rsp"], self.entry))
        self.show_stop("outer %s at %s" % (self.entry, img.point(p)), r)
        seq = self.sequence
        if seq in ("nmi", "mc"):
            self.land(seq, p[0], "the nested " + seq)
            injected[VECTOR[seq]] += 1
        elif seq == "mc+nmi":
            self.land("mc", p[0], "the nested mc")
            injected[VECTOR["mc"]] += 1
            committed = img.syms.get("ref_aist_committed")
            if self.verbose and committed:
                r = g.go([committed])
                fr = g.stack_words(r["rsp"], PTREGS_SIZE // 8)
                self.say("-- mc commit: rsp=%#x frame rip=%s cs=%#x rsp=%#x orig_ax=%#x rdi=%#x" %
                         (r["rsp"], img.sym(fr[16]), fr[17], fr[19], fr[15], fr[14]))
            back = self.through_iret()
            self.land("nmi", back, "the second nmi")
            injected[VECTOR["nmi"]] += 1
        elif seq == "nmi>mc":
            q = point[1]
            r = self.land("nmi", p[0], "the nested nmi")
            injected[VECTOR["nmi"]] += 1
            r = g.go_point(q, r["rip"])
            lo, hi = ist_range(img.cea, "nmi")
            if not lo <= r["rsp"] < hi:
                raise HarnessError("stopped at %s with RSP %#x, not in the nested nmi" %
                                   (img.point(q), r["rsp"]))
            self.land("mc", q[0], "the depth-two mc")
            injected[VECTOR["mc"]] += 1

    def through_iret(self):
        """Run to the next IRETQ and execute it; when it returns into a pending context, judge
        the state it returned with.  Returns where it returned to."""
        g, img = self.guest, self.img
        r = g.go(img.iretqs)
        frame = g.stack_words(r["rsp"], 5)
        self.say("-- %s: iretq to rip=%s cs=%#x rflags=%#x rsp=%#x" %
                 (img.sym(r["rip"]), img.sym(frame[0]), frame[1], frame[2], frame[3]))
        into = next((i for i in range(len(self.pending) - 1, -1, -1)
                     if self.pending[i].returns_here(frame)), None)
        if (into is None and frame[0] == img.syms["ref_aist_commit"] and
                r["rdi"] != frame[3]):
            # Not a return into a context that was interrupted there, so it resumes a replica:
            # its own address in RDI and, until the commit's RSP load, in RSP, where an NMI
            # this IRETQ unblocks would build its frame.
            self.problems.append("%s resumes a replica at ref_aist_commit with RSP %#x, not "
                                 "its RDI %#x" % (img.sym(r["rip"]), frame[3], r["rdi"]))
        g.g.clear_bp(r["rip"])
        g.g.step_off(r["rip"])
        after = g.g.regs()
        g._rip = after["rip"]
        if into is not None:
            ctx = self.pending[into]
            self.problems += ["at the return from %s: %s" % (ctx.label, m)
                              for m in ctx.mismatches(after)]
            del self.pending[into:]
        elif frame[1] & 3:
            # Back in user mode, but not where the outer event was taken.
            ctx = self.pending[0]
            self.problems.append("%s returned to user mode at %s (RSP %#x), not to where it "
                                 "was taken (%s, RSP %#x)" %
                                 (ctx.label, img.sym(frame[0]), frame[3],
                                  img.sym(ctx.state["rip"]), ctx.state["rsp"]))
            del self.pending[:]
        return after["rip"]

    def follow_returns(self):
        """Every IRETQ until the outer event's return to user mode, judging each return into an
        interrupted context.  An IRETQ to anywhere else resumes a replica at its commit."""
        for _ in range(MAX_IRETS):
            if not self.pending:
                return
            self.through_iret()
        raise GuestFailure("the outer %s did not return to user mode within %d IRETQs" %
                           (self.entry, MAX_IRETS))

    # --- verbose ---
    def show_stop(self, what, r):
        if not self.verbose:
            return
        img = self.img
        self.say("== %s: rip=%s (%s) rsp=%#x" % (what, img.sym(r["rip"]), img.insn(r["rip"]),
                                                r["rsp"]))
        for entry in ("nmi", "db", "mc"):
            self.show_stack("%s IST stack" % entry, ist_range(img.cea, entry)[1])
        self.show_main()

    def show_stack(self, name, top):
        g = self.guest.g
        words = g.read_u64(top - PTREGS_SIZE, PTREGS_SIZE // 8)
        if not any(map(judge.written, words)):
            return
        self.say("   %s (top %#x), pt_regs-shaped from top-168:" % (name, top))
        self.say("     " + " ".join("%s=%#x" % (n, w) for n, w in zip(PT_REGS, words)))

    def show_main(self):
        img, g = self.img, self.guest.g
        top = img.cea + CEA_MAIN_TOP
        for k in range(1, 4):
            base = top - k * PTREGS_SIZE
            words = g.read_u64(base, PTREGS_SIZE // 8)
            if not any(map(judge.written, words)):
                break
            rip = img.sym(words[16]) if judge.written(words[16]) else "(not written)"
            self.say("   main stack frame %d at %#x: rip=%s cs=%#x rsp=%#x orig_ax=%#x rdi=%#x" %
                     (k, base, rip, words[17], words[19], words[15], words[14]))


# ---------------------------------------------------------------------------------------------
# Planning and running

def depth2_points(img, features, db_points, full):
    """(P in #DB, Q in the NMI nested at P), Q enumerated by stepping that nested NMI; and the
    P whose nested NMI alone already fails (a failure at that point, with no Q)."""
    outer = db_points if full else sample(db_points, DEPTH2_SAMPLE)
    pairs, failed = [], []
    guest = None
    try:
        for i, p in enumerate(outer):
            if guest is None:
                guest = Guest(img, features, iters=len(outer) - i + 3)
                guest.boot()
            try:
                guest.checkpoint()
                guest.poison()
                r = guest.go([img.syms[ENTRY_SYM["db"]]])
                guest.go_point(p, r["rip"])
                guest.land("nmi", p[0])
                qs = record_path(guest, "nmi")
            except (GuestFailure, GuestGone) as e:
                why = guest.dead() if isinstance(e, GuestGone) else str(e)
                failed.append({"point": img.point(p), "point2": "(the nested nmi alone)",
                               "what": why})
                guest.close()
                guest = None
                continue
            pairs += [(p, q) for q in qs]
    finally:
        if guest:
            guest.close()
    return pairs, failed


def parse_args(argv):
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
    ap.add_argument("--expect", nargs="?", const=judge.EXPECTED, metavar="FILE",
                    help="hold every cell to its verdict in FILE (default inject-expected.txt): "
                         "a deviation either way fails the run")
    ap.add_argument("--point", help="one point, SYMBOL+0xOFF[#K] (with nmi>mc: P/Q)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--int-log", help="with --point: QEMU -d int,cpu_reset log file")
    ap.add_argument("--shard", metavar="K/N", help="run the K-th of N stable shares of each "
                    "cell's points (merge the JSON reports with merge-shards.py)")
    ap.add_argument("--first-failure", action="store_true",
                    help="stop each area at its first failing point (for mutants)")
    args = ap.parse_args(argv)
    try:
        args.shard_of = parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        ap.error(str(e))
    for v in args.variant.split(","):
        if v not in VARIANTS:
            ap.error("unknown variant %s" % v)
    for s in args.sequence.split(","):
        if s not in SEQUENCES:
            ap.error("unknown sequence %s" % s)
    if args.pti not in (None, "off", "on", "both"):
        ap.error("--pti takes off, on or both")
    pti_opt = args.pti or ("both" if args.full else "off")
    ptis = {"off": [False], "on": [True], "both": [False, True]}[pti_opt]
    entries = args.entry.split(",")
    args.combos = [(v, pti, e, s) for v in args.variant.split(",") for pti in ptis
                   for s in args.sequence.split(",") for e in SEQ_ENTRIES[s] if e in entries]
    if not args.combos:
        ap.error("no entry runs those sequences")
    return args


def features_of(variant, pti):
    return VARIANTS[variant] + (["pti"] if pti else [])


def plan(args, img):
    """The points of every cell: {(variant, pti, entry, sequence): points}, and the failures
    found while enumerating them (an outer event, or a nested NMI, that fails on its own)."""
    need = sorted({c[:3] for c in args.combos} |
                  {(v, pti, "db") for v, pti, e, s in args.combos if s == "nmi>mc"})
    pts, early = {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {k: ex.submit(enumerate_points, img, features_of(k[0], k[1]), k[2])
                for k in need}
        for k, f in futs.items():
            try:
                pts[k] = f.result()
            except GuestFailure as e:
                # The outer event alone already fails (a broken entry, a mutant): every cell
                # over that entry fails at its start, with nothing nested.
                pts[k] = []
                early[k] = [{"point": "(the outer %s, nothing nested)" % k[2], "what": str(e)}]
    d2 = {}
    if not args.point:
        keys = sorted({c[:2] for c in args.combos if c[3] == "nmi>mc"})
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            futs = {k: ex.submit(depth2_points, img, features_of(*k), pts[k + ("db",)],
                                 args.full) for k in keys}
            for k, f in futs.items():
                d2[k] = f.result()
    cells, failed = {}, {}
    for c in args.combos:
        v, pti, e, s = c
        if s == "nmi>mc":
            if (v, pti, "db") in early:
                failed[c] = early[(v, pti, "db")]
                cells[c] = []
            else:
                cells[c], failed[c] = d2.get((v, pti), ([], []))
        else:
            cells[c], failed[c] = pts[c[:3]], early.get(c[:3], [])
    return cells, failed


def run_cells(args, img, cells, failed):
    """Every point of every cell, --jobs QEMUs at a time; {cell: Result}."""
    work = []
    for c in args.combos:
        points = [p for p in cells[c] if in_shard(cell_name_of(c) + "|" + point_name(img, p),
                                                  args.shard_of)]
        chunk = (max(40, (len(points) + 1) // 2) if args.jobs > 1 and not args.first_failure
                 else len(points))
        for i in range(0, len(points), chunk):
            work.append((c, points[i:i + chunk]))
    work.sort(key=lambda w: -len(w[1]))
    results = {c: Result(c[2], c[3], c[0], c[1]) for c in args.combos}
    # A failure found while enumerating is no point of any shard's: the first shard reports it.
    for c, fails in (failed.items() if not args.shard_of or args.shard_of[0] == 1 else []):
        results[c].tried += len(fails)
        results[c].failures += fails
    lock = threading.Lock()

    def run(item):
        c, points = item
        r = Session(img, *c, points, first_failure=args.first_failure).run()
        with lock:
            acc = results[c]
            acc.tried += r.tried
            acc.survived += r.survived
            acc.failures += r.failures
            acc.harness += r.harness
            acc.boots += r.boots
            acc.seconds += r.seconds

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for f in [ex.submit(run, w) for w in work]:
            f.result()
    for c in args.combos:
        # Failures in path order: chunks finish in any order.
        order = {(img.point(p[0]), img.point(p[1])) if is_pair(p) else (img.point(p), None): i
                 for i, p in enumerate(cells[c])}
        results[c].failures.sort(key=lambda f: order.get((f["point"], f.get("point2")), -1))
    return [results[c] for c in args.combos]


def main(argv=None):
    args = parse_args(argv)
    if not qemu.qemu_binary():
        print("inject.py: qemu-system-x86_64 not found: skipped", file=sys.stderr)
        return 77
    if not os.path.exists(args.image):
        print("inject.py: no image %s" % args.image, file=sys.stderr)
        return 2
    expected = None
    if args.expect:
        try:
            expected = judge.read_expected(args.expect)
        except (OSError, judge.ExpectationError) as e:
            print("inject.py: %s" % e, file=sys.stderr)
            return 2
    img = Image(args.image)
    t0 = time.monotonic()
    cells, failed = plan(args, img)
    if args.point:
        return one_point(args, img, cells, failed)
    ordered = run_cells(args, img, cells, failed)
    elapsed = time.monotonic() - t0
    deviations = deviations_of(ordered, expected, sharded=bool(args.shard_of))
    status = 1 if deviations else 2 if any(r.harness for r in ordered) else 0
    report(args, ordered, deviations, elapsed, status)
    return status


def deviations_of(results, expected, sharded=False):
    """[(result, why)]: each cell whose outcome is not its expected verdict.  Without a table,
    the atomic variant must survive everywhere and the classic one is only reported.  A shard
    may hold no point of a cell: that cell is judged when the shards are merged."""
    out = []
    for r in results:
        if sharded and r.tried == 0 and not r.harness:
            continue
        if expected is None:
            verdict = "survive" if r.variant == "atomic" else None
        else:
            verdict = expected.get(r.key())
            if verdict is None:
                out.append((r, "no expected verdict for this cell in the table"))
                continue
        why = verdict and judge.deviation(verdict, r.tried, r.survived)
        if why:
            out.append((r, why))
    return out


def cell_name(r):
    return "%s pti=%s %s %s" % (r.variant, "on" if r.pti else "off", r.entry, r.sequence)


def cell_name_of(c):
    v, pti, e, s = c
    return "%s pti=%s %s %s" % (v, "on" if pti else "off", e, s)


def point_name(img, p):
    return "%s/%s" % (img.point(p[0]), img.point(p[1])) if is_pair(p) else img.point(p)


def report(args, ordered, deviations, elapsed, status):
    if args.format == "json":
        print(json.dumps({
            "injector": "inject", "shard": args.shard,
            "image": os.path.abspath(args.image),
            "elapsed_seconds": round(elapsed, 1),
            "status": status,
            "deviations": [{"variant": r.variant, "pti": r.pti, "entry": r.entry,
                            "sequence": r.sequence, "what": why} for r, why in deviations],
            "results": [{"entry": r.entry, "sequence": r.sequence, "variant": r.variant,
                         "pti": r.pti, "tried": r.tried, "survived": r.survived,
                         "boots": r.boots, "seconds": round(r.seconds, 1),
                         "failures": r.failures,
                         "harness_errors": r.harness} for r in ordered]}, indent=1))
        return
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
            print("FAIL %s: %s\n     at %s" % (cell_name(r), what, shown))
        for h in r.harness:
            print("HARNESS %s at %s: %s" % (cell_name(r), h["point"] + (
                " / " + h["point2"] if "point2" in h else ""), h["what"]))
    for r, why in deviations:
        print("DEVIATION %s: %s" % (cell_name(r), why))
    print("%.1fs, status %d" % (elapsed, status))


def one_point(args, img, cells, failed):
    status = 0
    for c in args.combos:
        v, pti, e, s = c
        if s == "nmi>mc":
            p, _, q = args.point.partition("/")
            if not q:
                print("nmi>mc needs --point P/Q", file=sys.stderr)
                return 2
            point = (img.parse_point(p), img.parse_point(q))
        else:
            point = img.parse_point(args.point)
            if point not in cells[c]:
                print("(%s %s: %s is not on the unperturbed path)" % (v, e, img.point(point)))
                continue
        print("#### %s pti=%s entry=%s sequence=%s point=%s" %
              (v, "on" if pti else "off", e, s, args.point))
        for f in failed.get(c, []):
            print("FAIL (enumerating):", f["what"])
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
