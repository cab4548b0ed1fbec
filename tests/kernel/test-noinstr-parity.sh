#!/usr/bin/env bash
# objtool parity for the noinstr rules on mutated real kernels.
#
# Each mutation edits a copy of ONE source file of the entry-tiny tree, rebuilds only that object
# with the compile command Kbuild recorded (.<obj>.cmd; output, dependency file and source moved to
# a temp dir), swaps it into a temp THIN archive with vmlinux.a's members in order, and re-runs the
# `ld -r` of .vmlinux.o.cmd (the part before objtool runs) into a temp vmlinux.o.  Then:
#   objtool --noinstr --link --dry-run   the noinstr-only pass (the parity reference)
#   objtool <Kbuild args> --dry-run      what this IBT build really runs (.vmlinux.o.cmd, after ";")
#   istcheck --format=json
# on it, and only what is new relative to the pristine vmlinux.o counts.  Assertions:
#   - every objtool "call to X() leaves .noinstr.text section" / "return with instrumentation
#     enabled" (either mode) is an istcheck finding at the same function+offset: noinstr-call with
#     callee X, noinstr-indirect for X = {dynamic}, noinstr-call with callee pv_ops[N] for pv_ops[N],
#     noinstr-balance "return with instrumentation enabled";
#   - every new istcheck noinstr-call/-indirect is reported by the noinstr-only objtool pass, and
#     every new istcheck finding is either matched that way or the one the mutation is meant to
#     cause (objtool's blind spots: no underflow check, depth-blind visited marks, no tail-call
#     check, Kbuild's hint walk with noinstr off);
#   - istcheck catches each mutation with the intended rule, and objtool catches or misses it as
#     stated (the table says why);
#   - a relink of the unmodified archive is byte-identical to the pristine vmlinux.o, and nothing
#     in the cache tree is written.
# Locations: objtool prints func+0xoff; istcheck's JSON has symbol+offset.  A finding with no symbol
# (code in .altinstr_replacement) is located as section+section_offset, which is also what objtool
# prints for such code, and the symbol of the path's previous step (the function whose alternative
# it is) is shown next to it and used to match it against the baseline (offset-free, since another
# object's alternatives can move it).
# Prints a table at the end (also written to $PARITY_TABLE if set).
source "$(dirname "$0")/lib.sh"
base=$cache/entry-tiny
tree=$base/linux
objtool=$base/objtool
[ -x "$objtool" ] || objtool=$tree/tools/objtool/objtool
need "$base/vmlinux.o" "$tree/vmlinux.a" "$tree/.vmlinux.o.cmd" "$objtool"
for t in python3 gcc ld ar; do
	command -v "$t" >/dev/null || { echo "skip: $t not installed"; exit 77; }
done
[ -x "$ISTCHECK" ] || { echo "FAIL: ISTCHECK=$ISTCHECK is not executable"; exit 1; }

trap 'exit 130' INT TERM HUP
touch "$work/stamp"

python3 - "$ISTCHECK" "$base" "$tree" "$objtool" "$work" <<'PY'
import collections, json, os, re, shlex, subprocess, sys, time

ISTCHECK, BASE, TREE, OBJTOOL, TMP = sys.argv[1:6]
PRISTINE = os.path.join(BASE, 'vmlinux.o')
t_start = time.time()
failures = []

def fail(msg):
    failures.append(msg)
    print('FAIL ' + msg)

def ok(msg):
    print('ok   ' + msg)

# The mutations.  edit: (anchor, replacement) pairs, each anchor unique in the file.
# expect: what istcheck must report, (rule, symbol, callee for noinstr-call | message prefix for
# noinstr-balance | None); allow: true findings it may report besides (same form).  objtool: per
# mode, None if it reports it, else why it misses it.
MISS_UNDERFLOW = ("objtool has no underflow check: an instrumentation_end() without a begin only "
                  "makes its depth negative, and calls at depth <= 0 to noinstr code are fine")
MISS_JOIN = ("objtool's visited mark ignores the instrumentation depth (the first path to reach an "
             "instruction fixes it) and a tail call at depth > 0 is not checked")
MISS_HINTS = ("with the Kbuild arguments of this IBT build (--uaccess here; --orc or --stackval "
              "alike) check() runs validate_functions() and then validate_unwind_hints(file, NULL), "
              "whose state has noinstr off, so STT_NOTYPE entry asm reached only through unwind hints "
              "(entry_SYSCALL_64) is not noinstr-checked; the noinstr-only pass "
              "(validate_noinstr_sections) walks the .entry.text hints with noinstr on")
BASELINE_WHY = ("objtool misses the baseline finding in both passes: the jmp is in STT_NOTYPE asm "
                "(common_interrupt_return), for which add_jump_destinations() sets no call destination, "
                "so it is followed as a plain jump, never checked as a call leaving noinstr")
MUTATIONS = [
    dict(id='1', name='instr region removed', src='arch/x86/kernel/traps.c',
         what='exc_invalid_op(): instrumentation_begin()/end() around handle_invalid_op() removed, '
              'exposing its call to do_error_trap()',
         edit=[("\tstate = irqentry_enter(regs);\n\tinstrumentation_begin();\n\thandle_invalid_op(regs);\n"
                "\tinstrumentation_end();\n\tirqentry_exit(regs, state);\n",
                "\tstate = irqentry_enter(regs);\n\thandle_invalid_op(regs);\n\tirqentry_exit(regs, state);\n")],
         expect=[('noinstr-call', 'exc_invalid_op', 'do_error_trap')],
         objtool={'noinstr': None, 'kbuild': None}),
    dict(id='2', name='noinstr dropped from helper', src='arch/x86/kernel/nmi.c',
         what='default_do_nmi(): static noinstr -> static noinline (lands in .text, still called '
              'from exc_nmi() and fred_exc_nmi())',
         edit=[("static noinstr void default_do_nmi(struct pt_regs *regs)\n",
                "static noinline void default_do_nmi(struct pt_regs *regs)\n")],
         expect=[('noinstr-call', 'exc_nmi', 'default_do_nmi'),
                 ('noinstr-call', 'fred_exc_nmi', 'default_do_nmi')],
         objtool={'noinstr': None, 'kbuild': None}),
    dict(id='3', name='indirect call added', src='kernel/entry/common.c',
         what='irqentry_enter_from_user_mode(): call through a volatile function pointer before '
              'enter_from_user_mode(), outside any instrumentation region',
         edit=[("noinstr void irqentry_enter_from_user_mode(struct pt_regs *regs)\n{\n"
                "\tenter_from_user_mode(regs);\n}\n",
                "static void (* volatile istcheck_parity_hook)(struct pt_regs *regs);\n\n"
                "noinstr void irqentry_enter_from_user_mode(struct pt_regs *regs)\n{\n"
                "\tistcheck_parity_hook(regs);\n\tenter_from_user_mode(regs);\n}\n")],
         expect=[('noinstr-indirect', 'irqentry_enter_from_user_mode', None)],
         objtool={'noinstr': None, 'kbuild': None}),
    dict(id='4a', name='early return in region', src='arch/x86/kernel/traps.c',
         what='exc_invalid_op(): `if (regs->ax == 0x1234) return;` inside the instrumentation region '
              '(one branch returns at depth 1)',
         edit=[("\tinstrumentation_begin();\n\thandle_invalid_op(regs);\n",
                "\tinstrumentation_begin();\n\tif (regs->ax == 0x1234)\n\t\treturn;\n\thandle_invalid_op(regs);\n")],
         expect=[('noinstr-balance', 'exc_invalid_op', 'return with instrumentation enabled')],
         objtool={'noinstr': None, 'kbuild': None}),
    dict(id='4b', name='extra end on one branch', src='arch/x86/kernel/traps.c',
         what='exc_invalid_op(): `if (regs->ax == 0x1234) instrumentation_end();` after the region '
              '(depth -1 on one branch)',
         edit=[("\tinstrumentation_end();\n\tirqentry_exit(regs, state);\n",
                "\tinstrumentation_end();\n\tif (regs->ax == 0x1234)\n\t\tinstrumentation_end();\n"
                "\tirqentry_exit(regs, state);\n")],
         expect=[('noinstr-balance', 'exc_invalid_op', 'instrumentation_end() without instrumentation_begin()')],
         objtool={'noinstr': MISS_UNDERFLOW, 'kbuild': MISS_UNDERFLOW}),
    dict(id='4c', name='extra begin on one branch', src='arch/x86/kernel/traps.c',
         what='exc_invalid_op(): `if (regs->ax == 0x1234) instrumentation_begin();` after the region '
              '(depth 1 on one branch, into the tail call to irqentry_exit())',
         edit=[("\tinstrumentation_end();\n\tirqentry_exit(regs, state);\n",
                "\tinstrumentation_end();\n\tif (regs->ax == 0x1234)\n\t\tinstrumentation_begin();\n"
                "\tirqentry_exit(regs, state);\n")],
         expect=[('noinstr-balance', 'exc_invalid_op', 'tail call with instrumentation enabled')],
         objtool={'noinstr': MISS_JOIN, 'kbuild': MISS_JOIN}),
    dict(id='5', name='entry asm calls .text', src='arch/x86/entry/entry_64.S',
         what='entry_SYSCALL_64: `call dump_stack` (a .text function) after `call do_syscall_64`',
         edit=[("\tcall\tdo_syscall_64\t\t/* returns with IRQs disabled */\n",
                "\tcall\tdo_syscall_64\t\t/* returns with IRQs disabled */\n\tcall\tdump_stack\n")],
         # The call also clobbers RAX, do_syscall_64()'s verdict, so the SYSRET test no longer
         # guards sysretq: a true finding of the linux contract, which objtool has no rule for.
         expect=[('noinstr-call', 'entry_SYSCALL_64', 'dump_stack'),
                 ('exit-sysret', 'entry_SYSCALL_64', None)],
         objtool={'noinstr': None, 'kbuild': MISS_HINTS}),
]

def run(argv, cwd=None, what=None):
    r = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return r

def savedcmd(cmdfile):
    with open(cmdfile) as f:
        for line in f:
            if line.startswith('savedcmd_'):
                return line.split(':=', 1)[1].strip()
    raise RuntimeError('no savedcmd_ line in ' + cmdfile)

# The link and objtool commands Kbuild recorded for vmlinux.o.
vmcmd = savedcmd(os.path.join(TREE, '.vmlinux.o.cmd'))
link_part, _, objtool_part = vmcmd.partition(';')
LINK = shlex.split(link_part)
assert 'vmlinux.a' in LINK and '-o' in LINK and LINK[LINK.index('-o') + 1] == 'vmlinux.o', LINK
ot = shlex.split(objtool_part)
KBUILD_ARGS = [a for a in ot[1:] if a != 'vmlinux.o'] if ot else ['--noinstr', '--link']
MODES = [('noinstr', ['--noinstr', '--link', '--dry-run']),
         ('kbuild', KBUILD_ARGS + ['--dry-run'])]
print('objtool noinstr-only: objtool ' + ' '.join(MODES[0][1]))
print('objtool Kbuild args:  objtool ' + ' '.join(MODES[1][1]))

ar = run(['ar', 't', os.path.join(TREE, 'vmlinux.a')])
if ar.returncode:
    print('FAIL ar t vmlinux.a: ' + ar.stderr); sys.exit(1)
def member_path(m):
    return os.path.realpath(m if os.path.isabs(m) else os.path.join(TREE, m))
MEMBERS = [member_path(m) for m in ar.stdout.split()]

def relink(work, swap):
    """Thin archive with vmlinux.a's members, swap = {tree object: temp object}; ld -r into work."""
    members = [swap.get(m, m) for m in MEMBERS]
    a = os.path.join(work, 'vmlinux.a')
    out = os.path.join(work, 'vmlinux.o')
    r = run(['ar', 'cDPrST', a] + members, cwd=work)
    if r.returncode:
        raise RuntimeError('ar: ' + r.stderr)
    argv = [a if x == 'vmlinux.a' else x for x in LINK]
    argv[argv.index('-o') + 1] = out
    r = run(argv, cwd=TREE)
    if r.returncode:
        raise RuntimeError('ld -r: ' + r.stderr)
    return out

def compile_one(rel, mutated, work):
    d, b = os.path.split(rel)
    obj = os.path.splitext(b)[0] + '.o'
    objrel = os.path.join(d, obj)
    args = shlex.split(savedcmd(os.path.join(TREE, d, '.' + obj + '.cmd')).split(';')[0])
    out = os.path.join(work, obj)
    argv, i, n_src, n_out = [], 0, 0, 0
    while i < len(args):
        a = args[i]
        if a == '-o' and i + 1 < len(args) and args[i + 1] == objrel:
            argv += ['-o', out]; i += 2; n_out += 1; continue
        if a.startswith('-Wp,-MMD,'):
            argv.append('-Wp,-MMD,' + os.path.join(work, obj + '.d'))
        elif a == rel:
            argv += ['-I' + os.path.join(TREE, d), '-iquote', os.path.join(TREE, d), mutated]; n_src += 1
        else:
            argv.append(a)
        i += 1
    if n_src != 1 or n_out != 1:
        raise RuntimeError('cannot rewrite the compile command of %s (source %d, output %d)' % (objrel, n_src, n_out))
    r = run(argv, cwd=TREE)
    if r.returncode:
        raise RuntimeError('compile of mutated %s failed:\n%s' % (rel, r.stderr[-3000:]))
    return os.path.join(TREE, objrel), out

OBJ_RE = re.compile(r'^.*?: warning: objtool: (\S+): (.*)$')
CALL_RE = re.compile(r'^call to (.+)\(\) leaves \.(?:noinstr|cpuidle)\.text section$')

def split_loc(loc):
    m = re.match(r'^(.*)\+0x([0-9a-f]+)$', loc)
    return (m.group(1), int(m.group(2), 16)) if m else (loc, None)

def run_objtool(vmo, mode):
    args = dict(MODES)[mode]
    r = run([OBJTOOL] + args + [vmo])
    if r.returncode:
        raise RuntimeError('objtool %s exited %d: %s' % (mode, r.returncode, r.stderr[-2000:]))
    res = []
    for line in (r.stdout + r.stderr).splitlines():
        m = OBJ_RE.match(line)
        if not m:
            if line.strip() and 'Linked object detected' not in line:
                res.append(dict(kind='other', func=None, off=None, callee=None, msg=line.strip()))
            continue
        func, off = split_loc(m.group(1))
        msg = m.group(2)
        c = CALL_RE.match(msg)
        if c:
            res.append(dict(kind='call', func=func, off=off, callee=c.group(1), msg=msg))
        elif msg == 'return with instrumentation enabled':
            res.append(dict(kind='return', func=func, off=off, callee=None, msg=msg))
        else:
            res.append(dict(kind='other', func=func, off=off, callee=None, msg=msg))
    return res

def run_istcheck(vmo):
    r = run([ISTCHECK, '--format=json', vmo])
    if r.returncode not in (0, 1):
        how = 'was killed by signal %d' % -r.returncode if r.returncode < 0 else 'exited %d' % r.returncode
        raise RuntimeError('istcheck %s on %s: %s' % (how, vmo, r.stderr.strip()[-2000:]))
    doc = json.loads(r.stdout)
    res = []
    for f in doc['results']:
        prev = None
        for s in f.get('path') or []:
            if s.get('symbol'):
                prev = s['symbol']
        if f.get('symbol'):
            func, off = f['symbol'], int(f['offset'], 16) if f.get('offset') else None
        else:
            func = f.get('section')
            off = int(f['section_offset'], 16) if f.get('section_offset') else None
        callee, kind = None, 'other'
        if f['rule'] == 'noinstr-call':
            c = CALL_RE.match(f['message'])
            callee, kind = (c.group(1) if c else None), 'call'
        elif f['rule'] == 'noinstr-indirect':
            callee, kind = '{dynamic}', 'call'
        elif f['rule'] == 'noinstr-balance' and f['message'].startswith('return with instrumentation enabled'):
            kind = 'return'
        res.append(dict(kind=kind, rule=f['rule'], func=func, off=off, callee=callee, msg=f['message'],
                        owner=f.get('symbol') or prev or func, raw=f))
    return res

def loc(x):
    return '%s+0x%x' % (x['func'], x['off']) if x['off'] is not None else str(x['func'])

def ident_objtool(x):      # offset-free identity, for the baseline
    return (x['func'], x['msg'])

def ident_ist(x):
    return (x['rule'], x['owner'], re.sub(r' \(depth -?\d+\)$', '', x['msg']))

def new_only(items, baseline, ident):
    left = collections.Counter(ident(b) for b in baseline)
    out = []
    for x in items:
        if left[ident(x)] > 0:
            left[ident(x)] -= 1
        else:
            out.append(x)
    return out

def pair(x):               # what objtool and istcheck are compared on
    return (x['kind'], x['func'], x['off'], x['callee'])

def name_matches(sym, want):
    return sym == want or re.fullmatch(re.escape(want) + r'(\.(constprop|isra|part|cold)\.\d+)*', sym or '') is not None

def fmt_ist(x):
    s = '%s %s: %s' % (x['rule'], loc(x), x['msg'])
    if x['func'] != x['owner']:
        s += ' (in %s)' % x['owner']
    return s

# ---- control: an unmodified relink is the pristine vmlinux.o, byte for byte
t0 = time.time()
ctl = os.path.join(TMP, 'control'); os.makedirs(ctl)
try:
    cv = relink(ctl, {})
except RuntimeError as e:
    fail('control relink: %s' % e)
    sys.exit(1)
if run(['cmp', '-s', cv, PRISTINE]).returncode == 0:
    ok('control: a relink of the unmodified archive is identical to the pristine vmlinux.o (%.1f s)'
       % (time.time() - t0))
    os.unlink(cv)
    BASELINE = PRISTINE
else:
    # Not the linker that built the corpus: compare against this relink instead.
    print('note: a relink of the unmodified archive differs from the pristine vmlinux.o; '
          'using the relink as the baseline')
    BASELINE = cv

# ---- baseline
try:
    base_ot = {m: run_objtool(BASELINE, m) for m, _ in MODES}
    base_ist = run_istcheck(BASELINE)
except RuntimeError as e:
    fail('baseline: %s' % e); sys.exit(1)
print('baseline (%s):' % BASELINE)
for m, _ in MODES:
    print('  objtool %-8s %s' % (m + ':', '; '.join('%s: %s' % (loc(x), x['msg']) for x in base_ot[m]) or 'nothing'))
for x in base_ist:
    print('  istcheck:        ' + fmt_ist(x))
if not base_ist:
    print('  istcheck:        nothing')

table = []
for mu in MUTATIONS:
    t0 = time.time()
    tag = '[%s] %s' % (mu['id'], mu['name'])
    print('\n== %s: %s\n   %s' % (tag, mu['src'], mu['what']))
    work = os.path.join(TMP, 'm' + mu['id']); os.makedirs(work)
    src = os.path.join(TREE, mu['src'])
    mutated = os.path.join(work, os.path.basename(mu['src']))
    with open(src) as f:
        text = f.read()
    bad = False
    for old, new in mu['edit']:
        if text.count(old) != 1:
            fail('%s: anchor found %d times in %s (kernel tree differs?): %r' % (tag, text.count(old), mu['src'], old))
            bad = True
            break
        text = text.replace(old, new)
    if bad:
        table.append((tag, 'not run', 'not run', 'not run')); continue
    with open(mutated, 'w') as f:
        f.write(text)
    try:
        orig_obj, new_obj = compile_one(mu['src'], mutated, work)
        if orig_obj not in MEMBERS:
            raise RuntimeError('%s is not a member of vmlinux.a' % orig_obj)
        vmo = relink(work, {orig_obj: new_obj})
        got_ot = {m: new_only(run_objtool(vmo, m), base_ot[m], ident_objtool) for m, _ in MODES}
        got_ist = new_only(run_istcheck(vmo), base_ist, ident_ist)
    except (RuntimeError, json.JSONDecodeError) as e:
        fail('%s: %s' % (tag, e))
        table.append((tag, 'error', 'error', 'error')); continue
    finally:
        for f in ('vmlinux.o', 'vmlinux.a'):
            if os.path.exists(os.path.join(work, f)):
                os.unlink(os.path.join(work, f))

    for m, _ in MODES:
        lines = ['%s: %s' % (loc(x), x['msg']) for x in got_ot[m]] or ['nothing new']
        print('   objtool %-9s %s' % (m + ':', ('\n' + ' ' * 21).join(lines)))
    print('   istcheck:         %s' % (('\n' + ' ' * 21).join(fmt_ist(x) for x in got_ist) or 'nothing new'))

    ist_pairs = {pair(x) for x in got_ist if x['kind'] in ('call', 'return')}
    # (a) everything objtool reports, istcheck reports at the same place (both objtool modes)
    for m, _ in MODES:
        for x in got_ot[m]:
            if x['kind'] == 'other':
                print('   note: objtool %s also says: %s %s' % (m, loc(x), x['msg']))
            elif pair(x) in ist_pairs:
                ok('%s: objtool %s %s: %s -> istcheck has it' % (tag, m, loc(x), x['msg']))
            else:
                fail('%s: objtool %s reports %s: %s, istcheck does not (same function+offset, %s)'
                     % (tag, m, loc(x), x['msg'], 'callee ' + x['callee'] if x['callee'] else 'noinstr-balance return'))
    # (b) every new istcheck finding is matched by the noinstr-only pass or is an intended one
    ot_pairs = {pair(x) for x in got_ot['noinstr']}
    ot_funcs = {x['func'] for x in got_ot['noinstr'] if x['kind'] != 'other'}
    def intended(x, lists=('expect', 'allow')):
        for rule, sym, what in (e for l in lists for e in mu.get(l, [])):
            if x['rule'] != rule or not name_matches(x['owner'], sym):
                continue
            if rule == 'noinstr-call' and not name_matches(x['callee'], what):
                continue
            if rule == 'noinstr-balance' and not x['msg'].startswith(what):
                continue
            return True
        return False
    for x in got_ist:
        if x['kind'] in ('call', 'return') and pair(x) in ot_pairs:
            continue
        if intended(x):
            if x['kind'] in ('call', 'return') and intended(x, ('expect',)) and mu['objtool']['noinstr'] is None:
                fail('%s: istcheck %s, but the noinstr-only objtool pass, expected to report it, does not'
                     % (tag, fmt_ist(x)))
            continue
        if x['kind'] == 'call' and x['func'] in ot_funcs:
            print('   note: istcheck %s: objtool prints only the first warning per function' % fmt_ist(x))
            continue
        fail('%s: unexpected new istcheck finding %s\n       %s' % (tag, fmt_ist(x), json.dumps(x['raw'])))
    # (c) istcheck catches the mutation with the intended rule
    for rule, sym, what in mu['expect']:
        hits = [x for x in got_ist if x['rule'] == rule and name_matches(x['owner'], sym) and
                (rule != 'noinstr-call' or name_matches(x['callee'], what)) and
                (rule != 'noinstr-balance' or x['msg'].startswith(what))]
        desc = '%s in %s%s' % (rule, sym, (' (%s)' % what) if what else '')
        if hits:
            ok('%s: istcheck reports %s' % (tag, desc))
        else:
            fail('%s: istcheck misses it: expected %s' % (tag, desc))
    # (d) objtool catches or misses it as stated
    cells = []
    for m, _ in MODES:
        rep = [x for x in got_ot[m] if x['kind'] != 'other']
        why = mu['objtool'][m]
        if why is None:
            if rep:
                ok('%s: objtool %s reports it' % (tag, m))
            else:
                fail('%s: objtool %s was expected to report it and does not' % (tag, m))
            cells.append('; '.join('%s: %s' % (loc(x), x['msg'].replace(' leaves .noinstr.text section', ' leaves noinstr'))
                                   for x in rep) or 'nothing')
        else:
            if rep:
                fail('%s: objtool %s was expected to miss it (%s) but reports %s'
                     % (tag, m, why, '; '.join(loc(x) + ': ' + x['msg'] for x in rep)))
            else:
                ok('%s: objtool %s misses it, as expected: %s' % (tag, m, why))
            cells.append('miss (expected)' if not rep else 'reports it (expected miss)')
    ist_cell = '; '.join('%s %s%s' % (x['rule'], loc(x), (' -> ' + x['callee']) if x['callee'] else
                                     ': ' + re.sub(r' \(depth -?\d+\)$', '', x['msg']))
                         for x in got_ist) or 'nothing'
    table.append(('%s (%s)' % (tag, mu['src']), cells[0], cells[1], ist_cell))
    print('   (%.1f s)' % (time.time() - t0))

hdr = ('mutation', 'objtool --noinstr --link', 'objtool, Kbuild args (IBT)', 'istcheck')
out = ['| ' + ' | '.join(hdr) + ' |', '|' + '---|' * len(hdr)]
out += ['| ' + ' | '.join(c.replace('|', '\\|') for c in row) + ' |' for row in table]
out.append('')
out.append('Kbuild args: ' + ' '.join(KBUILD_ARGS) + '. Baseline (pristine vmlinux.o, not counted above): istcheck '
           + ('; '.join(fmt_ist(x) for x in base_ist) or 'nothing') + '; objtool nothing'
           + ('' if not any(base_ot.values()) else ' (except: ' + '; '.join(loc(x) + ': ' + x['msg'] for m in base_ot for x in base_ot[m]) + ')') + '.')
if base_ist and not any(base_ot.values()):
    out.append(BASELINE_WHY + '.')
for mu in MUTATIONS:
    whys = mu['objtool']
    if whys['noinstr'] and whys['noinstr'] == whys['kbuild']:
        out.append('[%s] objtool misses it in both passes: %s.' % (mu['id'], whys['noinstr']))
    else:
        for m, why in whys.items():
            if why:
                out.append('[%s] objtool (%s) misses it: %s.' % (mu['id'], 'noinstr-only' if m == 'noinstr' else 'Kbuild args', why))
text = '\n'.join(out) + '\n'
print('\n' + text)
if os.environ.get('PARITY_TABLE'):
    with open(os.environ['PARITY_TABLE'], 'w') as f:
        f.write(text)
print('%d mutations, %.0f s, %s' % (len(MUTATIONS), time.time() - t_start,
                                     'all assertions hold' if not failures else '%d FAILED' % len(failures)))
sys.exit(1 if failures else 0)
PY
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || { echo "FAIL: driver exited $rc"; rc=1; }
# The cache tree is shared by other tests: nothing in it may have been written.
touched=$(find "$tree" -newer "$work/stamp" -print 2>/dev/null | head -5)
if [ -n "$touched" ]; then
	echo "FAIL: files in the cache tree changed during the test (this test or a concurrent writer):"
	echo "$touched"
	rc=1
fi
exit $rc
