#!/usr/bin/env bash
# The entry-contract engine (--contract=linux) on real entry code.
#
# The pristine entry-tiny entry_64.o must be clean.  Then each mutation edits a copy of
# arch/x86/entry/entry_64.S, rebuilds only entry_64.o with the compile command Kbuild recorded,
# and must be caught by exactly the intended rule, at the intended function (and, where the
# mutation adds an instruction, at that instruction's mnemonic).  Nothing in the cache is written.
set -u
: "${ISTCHECK:?}"
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
tree=$cache/entry-tiny/linux
for f in "$tree/arch/x86/entry/entry_64.o" "$tree/arch/x86/entry/.entry_64.o.cmd"; do
	[ -e "$f" ] || { echo "skip: no built kernel corpus (missing $f; tests/kernel/build-corpus.sh)"; exit 77; }
done
command -v python3 >/dev/null || { echo "skip: python3 not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/contract.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

python3 - "$ISTCHECK" "$tree" "$tmp" <<'PY'
import json, os, shlex, subprocess, sys

ISTCHECK, TREE, TMP = sys.argv[1:4]
REL = 'arch/x86/entry/entry_64.S'
failures = []

# name, rule, function, mnemonic at the finding (None: any), edits [(anchor, replacement)]
MUTATIONS = [
    ('push in the SYSCALL gap', 'stack-gap', 'entry_SYSCALL_64', 'pushq',
     [('\tswapgs\n\t/* tss.sp2 is scratch space. */\n',
       '\tswapgs\n\tpushq\t%rax\n')]),
    ('per-CPU access before swapgs', 'gs-user-access', 'entry_SYSCALL_64', 'movq',
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
    ('swapgs dropped from paranoid_exit', 'gs-balance', None, 'iretq',
     [('\tjnz\t\trestore_regs_and_return_to_kernel\n\n\t/* We are returning to a context with user GSBASE */\n\tswapgs\n',
       '\tjnz\t\trestore_regs_and_return_to_kernel\n\n\t/* We are returning to a context with user GSBASE */\n')]),
]

def run(argv, cwd=None):
    return subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

def check(obj):
    r = run([ISTCHECK, '--contract=linux', '--format=json', obj])
    if r.returncode not in (0, 1):
        raise RuntimeError('istcheck exited %d: %s' % (r.returncode, r.stderr.strip()[-1500:]))
    return json.loads(r.stdout)['results']

def compile_mutant(src):
    cmd = open(os.path.join(TREE, 'arch/x86/entry/.entry_64.o.cmd')).read()
    line = [l for l in cmd.splitlines() if l.startswith('savedcmd_')][0].split(':=', 1)[1]
    args = shlex.split(line.split(';')[0])
    out = os.path.join(TMP, 'entry_64.o')
    argv = []
    for i, a in enumerate(args):
        if a == 'arch/x86/entry/entry_64.o' and args[i - 1] == '-o':
            argv.append(out)
        elif a.startswith('-Wp,-MMD,'):
            argv.append('-Wp,-MMD,' + os.path.join(TMP, 'entry_64.o.d'))
        elif a == REL:
            argv += ['-I' + os.path.join(TREE, 'arch/x86/entry'), src]
        else:
            argv.append(a)
    r = run(argv, cwd=TREE)
    if r.returncode:
        raise RuntimeError('compile failed:\n' + r.stderr[-2000:])
    return out

def fail(msg):
    failures.append(msg)
    print('FAIL ' + msg)

pristine = check(os.path.join(TREE, 'arch/x86/entry/entry_64.o'))
if pristine:
    fail('pristine entry_64.o: %d findings, first: %s' % (len(pristine), pristine[0]['message']))
else:
    print('ok   pristine entry_64.o: no findings')

orig = open(os.path.join(TREE, REL)).read()
print('| mutation | rule | where | message |')
print('|---|---|---|---|')
for name, rule, func, mnem, edits in MUTATIONS:
    text = orig
    for anchor, repl in edits:
        if text.count(anchor) != 1:
            fail('%s: anchor found %d times: %r' % (name, text.count(anchor), anchor[:60]))
            break
        text = text.replace(anchor, repl)
    else:
        src = os.path.join(TMP, 'entry_64.S')
        open(src, 'w').write(text)
        try:
            res = check(compile_mutant(src))
        except RuntimeError as e:
            fail('%s: %s' % (name, e))
            continue
        rules = sorted({f['rule'] for f in res})
        hits = [f for f in res if f['rule'] == rule and (func is None or f.get('symbol') == func)]
        if rules != [rule]:
            fail('%s: rules %s, want exactly [%s]' % (name, rules, rule))
        elif not hits:
            fail('%s: no %s finding in %s' % (name, rule, func))
        else:
            f = hits[0]
            where = '%s+%s' % (f.get('symbol') or f.get('section'), f.get('offset') or f.get('section_offset'))
            print('| %s | %s | %s | %s (%s) |' % (name, rule, where, f['message'], f.get('variant')))
sys.exit(1 if failures else 0)
PY
