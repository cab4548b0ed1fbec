# SPDX-License-Identifier: GPL-2.0
"""The injector's state judge: what "survived" checks where an entry returns.

Each event the injector causes interrupts a context: the user workload for the outer event, an
entry's instruction for a nested one.  When the event is taken, its entry's first instruction
sees that context exactly: the CPU has pushed RIP, CS, RFLAGS, RSP and SS and changed nothing
else the judge compares (GPRs, FS and GS selectors, FS base, GSBASE, KERNEL_GSBASE, CR3).  When
an IRETQ pops a frame naming that context (RIP, CS and RSP) the entry returns into it, and the
state one instruction later must be that snapshot, register for register.  An aIST entry
that replicates an interrupted one never returns into it (the replica resumes at the commit), so
only the contexts that are returned into are compared; the outer, user-mode one always is.

The poison: before each point the injector fills the entry area's stacks with words that say
where they came from, so a slot an entry forgot to write cannot pass for a copy with an earlier
event's plausible values.  Python 3 standard library only.
"""
import os
import re

from qemu import GPR_NAMES

REF_ENTRY_H = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures",
                           "ref_entry", "ref_entry.h")


def read_layout(path=REF_ENTRY_H):
    """The fixture's numeric #defines (the entry area's layout, pt_regs offsets), read from its
    header so the injector cannot drift from the entry it drives."""
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", line)
            if m:
                out[m.group(1)] = int(m.group(2), 0)
    return out


LAYOUT = read_layout()
CEA_ENTRY_STACK = LAYOUT["CEA_ENTRY_STACK"]
CEA_MAIN_TOP = LAYOUT["CEA_MAIN_TOP"]

# What an interrupted context is made of, and the names the messages use for it.
STATE = [(n, n.upper()) for n in GPR_NAMES] + [
    ("rip", "RIP"), ("eflags", "RFLAGS"), ("cs", "CS"), ("ss", "SS"), ("fs", "FS"),
    ("gs", "GS"), ("fs_base", "FSBASE"), ("gs_base", "GSBASE"), ("k_gs_base", "KERNEL_GSBASE"),
    ("cr3", "CR3")]
FLAGS = {0: "CF", 1: "bit1", 2: "PF", 4: "AF", 6: "ZF", 7: "SF", 8: "TF", 9: "IF", 10: "DF",
         11: "OF", 12: "IOPL0", 13: "IOPL1", 14: "NT", 16: "RF", 17: "VM", 18: "AC", 19: "VIF",
         20: "VIP", 21: "ID"}

# The poison: 0xbad1 in the top 16 bits (non-canonical, so a poisoned RIP or RSP faults at
# once), the word's offset in the entry area below.
POISON_TAG = 0xBAD1 << 48


def poison_word(offset):
    return POISON_TAG | offset


def written(value):
    """Has a stack word been written since the poison (or ever, zero)?"""
    return value != 0 and value >> 48 != POISON_TAG >> 48


def describe(value):
    """A value, and where it came from when it is poison."""
    if value >> 48 == POISON_TAG >> 48:
        return "%#x (poison: area+%#x, a slot never written)" % (value, value & 0xFFFFFFFFFFFF)
    return "%#x" % value


def flag_names(bits):
    return "+".join(FLAGS.get(b, "bit%d" % b) for b in range(32) if bits >> b & 1)


class Context:
    """An interrupted context, as the entry of the event that interrupted it finds it."""

    def __init__(self, label, regs, frame):
        self.label = label
        self.state = {name: regs[name] for name, _ in STATE}
        self.state.update(rip=frame[0], cs=frame[1], eflags=frame[2], rsp=frame[3], ss=frame[4])

    def returns_here(self, frame):
        """Does an IRETQ with this frame (RIP, CS, RFLAGS, RSP, SS) return into this context?"""
        s = self.state
        return (frame[0], frame[1], frame[3]) == (s["rip"], s["cs"], s["rsp"])

    def user(self):
        return bool(self.state["cs"] & 3)

    def mismatches(self, regs):
        """What differs after the return: one message per register, with both values."""
        out = []
        for name, shown in STATE:
            got, want = regs[name], self.state[name]
            if got == want:
                continue
            if name == "eflags":
                out.append("RFLAGS got %#x want %#x (%s differ)" % (got, want,
                                                                   flag_names(got ^ want)))
            else:
                out.append("%s got %s want %s" % (shown, describe(got), describe(want)))
        return out


def poison(gdb, cea):
    """Fill the entry area's stacks (the trampoline stack, every IST stack and the IST main
    stack, all free while the workload runs in user mode) with poison words."""
    words = b"".join(poison_word(off).to_bytes(8, "little")
                     for off in range(CEA_ENTRY_STACK, CEA_MAIN_TOP, 8))
    gdb.write(cea + CEA_ENTRY_STACK, words)


# ---------------------------------------------------------------------------------------------
# Expectations: the verdict of every cell, as data

VERDICTS = ("survive", "fail")
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inject-expected.txt")


class ExpectationError(Exception):
    pass


def read_expected(path=EXPECTED):
    """{(variant, pti, entry, sequence): verdict} from the table (see the file's header)."""
    table = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if (len(fields) != 5 or fields[1] not in ("on", "off") or
                    fields[4] not in VERDICTS):
                raise ExpectationError("%s:%d: want 'VARIANT on|off ENTRY SEQUENCE %s'" %
                                       (path, n, "|".join(VERDICTS)))
            key = (fields[0], fields[1] == "on", fields[2], fields[3])
            if key in table:
                raise ExpectationError("%s:%d: a second row for %s" % (path, n, " ".join(
                    fields[:4])))
            table[key] = fields[4]
    return table


def deviation(verdict, tried, survived):
    """Why a cell's result is not its expected verdict, or None.  'survive': every point
    survived; 'fail': every point failed (a hazard that some point escapes is half a hazard)."""
    if tried == 0:
        return "no point was tried"
    if verdict == "survive" and survived != tried:
        return "expected to survive, %d of %d points failed" % (tried - survived, tried)
    if verdict == "fail" and survived:
        return "expected to fail at every point, %d of %d survived" % (survived, tried)
    return None


def point_name(sym, instance):
    """SYMBOL+0xOFF for an instruction's first execution on the path, SYMBOL+0xOFF#K for its
    K-th (a loop's later iterations)."""
    return sym if instance == 1 else "%s#%d" % (sym, instance)


def parse_point(spec):
    m = re.match(r"^(.*?)(?:#(\d+))?$", spec)
    return m.group(1), int(m.group(2) or 1)
