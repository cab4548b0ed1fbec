#!/usr/bin/env bash
# The entry-contract engine (--contract=linux) on real entry code.
#
# The pristine entry-tiny entry objects must be clean.  Then each mutation edits a copy of one
# entry source (entry_64.S unless it says otherwise), rebuilds only its object with the compile
# command Kbuild recorded,
# and must be caught by exactly the intended rule, at the intended function (and, where the
# mutation adds or moves an instruction, at that instruction, checked with objdump; a dropped
# instruction is caught where its absence shows).  Nothing in the cache is written.  The running
# and judging (from the JSON report) is tests/mutants.py's, shared with tests/ref_entry.py.
# ONLY=TEXT runs the mutations whose name contains TEXT; KEEP=1 keeps the temp dir.
source "$(dirname "$0")/lib.sh"
tree=$cache/entry-tiny/linux
for f in "$tree/arch/x86/entry/entry_64.o" "$tree/arch/x86/entry/.entry_64.o.cmd" \
	 "$tree/arch/x86/entry/entry_64_fred.o" "$tree/arch/x86/xen/xen-asm.o"; do
	[ -e "$f" ] || { echo "skip: no built kernel corpus (missing $f; tests/kernel/build-corpus.sh)"; exit 77; }
done
for t in python3 objdump; do
	command -v "$t" >/dev/null || { echo "skip: $t not installed"; exit 77; }
done

SRCROOT=$(cd "$here/../.." && pwd) python3 - "$ISTCHECK" "$tree" "$work" <<'PY'
import json, os, shlex, subprocess, sys

sys.path.insert(0, os.path.join(os.environ['SRCROOT'], 'tests'))
from mutants import Mutation, MutantError, Runner

ISTCHECK, TREE, TMP = sys.argv[1:4]
REL = 'arch/x86/entry/entry_64.S'
CLEAN = ['arch/x86/entry/entry_64.o', 'arch/x86/entry/entry_64_compat.o',
         'arch/x86/entry/entry_64_fred.o', 'arch/x86/xen/xen-asm.o']

# The entry-tiny config has no ESPFIX64 (no MODIFY_LDT_SYSCALL); distro kernels do.
ESPFIX = ['-DCONFIG_X86_ESPFIX64=1']
# Pristine sources rebuilt with other options: (name, source, defines).
CLEAN_BUILT = [('entry_64.o with CONFIG_X86_ESPFIX64', REL, ESPFIX)]

# name, rule, function (None: any), objdump mnemonic at the finding (None: any), edits,
# and optionally {'src': another entry source, 'defines': extra -D options, 'variant': text the
# finding's variant must contain (cr3 rules: "with PTI")}
MUTATIONS = [
    ('push in the SYSCALL gap', 'stack-gap', 'entry_SYSCALL_64', 'push',
     [('\tswapgs\n\t/* tss.sp2 is scratch space. */\n',
       '\tswapgs\n\tpushq\t%rax\n')]),
    ('per-CPU access before swapgs', 'gs-user-access', 'entry_SYSCALL_64', 'mov',
     [('\tswapgs\n\t/* tss.sp2 is scratch space. */\n\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n',
       '\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n\tswapgs\n')]),
    ('swapgs dropped from the SYSRET exit', 'gs-balance', 'entry_SYSCALL_64', 'sysretq',
     [('\tANNOTATE_NOENDBR\n\tswapgs\n\tCLEAR_CPU_BUFFERS\n\tsysretq',
       '\tANNOTATE_NOENDBR\n\tCLEAR_CPU_BUFFERS\n\tsysretq')]),
    ('CLEAR_CPU_BUFFERS dropped before sysretq', 'spec-verw', 'entry_SYSCALL_64', 'sysretq',
     [('\tswapgs\n\tCLEAR_CPU_BUFFERS\n\tsysretq', '\tswapgs\n\tsysretq')]),
    ('verdict test dropped before sysret', 'exit-sysret', 'entry_SYSCALL_64', 'sysretq',
     [('ALTERNATIVE "testb %al, %al; jz swapgs_restore_regs_and_return_to_usermode", \\',
       'ALTERNATIVE "", \\')]),
    ('user-CR3 switch dropped before sysret', 'cr3-balance', 'entry_SYSCALL_64', 'sysretq',
     [('\tSWITCH_TO_USER_CR3_STACK scratch_reg=%rdi\n\n\tpopq\t%rdi', '\n\tpopq\t%rdi')]),
    ('UNTRAIN_RET dropped from the SYSCALL entry', 'spec-untrain', 'entry_SYSCALL_64', None,
     [('\tIBRS_ENTER\n\tUNTRAIN_RET\n\tCLEAR_BRANCH_HISTORY', '\tIBRS_ENTER\n\tCLEAR_BRANCH_HISTORY')]),
    # Reached only through the NMI's unmasking `pushq $1f; iretq` (CONFIG_DEBUG_ENTRY, which
    # entry-tiny has): the walk follows that IRET to repeat_nmi (EDGE_IRET).
    ('swapgs dropped from the NMI exit after repeat_nmi', 'gs-balance', 'asm_exc_nmi', 'iretq',
     [('nmi_swapgs:\n\tswapgs\n', 'nmi_swapgs:\n')]),
    ('swapgs dropped from paranoid_exit', 'gs-balance', None, 'iretq',
     [('\tjnz\t\trestore_regs_and_return_to_kernel\n\n\t/* We are returning to a context with user GSBASE */\n\tswapgs\n',
       '\tjnz\t\trestore_regs_and_return_to_kernel\n\n\t/* We are returning to a context with user GSBASE */\n')]),
    ('sti on the IST stack in paranoid_entry', 'stack-ist', 'paranoid_entry', 'sti',
     [('SYM_CODE_START(paranoid_entry)\n\tANNOTATE_NOENDBR\n\tUNWIND_HINT_FUNC\n',
       'SYM_CODE_START(paranoid_entry)\n\tANNOTATE_NOENDBR\n\tUNWIND_HINT_FUNC\n\tsti\n')]),
    ('switch to the task stack dropped after error_entry', 'stack-ist', None, 'call',
     [('ALTERNATIVE "call error_entry; movq %rax, %rsp", \\', 'ALTERNATIVE "call error_entry", \\')]),
    ('user-entry swapgs fence dropped from error_entry', 'gs-fence', None, None,
     [('\tswapgs\n\tFENCE_SWAPGS_USER_ENTRY\n\t/* We have user CR3.  Change to kernel CR3. */',
       '\tswapgs\n\t/* We have user CR3.  Change to kernel CR3. */')],
     {'variant': 'without PTI'}),
    ('per-CPU load before the kernel-CR3 switch', 'cr3-user-access', 'entry_SYSCALL_64', 'mov',
     [('\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n',
       '\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n'
       '\tmovq\tPER_CPU_VAR(pcpu_hot + X86_top_of_stack), %r11\n')]),
    ('CLEAR_BRANCH_HISTORY dropped from the SYSCALL entry', 'spec-bhb', 'entry_SYSCALL_64', 'call',
     [('\tUNTRAIN_RET\n\tCLEAR_BRANCH_HISTORY\n', '\tUNTRAIN_RET\n')]),
    ('CS test dropped before the swapgs in error_entry', 'gs-balance', 'error_entry', 'swapgs',
     [('\ttestb\t$3, CS+8(%rsp)\n\tjz\t.Lerror_kernelspace\n', '\ttestb\t$3, CS+8(%rsp)\n')]),
    ('IBRS_ENTER dropped from the SYSCALL entry', 'spec-untrain', None, None,
     [('\tIBRS_ENTER\n\tUNTRAIN_RET\n\tCLEAR_BRANCH_HISTORY\n', '\tUNTRAIN_RET\n\tCLEAR_BRANCH_HISTORY\n')]),
    ('swapgs on the FRED user entry', 'gs-balance', 'asm_fred_entrypoint_user', 'swapgs',
     [('SYM_CODE_START_NOALIGN(asm_fred_entrypoint_user)\n\tFRED_ENTER\n',
       'SYM_CODE_START_NOALIGN(asm_fred_entrypoint_user)\n\tFRED_ENTER\n\tswapgs\n')],
     {'src': 'arch/x86/entry/entry_64_fred.S'}),
    ('CR3 restore dropped from paranoid_exit', 'cr3-balance', None, 'iretq',
     [('\tPARANOID_RESTORE_CR3 scratch_reg=%rax save_reg=%r14\n', '')]),
    ('entry_SYSCALL_64_safe_stack label moved before the stack load', 'stack-gap', 'entry_SYSCALL_64', 'mov',
     [('\tmovq\tPER_CPU_VAR(pcpu_hot + X86_top_of_stack), %rsp\n\nSYM_INNER_LABEL(entry_SYSCALL_64_safe_stack, SYM_L_GLOBAL)\n',
       'SYM_INNER_LABEL(entry_SYSCALL_64_safe_stack, SYM_L_GLOBAL)\n\tmovq\tPER_CPU_VAR(pcpu_hot + X86_top_of_stack), %rsp\n\n')]),
    ('pt_regs->cx pushed from %rcx in the compat SYSCALL (8c42819b61b8)', 'regs-frame',
     'entry_SYSCALL_compat', 'push',
     [('\tPUSH_AND_CLEAR_REGS rcx=%rbp rax=$-ENOSYS\n', '\tPUSH_AND_CLEAR_REGS rax=$-ENOSYS\n')],
     {'src': 'arch/x86/entry/entry_64_compat.S'}),
    ('pt_regs->ip pushed from %r11 in the SYSCALL entry', 'regs-frame', 'entry_SYSCALL_64', 'push',
     [('\tpushq\t%rcx\t\t\t\t\t/* pt_regs->ip */\n', '\tpushq\t%r11\t\t\t\t\t/* pt_regs->ip */\n')]),
    ('pt_regs->dx pushed from %rdx in the NMI from user mode', 'regs-frame', 'asm_exc_nmi', 'push',
     [('\tPUSH_AND_CLEAR_REGS rdx=(%rdx)\n', '\tPUSH_AND_CLEAR_REGS\n')]),
    ('CLEAR_REGS dropped from the SYSCALL entry', 'regs-frame', 'entry_SYSCALL_64', 'call',
     [('\tPUSH_AND_CLEAR_REGS rax=$-ENOSYS\n', '\tPUSH_REGS rax=$-ENOSYS\n')]),
    ('kernel-CR3 switch dropped from the SYSCALL entry', 'cr3-balance', 'entry_SYSCALL_64', 'call',
     [('\tswapgs\n\t/* tss.sp2 is scratch space. */\n\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n\tSWITCH_TO_KERNEL_CR3 scratch_reg=%rsp\n',
       '\tswapgs\n\t/* tss.sp2 is scratch space. */\n\tmovq\t%rsp, PER_CPU_VAR(cpu_tss_rw + TSS_sp2)\n')]),
    ('CLEAR_CPU_BUFFERS dropped from the ESPFIX64 exit', 'spec-verw', None, 'iretq',
     [('\tpopq\t%rax\t\t\t\t/* Restore user RAX */\n\n\tCLEAR_CPU_BUFFERS\n',
       '\tpopq\t%rax\t\t\t\t/* Restore user RAX */\n\n')], {'defines': ESPFIX}),
    ('swapgs to the user GSBASE dropped from the ESPFIX64 exit', 'gs-balance', None, 'iretq',
     [('\tswapgs\t\t\t\t\t/* to user GS */\n', '')], {'defines': ESPFIX}),
    # stack-ist's NMI clause: one push before the switch ("lest we corrupt the NMI executing
    # variable"); a second one, even popped at once, overwrites the slot below the saved RDX.
    ('second push on the NMI stack before the switch', 'stack-ist', 'asm_exc_nmi', 'push',
     [('\t/* Use %rdx as our temp variable throughout */\n\tpushq\t%rdx\n',
       '\t/* Use %rdx as our temp variable throughout */\n\tpushq\t%rdx\n\tpushq\t%rax\n\tpopq\t%rax\n')]),
    ('push during the nested-NMI checks', 'stack-ist', 'asm_exc_nmi', 'push',
     [('\tmovq\t$repeat_nmi, %rdx\n', '\tpushq\t%rax\n\tpopq\t%rax\n\tmovq\t$repeat_nmi, %rdx\n')]),
    # spec-untrain from the IST entries themselves: with #DF taken out of the untraining set
    # (a model derived from the built-in one), paranoid_entry's RET without UNTRAIN_RET must
    # still be caught through NMI, #MC and #DB (the aIST state hid them from the linux rules).
    ('UNTRAIN_RET dropped from paranoid_entry, #DF not counted', 'spec-untrain', 'paranoid_entry', None,
     [('\tIBRS_ENTER save_reg=%r15\n\tUNTRAIN_RET_FROM_CALL\n', '\tIBRS_ENTER save_reg=%r15\n')],
     {'model': 'df-no-untrain'}),
]

def derived_model(name):
    """A model file computed from the built-in linux.json, for mutations that need one."""
    src = os.path.join(os.environ['SRCROOT'], 'src', 'model', 'linux.json')
    m = json.load(open(src))
    if name == 'df-no-untrain':
        for e in m['entries']:
            if e['symbol'] == 'asm_exc_double_fault':
                e['untrain'] = False
                e['why'] = 'test: #DF does not count for the untraining rule'
    path = os.path.join(TMP, name + '.json')
    json.dump(m, open(path, 'w'))
    return path

def compile_mutant(m, files, tmp):
    """The one edited entry source, built with the command Kbuild recorded for its object."""
    (rel, text), = files.items()
    d, b = os.path.split(rel)
    objrel = os.path.join(d, os.path.splitext(b)[0] + '.o')
    src = os.path.join(tmp, b)
    open(src, 'w').write(text)
    cmd = open(os.path.join(TREE, d, '.' + os.path.basename(objrel) + '.cmd')).read()
    line = [l for l in cmd.splitlines() if l.startswith('savedcmd_')][0].split(':=', 1)[1]
    args = shlex.split(line.split(';')[0])
    out = os.path.join(tmp, os.path.basename(objrel))
    argv = []
    for i, a in enumerate(args):
        if a == objrel and args[i - 1] == '-o':
            argv.append(out)
        elif a.startswith('-Wp,-MMD,'):
            argv.append('-Wp,-MMD,' + out + '.d')
        elif a == rel:
            argv += list(m.cflags) + ['-I' + os.path.join(TREE, d), src]
        else:
            argv.append(a)
    r = subprocess.run(argv, cwd=TREE, capture_output=True, text=True)
    if r.returncode:
        raise MutantError('compile failed:\n' + r.stderr[-2000:])
    return out

def mutation(name, rule, func, mnem, edits, opt=None):
    """One line of MUTATIONS.  cr3 rules exist only under PTI: their finding must hold with it."""
    opt = opt or {}
    return Mutation(name, rule, func, {opt.get('src', REL): edits}, mnemonic=mnem,
                    variant=opt.get('variant', 'with PTI' if rule.startswith('cr3-') else ''),
                    model=derived_model(opt['model']) if 'model' in opt else None,
                    cflags=opt.get('defines', ()))

runner = Runner(ISTCHECK, TREE, compile_mutant, workdir=TMP)
for obj in CLEAN:
    runner.check_clean(obj, ['--contract=linux', os.path.join(TREE, obj)])
# The quiet side of the last mutation: under the model without #DF in the untraining set, the
# pristine entry_64.o is still clean (paranoid_entry's UNTRAIN_RET_FROM_CALL covers NMI, #MC
# and #DB), so the spec-untrain finding there is the dropped UNTRAIN_RET's, not the model's.
runner.check_clean('arch/x86/entry/entry_64.o, #DF not counted',
                   ['--contract=linux', '--model=' + derived_model('df-no-untrain'),
                    os.path.join(TREE, 'arch/x86/entry/entry_64.o')])
failures = runner.run([Mutation(name, None, None, {rel: []}, cflags=defines)
                       for name, rel, defines in CLEAN_BUILT] +
                      [mutation(*m) for m in MUTATIONS])
sys.exit(1 if failures else 0)
PY
