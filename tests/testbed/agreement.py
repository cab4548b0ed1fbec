#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Static against dynamic: every mutant of the reference entry, judged by istcheck and by running it.

For each contract mutant of tests/ref_entry.py (the ones the static suite proves are caught by
exactly their rule) and each functional mutant below (which break the replay without breaking
any contract rule), the mutant object is built as the static test builds it, linked into the
testbed image with tests/testbed/link.sh, booted with the plain workload (PTI on and off), and
then run under the injector (tests/testbed/inject.py: nested NMI, nested #MC and #MC then NMI at
every point, both NMI variants; the classic NMI's own hazard is not counted against a mutant).  One row per mutant: the
static rules reported, and the dynamic outcome (the first point that fails, or "survived").

The two judges must agree:
  - a contract mutant that fails dynamically is reported by its rule (ref_entry.py's judging,
    rerun here on the same object);
  - a contract mutant that survives is one whose rule guards what an emulator cannot see (each
    such rule is in STATIC_ONLY with the reason) or one whose breakage needs a condition the
    testbed does not create (NOT_EXERCISED, per mutant, with the reason); any other survivor is
    a disagreement;
  - a functional mutant is clean under both contracts and fails dynamically in the entry and
    sequence it names;
  - a state-check mutant (STATE_CHECKS: one per check of the state judge, judge.py) passes the
    plain workload and fails, in each cell it names, with that check's message.
The table's "caught by" column says which check of the dynamic judge failed the first point.

Environment: ISTCHECK, SRCROOT, REF_OBJ (as for tests/ref_entry.py).  Options: --only TEXT (the
mutants whose name contains TEXT), --inject ARGS (extra arguments for inject.py), --jobs N,
--format text|json.  Exit 0 when the judges agree on every mutant, 1 otherwise, 77 without QEMU.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import ref_entry  # noqa: E402  (reads ISTCHECK, SRCROOT from the environment)
from mutants import Mutation, MutantError, apply_edits, istcheck_json  # noqa: E402

# Rules whose mutants an emulator cannot fail: what they guard has no architectural effect on
# the registers, the counters or the control flow the testbed observes.
STATIC_ONLY = {
    "spec-untrain": "return-predictor training is speculative state: TCG models no predictor",
    "spec-verw": "VERW clears microarchitectural buffers: no architectural effect",
    "spec-bhb": "the branch history buffer is speculative state: TCG models none",
    "gs-fence": "the LFENCE after a conditional SWAPGS stops a speculative %gs load only",
    "cr3-balance": "user mode on the kernel CR3 still cannot touch supervisor pages; what "
                   "PTI stops is their speculative read (Meltdown), which TCG does not model",
    "noinstr-call": "instrumentation in the handler is absent from the fixture's build",
}

# Contract mutants whose rule can fail dynamically, but not in this testbed: what the mutant
# breaks needs a condition the testbed does not create.  Each is a true static finding.
NOT_EXERCISED = {
    "wrmsr before the commit":
        "the MSR in ECX there is the user's RCX pattern, an MSR TCG does not implement: QEMU "
        "ignores the write where hardware raises #GP before the commit",
    "port I/O in the identify-and-copy C":
        "port I/O raises #VC/#VE only in an SEV-ES or TDX guest; the testbed is a plain one",
    "a second RSP load before the commit":
        "the mutant's load is value-preserving (movq %rsp,%rdi; movq %rdi,%rsp); a nested "
        "entry replicates by the RSP it interrupted, which the rule protects in general",
    "the SYSCALL exit jumps into the aIST commit code":
        "the jump is on the path where ref_do_syscall_64 refuses SYSRET (a non-canonical or "
        "tampered RIP), which a plain SYSCALL never produces",
    "SYSRET without the handler's verdict":
        "SYSRET with an unvetted RCX/R11 is unsafe only for a non-canonical or tampered return "
        "address, which a plain SYSCALL never produces",
    "error_entry loads RSP with an IST stack address":
        "the mutated path is a #GP from kernel mode; the workload raises #GP from user mode only",
    "sti on the IST stack in the classic NMI":
        "the testbed has no maskable interrupt source (no timer, no device IRQ) to take after "
        "the STI",
    "CLEAR_REGS dropped after the commit":
        "scrubbing registers before C is speculative-execution hardening: the handler never "
        "reads the user values left in them",
}

# Functional mutants: (name, file, [(anchor, replacement)], [(entry, sequence)] that must fail).
# Each keeps every contract rule (the static judge is clean under both contracts), but breaks the
# replay, which only running it shows.
FUNCTIONAL = [
    ("replicate() takes RDI from the interrupted frame even before it was pushed", "ref_aist.c",
     [("dst->gpr[i] = slot >= stopped_at ? src->gpr[i] : regs_after->gpr[i];",
       "dst->gpr[i] = slot >= stopped_at || i == SLOT_RDI ? src->gpr[i] : regs_after->gpr[i];")],
     [("nmi", "mc")]),
    ("the chain followed one step too far", "ref_aist.c",
     [("\t\tchain[nr++] = n;\n\t\tf = frame_on(cea, n);\n\t}\n",
       "\t\tchain[nr++] = n;\n\t\tf = frame_on(cea, n);\n\t}\n"
       "\tif (nr && nr < NR_IST) {\n\t\tchain[nr] = chain[nr - 1];\n\t\tnr++;\n\t}\n")],
     [("nmi", "mc"), ("db", "nmi"), ("db", "mc")]),
    ("an outer replica completed from this entry's registers, not from the replica below",
     "ref_aist.c", [("\t\tstopped_at = src->sp;\n\t\tafter = dst;\n", "\t\tstopped_at = src->sp;\n")],
     [("db", "nmi>mc")]),
    ("each resumed replica's RSP set to the outermost replica", "ref_aist.c",
     [("\t\tresume_at_commit((struct aist_frame *)a, a + PTREGS_SIZE);\n",
       "\t{\n\t\tresume_at_commit((struct aist_frame *)a, a + PTREGS_SIZE);\n"
       "\t\t((struct aist_frame *)a)->sp = base - PTREGS_SIZE;\n\t}\n")],
     [("db", "nmi>mc")]),
    ("ist_stack_of() without the user-mode test: a user RSP on an IST stack", "ref_aist.c",
     [("\tif (f->cs & 3)\n\t\treturn -1;\n\tif (off >= NR_IST * IST_SIZE)",
       "\tif (off >= NR_IST * IST_SIZE)")],
     [("nmi", "mc"), ("mc", "nmi")]),
]


# The state judge's own mutants: one broken entry per check of judge.py, each of which must fail
# with that check's message (the regular expression), in the cells named, under the injector
# arguments given.  Whether the static judge sees it too is reported, not required: these test
# the dynamic judge.  (name, file, [(anchor, replacement)], [(entry, sequence)], check, args)
AIST_EXIT = "\tPARANOID_EXIT\n\tPOP_REGS\n\taddq\t$8, %rsp\n\tCLEAR_CPU_BUFFERS\n\tiretq\n"
# PARANOID_EXIT with its two halves apart, and a test in front of either that skips it when the
# exit resumes a replica at its commit point (the kind of shortcut a port could take: "the
# replica's own exit restores it").  Only a nested entry takes it, so the plain workload passes.
TO_REPLICA = "\tleaq\tref_aist_commit(%rip), %rax\n\tcmpq\t%rax, RIP(%rsp)\n"
EXIT_CR3 = "\tALTERNATIVE \"jmp 1f\", \"\", F_PTI\n%s\tmovq\t%%r14, %%cr3\n1:\n"
EXIT_GS = "%s\ttestl\t%%ebx, %%ebx\n\tjnz\t2f\n\tswapgs\n2:\n"
STATE_CHECKS = [
    ("a nested aIST exit to a replica's commit skips the SWAPGS", "ref_entry.S",
     [(AIST_EXIT, AIST_EXIT.replace("\tPARANOID_EXIT\n", EXIT_CR3 % "" + EXIT_GS %
                                    (TO_REPLICA + "\tje\t2f\n")))],
     [("nmi", "mc"), ("db", "nmi")], r"GSBASE got", []),
    ("a nested aIST exit to a replica's commit skips the CR3 switch back (PTI)", "ref_entry.S",
     [(AIST_EXIT, AIST_EXIT.replace("\tPARANOID_EXIT\n", EXIT_CR3 % (TO_REPLICA + "\tje\t1f\n") +
                                    EXIT_GS % ""))],
     [("nmi", "mc"), ("db", "nmi")], r"CR3 got", ["--pti", "on"]),
    ("the aIST exit flips CF in the frame it returns with", "ref_entry.S",
     [(AIST_EXIT, AIST_EXIT.replace("\tCLEAR_CPU_BUFFERS\n",
                                    "\tbtcq\t$0, 16(%rsp)\n\tCLEAR_CPU_BUFFERS\n"))],
     [("nmi", "mc"), ("db", "nmi")], r"RFLAGS got .*\(CF differ\)", []),
    ("replicate() leaves R12 of an interrupted entry's replica unwritten", "ref_aist.c",
     [("\t\tdst->gpr[i] = slot >= stopped_at ? src->gpr[i] : regs_after->gpr[i];\n",
       "\t\tif (i != 3 || !stopped_at)\n"
       "\t\t\tdst->gpr[i] = slot >= stopped_at ? src->gpr[i] : regs_after->gpr[i];\n")],
     [("nmi", "mc"), ("db", "nmi")], r"R12 got 0xbad1[0-9a-f]+ \(poison", []),
    ("the main-stack room of replicas a classic NMI interrupted is not reserved", "ref_aist.c",
     [("\tbase -= reserved;\n", "")],
     [("db", "nmi>mc")], r"got", []),
]


def caught_by(what):
    """Which check of the dynamic judge a failure message comes from."""
    regs = re.findall(r"\b([A-Z][A-Z0-9_]*) got ", what)
    if regs and "return from" in what:
        return "state: " + ", ".join(dict.fromkeys(regs))
    for pattern, check in (("FAIL iter=", "workload register check"),
                           ("events: got", "event counts"), ("FATAL", "unexpected vector"),
                           ("hang", "hang"), ("triple fault", "triple fault"),
                           ("did not return", "no return"), ("returned to user mode at",
                                                               "return address"),
                           ("resumes a replica", "replica resume")):
        if pattern in what:
            return check
    return "other"


def run(cmd, timeout=None):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def build_mutant(name, by_file, cflags, tmp):
    """The mutant object, built as tests/ref_entry.py builds it."""
    files = {}
    for path, edits in by_file.items():
        with open(os.path.join(ref_entry.SRC, path)) as f:
            files[path] = apply_edits(f.read(), edits)
    return ref_entry.build(Mutation(name, None, None, by_file, cflags=cflags), files, tmp)


def static_rules(obj):
    """The rules istcheck reports on obj, under each contract, with the fixture's model."""
    rules = {}
    for contract in ("linux", "aist"):
        _, found = istcheck_json(ref_entry.ISTCHECK,
                                 ["--contract=" + contract, "--model=" + ref_entry.MODEL, obj])
        for f in found:
            rules.setdefault(f["rule"], f)
    return rules


def plain_boot(img):
    """The workload without injection, PTI on and off: None when both pass, else what failed."""
    for features in ("atomic_ist,pti", "atomic_ist"):
        try:
            p = run(["sh", os.path.join(HERE, "run.sh"), img, "features=%s iters=2" % features],
                    timeout=30)
        except subprocess.TimeoutExpired:
            return "plain workload (features=%s): hang" % features
        if p.returncode != 33:
            lines = [l for l in p.stdout.splitlines() if l.startswith(("FAIL", "FATAL"))]
            what = lines[0] if lines else ("exit %d" % p.returncode if p.returncode != 0
                                           else "triple fault or reset")
            return "plain workload (features=%s): %s" % (features, what)
    return None


# The injections every mutant runs under: single nesting and the #MC-then-NMI hazard, every point.
SEQUENCES = ["nmi", "mc", "mc+nmi"]


def injected(img, extra, sequences):
    """The injector's verdict on the atomic variant: (failures by (entry, sequence), rows)."""
    cmd = [sys.executable, os.path.join(HERE, "inject.py"), "--image", img,
           "--variant", "atomic,classic", "--sequence", ",".join(sequences), "--first-failure",
           "--format", "json"] + extra
    for attempt in (1, 2):
        p = run(cmd + ["--jobs", "1"], timeout=1800)
        if p.returncode in (0, 1):
            break
        # A harness error (an injection that did not land, a missed stop) is not a data
        # point: say what it was, and try the image once more.
        try:
            why = "; ".join("%s %s at %s: %s" % (r["entry"], r["sequence"], h["point"], h["what"])
                            for r in json.loads(p.stdout)["results"] for h in r["harness_errors"])
        except (ValueError, KeyError):
            why = p.stderr.strip()[-800:]
        if attempt == 2:
            raise MutantError("inject.py exited %d: %s" % (p.returncode, why))
        print("agreement: retrying %s after a harness error: %s" % (img, why), file=sys.stderr)
    rows = json.loads(p.stdout)["results"]
    failed = {}
    for r in rows:
        # The classic NMI's own hazard (inject.py's CLASSIC_HAZARD) fails in the pristine entry.
        if r["variant"] == "classic" and (r["entry"], r["sequence"]) == ("nmi", "mc+nmi"):
            continue
        if r["failures"]:
            failed[(r["entry"], r["sequence"])] = dict(r["failures"][0], variant=r["variant"])
    return failed, rows


def first_failure(failed):
    if not failed:
        return "survived"
    (entry, seq), f = sorted(failed.items())[0]
    return "%s %s/%s at %s: %s (%d area%s failed)" % (f["variant"], entry, seq, f["point"],
                                                     f["what"], len(failed),
                                                     "" if len(failed) == 1 else "s")


def judge_contract(m, rules, outcome, failed):
    """None when the two judges agree on a contract mutant, else the disagreement."""
    name, contract, _, _, _, rule = m[:6]
    if rule not in rules:
        return "the static judge misses its rule %s (reported: %s)" % (rule, sorted(rules) or "none")
    if outcome is None and not failed:
        if rule in STATIC_ONLY or name in NOT_EXERCISED:
            return None
        return "survived, and neither %s is a static-only rule nor the mutant explained" % rule
    return None


def judge_functional(must_fail, rules, outcome, failed):
    if rules:
        return "the static judge reports %s: not a functional mutant" % sorted(rules)
    if outcome is not None:
        return None
    missing = [a for a in must_fail if a not in failed]
    if missing:
        return "survived in %s" % ", ".join("%s/%s" % a for a in missing)
    return None


def judge_check(cells, check, outcome, failed):
    """A state-check mutant: the plain workload passes (the old judge's view), and each cell
    named fails with the check's message."""
    if outcome is not None:
        return "the plain workload already fails (%s): not a test of the state judge" % outcome
    for cell in cells:
        if cell not in failed:
            return "survived in %s/%s" % cell
        if not re.search(check, failed[cell]["what"]):
            return "%s/%s failed, but not with /%s/: %s" % (cell + (check, failed[cell]["what"]))
    return None


def one(kind, m, extra, workdir):
    tmp = tempfile.mkdtemp(prefix="agree.", dir=workdir)
    try:
        if kind == "contract":
            name, _, file, edits, cflags = m[:5]
            by_file = {"ref_entry/" + file: list(edits)}
            if len(m) > 8:
                by_file.setdefault("ref_entry/ref_entry.S", []).extend(m[8])
        else:
            name, file, edits = m[:3]
            by_file, cflags = {"ref_entry/" + file: list(edits)}, []
            if kind == "check":
                extra = extra + m[5]
        obj = build_mutant(name, by_file, cflags, tmp)
        rules = static_rules(obj)
        img = os.path.join(tmp, "testbed.elf")
        p = run(["sh", os.path.join(HERE, "link.sh"), obj, img])
        if p.returncode:
            return dict(name=name, kind=kind, static=sorted(rules), dynamic="does not link: " +
                        p.stderr.strip()[-200:], disagreement=None)
        outcome = plain_boot(img)
        failed = {}
        sequences = SEQUENCES if kind == "contract" else sorted(
            set(SEQUENCES) | {seq for _, seq in m[3]})
        if outcome is None:
            failed, _ = injected(img, extra, sequences)
        dynamic = outcome or first_failure(failed)
        if kind == "contract":
            bad = judge_contract(m, rules, outcome, failed)
        elif kind == "check":
            bad = judge_check(m[3], m[4], outcome, failed)
        else:
            bad = judge_functional(m[3], rules, outcome, failed)
        caught = caught_by(outcome or sorted(failed.items())[0][1]["what"]) if (
            outcome or failed) else "-"
        return dict(name=name, kind=kind, static=sorted(rules), dynamic=dynamic, disagreement=bad,
                    caught_by=caught,
                    why=("static-only: " + STATIC_ONLY[m[5]] if m[5] in STATIC_ONLY else
                         "not exercised: " + NOT_EXERCISED[name] if name in NOT_EXERCISED else None)
                    if kind == "contract" and dynamic == "survived" else None)
    except (MutantError, subprocess.TimeoutExpired, ValueError, KeyError) as e:
        return dict(name=m[0], kind=kind, static=[], dynamic="error", disagreement=str(e),
                    caught_by="-")
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="")
    ap.add_argument("--inject", default="", help="extra inject.py arguments")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args()
    if not shutil.which("qemu-system-x86_64"):
        print("SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)")
        return 77
    todo = ([("contract", m) for m in ref_entry.MUTANTS] + [("functional", m) for m in FUNCTIONAL] +
            [("check", m) for m in STATE_CHECKS])
    todo = [t for t in todo if args.only in t[1][0]]
    extra = args.inject.split()
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        rows = list(ex.map(lambda t: one(t[0], t[1], extra, None), todo))
    bad = [r for r in rows if r["disagreement"]]
    if args.format == "json":
        json.dump({"mutants": rows, "disagreements": len(bad)}, sys.stdout, indent=2)
        print()
    else:
        print("| mutant | kind | static rules | dynamic | caught by | agree |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            agree = "no: " + r["disagreement"] if r["disagreement"] else (
                "yes (%s)" % r["why"] if r.get("why") else "yes")
            print("| %s | %s | %s | %s | %s | %s |" % (
                r["name"], r["kind"], ", ".join(r["static"]) or "clean", r["dynamic"],
                r["caught_by"], agree))
        print("%d mutants, %d disagreements" % (len(rows), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
