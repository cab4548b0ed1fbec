#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The reference atomic-IST entry: clean under both contracts, and every mutant caught.

Each mutant edits the fixture's source (every edit must match exactly once), is built with
tests/fixtures/ref_entry/build.sh like the real one, and checked with --contract=aist or linux.
It must be reported by exactly the intended rule (the set of rules reported is that one rule),
and the first finding must be in the intended function and say the intended thing.  The
running and judging (from the JSON report) is tests/mutants.py's, shared with the real-kernel
mutations of tests/kernel/test-contract.sh.

Environment: ISTCHECK (the binary), SRCROOT (the source tree), REF_OBJ (the built fixture).
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mutants import Mutation, MutantError, Runner  # noqa: E402

ISTCHECK = os.environ["ISTCHECK"]
SRC = os.path.join(os.environ["SRCROOT"], "tests/fixtures")
REF = os.path.join(SRC, "ref_entry")
MODEL = os.path.join(REF, "ref_entry-model.json")

AIST_ENTRY_CALL = "\tmovq\t%rsp, %rdi\n\tcall\tref_aist_enter\n"
# (name, contract, file, [(old, new)], cflags, rule, function, text in the first finding
#  [, [(old, new)] in ref_entry.S as well])
MUTANTS = [
    # aist-save-first
    ("a GPR clobbered before the pushes", "aist", "ref_entry.S",
     [("\t.endif\n\tPUSH_REGS\t", "\t.endif\n\txorl\t%eax, %eax\n\tPUSH_REGS\t")],
     [], "aist-save-first", "ref_asm_exc_debug", "xorl changes %rax before it is saved"),
    ("the frame pointer argument set before RDI is pushed", "aist", "ref_entry.S",
     [("\t.endif\n\tPUSH_REGS\t", "\t.endif\n\tmovq\t%rsp, %rdi\n\tPUSH_REGS\t")],
     [], "aist-save-first", "ref_asm_exc_debug", "movq changes %rdi before it is saved"),
    # aist-reenable
    ("wrmsr before the commit", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tmovq\t%rsp, %rdi\n\twrmsr\n\tcall\tref_aist_enter\n")],
     [], "aist-reenable", "ref_asm_exc_debug", "wrmsr before the commit writes an MSR"),
    ("port I/O in the identify-and-copy C", "aist", "ref_aist.c",
     [("\thide(cea);\n", "\thide(cea);\n\t__asm__ volatile(\"outb %%al, $0x80\" : : \"a\"(0));\n")],
     [], "aist-reenable", "ref_aist_enter", "outb before the commit raises #VC or #VE"),
    ("int3 before the commit", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tint3\n" + AIST_ENTRY_CALL)],
     [], "aist-reenable", "ref_asm_exc_debug", "int3 before the commit raises an exception"),
    # aist-gs
    ("stack protector in the C part (canary at %gs:40)", "aist", "ref_aist.c", [],
     ["-fstack-protector-all", "-mstack-protector-guard-reg=gs", "-mstack-protector-guard-offset=40"],
     "aist-gs", "ref_aist_enter", "uses %gs before the commit"),
    ("swapgs before the commit", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tmovq\t%rsp, %rdi\n\tswapgs\n\tcall\tref_aist_enter\n")],
     [], "aist-gs", "ref_asm_exc_debug", "swapgs before the commit"),
    # aist-memory
    ("a kernel global read before the commit", "aist", "ref_aist.c",
     [("void ref_aist_commit(unsigned long rsp) __attribute__((noreturn));\n",
       "void ref_aist_commit(unsigned long rsp) __attribute__((noreturn));\nextern unsigned long ref_nr_syscalls;\n"),
      ("\thide(cea);\n", "\thide(cea);\n\t(void)*(volatile unsigned long *)&ref_nr_syscalls;\n")],
     [], "aist-memory", "ref_aist_enter", "touches memory at ref_nr_syscalls"),
    ("the interrupted RSP dereferenced before the commit", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tmovq\tRSP-R15(%rsp), %rax\n\tmovq\t(%rax), %rax\n" + AIST_ENTRY_CALL)],
     [], "aist-memory", "ref_asm_exc_debug", "touches memory through %rax"),
    # aist-commit
    ("a second RSP load before the commit", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tmovq\t%rsp, %rdi\n\tmovq\t%rdi, %rsp\n\tcall\tref_aist_enter\n")],
     [], "aist-commit", "ref_asm_exc_debug", "loads RSP before the commit"),
    ("the commit made with the IST frame, the copy skipped", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tmovq\t%rsp, %rdi\n\tjmp\tref_aist_commit\n")],
     [], "aist-commit", "ref_aist_commit", "the commit loads RSP with an address on the IST stack"),
    ("the IST stack read after the commit", "aist", "ref_aist.c",
     [("void ref_aist_commit(unsigned long rsp) __attribute__((noreturn));",
       "void ref_aist_commit(unsigned long rsp, unsigned long ist) __attribute__((noreturn));"),
      ("\tref_aist_commit(target);\n", "\tref_aist_commit(target, (unsigned long)self);\n")],
     [], "aist-commit", "ref_aist_commit", "reads the IST stack through %rsi after leaving it",
     [("ref_aist_committed:\n\tCLEAR_REGS\n", "ref_aist_committed:\n\tmovq\t8(%rsi), %rax\n\tCLEAR_REGS\n")]),
    # aist-foreign-sp
    ("the SYSCALL exit jumps into the aIST commit code", "aist", "ref_entry.S",
     [("\ttestb\t%al, %al\n\tjz\tref_return_to_user_iret\n", "\ttestb\t%al, %al\n\tjz\tref_aist_committed\n")],
     [], "aist-foreign-sp", "ref_entry_SYSCALL_64", "into the aIST entry code (ref_aist_commit)"),
    ("error_entry loads RSP with an IST stack address", "aist", "ref_entry.S",
     [(".Lerror_kernel:\n\tlfence\n", ".Lerror_kernel:\n\tleaq\tref_cea+0x3000(%rip), %rsp\n\tlfence\n")],
     [], "aist-foreign-sp", "ref_error_entry", "loads RSP with an address in the aIST area"),
    # aist-ibrs (reported as spec-untrain)
    ("a C helper not inlined: its RET comes before IBRS_ENTER", "aist", "ref_aist.c",
     [("static __inline_only unsigned long vector_of(int n)",
       "static __attribute__((noinline, section(\".entry.text\"))) unsigned long vector_of(int n)")],
     [], "spec-untrain", "vector_of", "return before IBRS_ENTER and UNTRAIN_RET, on the atomic-IST path"),
    ("an asm helper called before the commit returns", "aist", "ref_entry.S",
     [(AIST_ENTRY_CALL, "\tcall\tref_aist_relax\n" + AIST_ENTRY_CALL),
      ("\t.globl ref_aist_text_end\n", "SYM_CODE(ref_aist_relax)\n\tpause\n\tRET\nSYM_END(ref_aist_relax)\n\t.globl ref_aist_text_end\n")],
     [], "spec-untrain", "ref_aist_relax", "return before IBRS_ENTER and UNTRAIN_RET, on the atomic-IST path"),
    # linux rules the fixture exercises
    ("push in the SYSCALL gap", "linux", "ref_entry.S",
     [("\tswapgs\n\tmovq\t%rsp, %gs:ref_cpu_tss_rw+TSS_SP2", "\tswapgs\n\tpushq\t%rax\n\tmovq\t%rsp, %gs:ref_cpu_tss_rw+TSS_SP2")],
     [], "stack-gap", "ref_entry_SYSCALL_64", "pushq uses the stack while RSP is the user's"),
    ("sti on the IST stack in the classic NMI", "linux", "ref_entry.S",
     [(".Lnmi_kernel:\n\tpopq\t%rdx\n", ".Lnmi_kernel:\n\tsti\n\tpopq\t%rdx\n")],
     [], "stack-ist", "ref_nmi_classic", "sti may enable interrupts on the IST stack"),
    ("per-CPU access before the entry swapgs", "linux", "ref_entry.S",
     [("SYM_CODE(ref_entry_SYSCALL_64)\n\tswapgs\n", "SYM_CODE(ref_entry_SYSCALL_64)\n\tmovq\t%gs:ref_cpu_tss_rw+TSS_SP2, %rax\n\tswapgs\n")],
     [], "gs-user-access", "ref_entry_SYSCALL_64", "per-CPU access with user GSBASE"),
    ("swapgs dropped from the SYSRET exit", "linux", "ref_entry.S",
     [("ref_entry_SYSRETQ_unsafe_stack:\n\tswapgs\n", "ref_entry_SYSRETQ_unsafe_stack:\n")],
     [], "gs-balance", "ref_entry_SYSCALL_64", "returns to user mode with kernel GSBASE"),
    ("the swapgs fence dropped from the classic NMI", "linux", "ref_entry.S",
     [("\tswapgs\n\tlfence\t\t\t\t\t/* no %gs load speculated with the user GSBASE */\n", "\tswapgs\n")],
     [], "gs-fence", "ref_nmi_classic", "per-CPU access after a conditional swapgs with no LFENCE"),
    ("per-CPU load before the kernel CR3 switch", "linux", "ref_entry.S",
     [("\tmovq\t%rsp, %gs:ref_cpu_tss_rw+TSS_SP2\t/* the user RSP, until it is pushed */\n",
       "\tmovq\t%rsp, %gs:ref_cpu_tss_rw+TSS_SP2\t/* the user RSP, until it is pushed */\n\tmovq\t%gs:ref_pcpu_top_of_stack, %rax\n")],
     [], "cr3-user-access", "ref_entry_SYSCALL_64", "not mapped in the user page tables"),
    ("user CR3 switch dropped before SYSRET", "linux", "ref_entry.S",
     [("\tSWITCH_TO_USER_CR3 %rdi\n\tpopq\t%rdi\n\tpopq\t%rsp\n", "\tpopq\t%rdi\n\tpopq\t%rsp\n")],
     [], "cr3-balance", "ref_entry_SYSCALL_64", "returns to user mode with kernel CR3"),
    ("UNTRAIN_RET dropped from the SYSCALL entry", "linux", "ref_entry.S",
     [("\tIBRS_ENTER\n\tUNTRAIN_RET\n\tALTERNATIVE \"\", \"call ref_clear_bhb_loop\"", "\tIBRS_ENTER\n\tALTERNATIVE \"\", \"call ref_clear_bhb_loop\"")],
     [], "spec-untrain", "ref_entry_SYSCALL_64", "before UNTRAIN_RET"),
    ("VERW dropped before SYSRET", "linux", "ref_entry.S",
     [("\tswapgs\n\tCLEAR_CPU_BUFFERS\n\tsysretq\n", "\tswapgs\n\tsysretq\n")],
     [], "spec-verw", "ref_entry_SYSCALL_64", "returns to user mode without CLEAR_CPU_BUFFERS"),
    ("CLEAR_BHB dropped from the SYSCALL entry", "linux", "ref_entry.S",
     [("\tALTERNATIVE \"\", \"call ref_clear_bhb_loop\", F_CLEAR_BHB_LOOP\n", "")],
     [], "spec-bhb", "ref_entry_SYSCALL_64", "without CLEAR_BHB"),
    ("SYSRET without the handler's verdict", "linux", "ref_entry.S",
     [("\ttestb\t%al, %al\n\tjz\tref_return_to_user_iret\n", "")],
     [], "exit-sysret", "ref_entry_SYSCALL_64", "sysret reachable without testing"),
    ("CLEAR_REGS dropped after the commit", "linux", "ref_entry.S",
     [("ref_aist_committed:\n\tCLEAR_REGS\n", "ref_aist_committed:\n")],
     [], "regs-frame", "ref_aist_commit", "registers not scrubbed (CLEAR_REGS)"),
    ("the NMI handler not noinstr", "linux", "ref_kernel.c",
     [("noinstr void ref_exc_nmi(", "__attribute__((noinline)) void ref_exc_nmi(")],
     [], "noinstr-call", "ref_nmi_classic", "ref_exc_nmi"),
]


def build(m, files, tmp):
    """The fixture copied with the edited files and built with its build.sh."""
    shutil.copy(os.path.join(SRC, "kasm.h"), tmp)
    ref = os.path.join(tmp, "ref_entry")
    shutil.copytree(REF, ref)
    for path, text in files.items():
        with open(os.path.join(tmp, path), "w") as f:
            f.write(text)
    obj = os.path.join(tmp, "mutant.o")
    p = subprocess.run(["sh", os.path.join(ref, "build.sh"), ref, obj] + list(m.cflags),
                       capture_output=True, text=True)
    if p.returncode:
        raise MutantError("build failed: " + p.stderr[-2000:])
    return obj


def mutation(name, contract, file, edits, cflags, rule, func, text, asm_edits=()):
    """One line of MUTANTS: the first finding must be the one, in func and saying text."""
    by_file = {"ref_entry/" + file: list(edits)}
    if asm_edits:
        by_file.setdefault("ref_entry/ref_entry.S", []).extend(asm_edits)
    return Mutation(name, rule, func, by_file, text=text, model=MODEL, contract=contract,
                    cflags=cflags, first=True)


def main():
    runner = Runner(ISTCHECK, SRC, build)
    for args in ([], ["--contract=aist"], ["--contract=linux", "--model=" + MODEL, os.environ["REF_OBJ"]],
                 ["--contract=aist", "--model=" + MODEL, os.environ["REF_OBJ"]]):
        runner.check_clean(" ".join(["istcheck"] + args), args)
    failures = runner.run([mutation(*m) for m in MUTANTS])
    per_rule = {}
    for m in MUTANTS:
        per_rule[m[5]] = per_rule.get(m[5], 0) + 1
    aist = [r for r in ("aist-save-first", "aist-reenable", "aist-gs", "aist-memory", "aist-commit",
                        "aist-foreign-sp") if per_rule.get(r, 0) < 2]
    if aist:
        runner.fail(f"fewer than two mutants for {aist}")
    print(f"{len(MUTANTS)} mutants, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
