# SPDX-License-Identifier: GPL-2.0
"""The injector core both injectors drive a stopped guest with: the reference entry's
(tests/testbed/inject.py, through guest.py) and the kernel's (tests/kernel/inject-mainline.py).

A guest class derives from GuestCore and says what differs: how it names an address (sym), why it
died (dead), the entry an event vectors to (entry_of), how to raise an event (inject) and where
a landed event's RSP must be (check_landing).  The rest is the same machinery: run to a set of
breakpoints with a hang bound, land an injected event at the instruction the guest is stopped
at (also when that is the event's own entry), and single-step when QEMU's gdbstub sometimes
answers a step without executing.  Python 3 standard library only.
"""
import zlib

from qemu import GuestGone, QemuError


def parse_shard(text):
    """"K/N" (1 <= K <= N): this run takes the K-th of N shares of the points."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError("--shard takes K/N, as 2/4")
    if not 1 <= k <= n:
        raise ValueError("--shard %s: K must be 1 to N" % text)
    return k, n


def in_shard(key, shard):
    """Is the point named key (config, cell and point name: the same on every machine) in this
    shard?  A stable split: every run of every shard agrees, whatever else it runs."""
    if shard is None:
        return True
    k, n = shard
    return zlib.crc32(key.encode()) % n == k - 1


def sample(points, n):
    """n points spread evenly over the list, its first and last among them; all of them when n
    is 0 or at least their number."""
    if not n or len(points) <= n:
        return list(points)
    if n == 1:
        return [points[0]]
    return [points[round(i * (len(points) - 1) / (n - 1))] for i in range(n)]


class HarnessError(Exception):
    """The injector could not do what it meant to (an injection landed elsewhere, an unexpected
    stop): not a data point."""


class GuestFailure(Exception):
    """The guest died or hung: the point failed."""


class GuestCore:
    _rip = None               # where the guest is stopped, as the last stop said
    # Landing at the event's own entry, must the step stop at that entry?  The kernel's NMI entry
    # is stepped from its first instruction.  The testbed's classic NMI starts with a jmp, which
    # the step that takes the event runs too (its path is judged from where it lands).
    step_stops_at_entry = True

    # -- what a guest class provides -----------------------------------------------------------
    def sym(self, addr):
        raise NotImplementedError

    def dead(self):
        """Why the guest is gone, from its console and QEMU's exit status."""
        raise NotImplementedError

    def entry_of(self, kind):
        raise NotImplementedError

    def inject(self, kind):
        raise NotImplementedError

    def check_landing(self, kind, r):
        """Raise HarnessError unless r (at the event's entry) is on that event's stack."""
        raise NotImplementedError

    def finished(self, why):
        """Did the guest end its workload normally (so a missed breakpoint is the harness's)?"""
        return False

    def console_problem(self):
        """The console's last line that says why a guest hangs, or None."""
        return None

    # -- the machinery ---------------------------------------------------------------------------
    def failure(self):
        return GuestFailure(self.dead())

    def go(self, targets, timeout):
        """Run until RIP is one of targets (breakpoints exactly there); returns the registers."""
        g = self.q.gdb
        targets = set(targets)
        try:
            for a in list(g.bps):
                if a not in targets:
                    g.clear_bp(a)
            if self._rip in targets:
                # A breakpoint at the current PC is hit again at once: step over it first.
                # Only done with no event pending (single-steps mask interrupts).
                g.clear_bp(self._rip)
                g.step_off(self._rip)
            for a in targets:
                g.set_bp(a)
            g.cont()
            st = g.wait_stop(timeout)
        except (GuestGone, OSError):
            why = self.dead()
            if self.finished(why):
                raise HarnessError("guest finished while the injector waited at %s" %
                                   ", ".join(self.sym(t) for t in sorted(targets)))
            raise GuestFailure(why)
        if st is None:
            try:
                g.interrupt(2.0)
                where = self.sym(g.regs()["rip"])
            except (GuestGone, QemuError, OSError):
                raise self.failure()
            problem = self.console_problem()
            raise GuestFailure("hang: no stop within %.0fs, interrupted at %s%s" %
                               (timeout, where, (": " + problem) if problem else ""))
        if st.exited:
            raise self.failure()
        if st.kind not in ("T", "S"):
            raise HarnessError("unexpected stop reply %r" % st.packet)
        r = g.regs()
        self._rip = r["rip"]
        if r["rip"] not in targets:
            raise HarnessError("stopped at %s, not at a breakpoint (%s)" %
                               (self.sym(r["rip"]), st.packet))
        return r

    def step(self, what):
        """One instruction executed; returns the registers.  A step that leaves RIP and RSP where
        they were did not execute (QEMU's gdbstub under load, see Gdb.step_off; the entries have
        no REP string instruction): it is tried again, so that it invents no instance."""
        g = self.q.gdb
        prev = g.regs()
        for _ in range(5):
            try:
                st = g.step()
            except (GuestGone, OSError):
                st = None
            if st is None or st.exited:
                raise GuestFailure("%s: %s" % (what, self.dead()))
            r = g.regs()
            if (r["rip"], r["rsp"]) != (prev["rip"], prev["rsp"]):
                break
        self._rip = r["rip"]
        return r

    def land(self, kind, at, timeout):
        """Inject kind now (stopped at `at`), run to its entry, check its stack and the saved
        RIP; returns (registers, the hardware frame's five words)."""
        g = self.q.gdb
        self.inject(kind)
        g.clear_bp(at)
        entry = self.entry_of(kind)
        if at == entry:
            # Stopped at the entry the event vectors to (an NMI at asm_exc_nmi's first
            # instruction): a breakpoint there is the current PC, and go() would step over it
            # with interrupts masked.  One step with interrupts let through (QEMU's sstep flags:
            # ENABLE only) takes the event and stops at the handler's first instruction.
            rsp0 = g.regs()["rsp"]
            try:
                g.set_sstep_flags(0x1)
                for _ in range(3):
                    g.step()
                    r = g.regs()
                    # Seen once in ~500: a step that neither took the event nor executed.
                    if r["rip"] != entry or r["rsp"] != rsp0:
                        break
                g.set_sstep_flags(0x7)
            except (GuestGone, OSError):
                raise self.failure()
            self._rip = r["rip"]
            if r["rsp"] == rsp0 and r["rip"] == entry:
                raise HarnessError("%s at its own entry: the step took no event" % kind)
            if r["rip"] != entry and self.step_stops_at_entry:
                raise HarnessError("%s at its own entry: the step stopped at %s" %
                                   (kind, self.sym(r["rip"])))
        else:
            r = self.go([entry], timeout)
        self.check_landing(kind, r)
        frame = g.read_u64(r["rsp"], 5)
        if frame[0] != at:
            raise HarnessError("%s meant for %s landed at %s" %
                               (kind, self.sym(at), self.sym(frame[0])))
        return r, frame
