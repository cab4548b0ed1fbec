#!/usr/bin/env bash
# --regions=source against the ground truth (issue 19).  On the entry-tiny vmlinux.o, built with
# CONFIG_NOINSTR_VALIDATION, objtool's markers say where every instrumentation region is; the
# source under the tree says it again, from instrumentation_begin()/end() statements and DWARF.
#   1. per call instruction of noinstr C code (--dump=regions): inside or outside a region, from
#      the markers and from the source; the agreement is printed as a number and every
#      disagreement must be one of regions-expected.txt (which says why), and each listed one
#      must still happen;
#   2. the noinstr findings (--contract=noinstr, JSON: rule, symbol, offset, message, callee) are
#      identical on the clean kernel and on every noinstr mutation of test-noinstr-parity.sh
#      (its MUTATIONS, compile and relink are read from that script, not copied);
#   3. the Debian 6.12 and 6.1 vmlinux with their linux-source trees (build-corpus.sh): the noinstr
#      C functions checked and left, and the findings, are regions-expected.txt's reviewed ones;
#      a tree of another version is refused by the guard (a note, and today's behaviour).
source "$(dirname "$0")/lib.sh"
base=$cache/entry-tiny
tree=$base/linux
objtool=$base/objtool
[ -x "$objtool" ] || objtool=$tree/tools/objtool/objtool
need "$base/vmlinux.o" "$tree/vmlinux.a" "$tree/.vmlinux.o.cmd" "$tree/include/config/kernel.release"
command -v python3 >/dev/null || { echo "skip: python3 not installed"; exit 77; }
[ -x "$ISTCHECK" ] || { echo "FAIL: ISTCHECK=$ISTCHECK is not executable"; exit 1; }
trap 'exit 130' INT TERM HUP

python3 - "$ISTCHECK" "$base" "$tree" "$objtool" "$work" "$here" "$cache" <<'PY'
import json, os, re, subprocess, sys

ISTCHECK, BASE, TREE, OBJTOOL, TMP, HERE, CACHE = sys.argv[1:8]
failures = []

def fail(msg):
    failures.append(msg)
    print('FAIL ' + msg)

def ok(msg):
    print('ok   ' + msg)

def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

def istcheck(args):
    r = run([ISTCHECK] + args)
    if r.returncode not in (0, 1):
        raise RuntimeError('istcheck %s exited %d: %s' % (' '.join(args), r.returncode, r.stderr.strip()))
    return r.stdout

def noinstr_findings(vmo, regions, root=TREE):
    doc = json.loads(istcheck(['--format=json', '--contract=noinstr', '--regions=' + regions,
                               '--srcroot=' + root, vmo]))
    return sorted((f['rule'], f.get('symbol') or f.get('section'), f.get('offset') or f.get('section_offset'),
                   f['message'], f.get('callee')) for f in doc['results'])

def calls(vmo, regions):
    out = istcheck(['--dump=regions', '--regions=' + regions, '--srcroot=' + TREE, vmo]).splitlines()
    assert out[0] == 'regions from ' + regions, out[0]
    return dict((' '.join(l.split()[:3]), l.split()[3]) for l in out[1:])

# regions-expected.txt: "disagree LOC KIND CALLEE markers=X source=Y # why" and
# "debian-VERSION checked=N unplaced=M" / "debian-VERSION finding RULE SYMBOL CALLEE # why".
expected_dis, expected_deb = set(), {}
with open(os.path.join(HERE, 'regions-expected.txt')) as f:
    for line in f:
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        w = line.split()
        if w[0] == 'disagree':
            expected_dis.add(' '.join(w[1:]))
        else:
            expected_deb.setdefault(w[0], []).append(' '.join(w[1:]))

# ---- 1. per call, the clean entry-tiny vmlinux.o
vmo = os.path.join(BASE, 'vmlinux.o')
m, s = calls(vmo, 'markers'), calls(vmo, 'source')
agree = sum(1 for k in m if s.get(k) == m[k])
dis = set('%s markers=%s source=%s' % (k, m[k], s.get(k, 'unreached')) for k in m if s.get(k) != m[k])
dis |= set('%s markers=unreached source=%s' % (k, s[k]) for k in s if k not in m)
print('per call instruction of noinstr C code: %d of %d agree (%.2f%%)' % (agree, len(m), 100.0 * agree / len(m)))
for d in sorted(dis):
    print('     disagreement: ' + d)
for d in sorted(dis - expected_dis):
    fail('unexplained disagreement (add it to regions-expected.txt with why, or fix it): ' + d)
for d in sorted(expected_dis - dis):
    fail('regions-expected.txt lists a disagreement that no longer happens: ' + d)
if dis == expected_dis:
    ok('every disagreement is one regions-expected.txt explains')

# ---- 2. identical noinstr findings: clean, then every noinstr mutation of the parity test
def same_findings(tag, vmo):
    a, b = noinstr_findings(vmo, 'markers'), noinstr_findings(vmo, 'source')
    if a == b:
        ok('%s: identical noinstr findings from markers and source (%d)' % (tag, len(a)))
    else:
        for x in sorted(set(a) - set(b)):
            fail('%s: markers only: %s' % (tag, x))
        for x in sorted(set(b) - set(a)):
            fail('%s: source only: %s' % (tag, x))

same_findings('clean', vmo)

# The parity test's definitions (MUTATIONS, compile_one, relink), run up to its first check.
script = open(os.path.join(HERE, 'test-noinstr-parity.sh')).read()
code = script.split("<<'PY'\n", 1)[1].split('\n# ---- control', 1)[0]
saved_argv = sys.argv
sys.argv = ['parity', ISTCHECK, BASE, TREE, OBJTOOL, TMP]
parity = {}
exec(compile(code, 'test-noinstr-parity.sh', 'exec'), parity)
sys.argv = saved_argv
for mu in parity['MUTATIONS']:
    tag = 'mutation %s (%s)' % (mu['id'], mu['name'])
    work = os.path.join(TMP, 'r' + mu['id'])
    os.makedirs(work)
    text = open(os.path.join(TREE, mu['src'])).read()
    for old, new in mu['edit']:
        text = text.replace(old, new, 1)
    mutated = os.path.join(work, os.path.basename(mu['src']))
    with open(mutated, 'w') as f:
        f.write(text)
    try:
        orig, new = parity['compile_one'](mu['src'], mutated, work)
        same_findings(tag, parity['relink'](work, {orig: new}))
    except RuntimeError as e:
        fail('%s: %s' % (tag, e))

# ---- 3. the Debian kernels with their own source
for ver in ('6.12', '6.1'):
    vml, src = os.path.join(CACHE, 'debian', 'vmlinux-' + ver), os.path.join(CACHE, 'debian', 'linux-' + ver)
    key = 'debian-' + ver
    if not os.path.exists(vml) or not os.path.exists(os.path.join(src, 'debian', 'changelog')):
        print('skip %s: no vmlinux-%s or linux-%s with its changelog (build-corpus.sh debian)' % (key, ver, ver))
        continue
    doc = json.loads(istcheck(['--format=json', '--srcroot=' + src, vml]))
    st = doc['files'][0]['summary'] if 'files' in doc else doc.get('summary', {})
    text = istcheck(['--srcroot=' + src, vml]).splitlines()[-1]
    m = re.search(r'(\d+) noinstr functions(?: \((\d+) more not checked: ([^)]*)\))?', text)
    got = ['checked=%s unplaced=%s' % (m.group(1), m.group(2) or 0)] if m else ['checked=? unplaced=?']
    got += sorted('finding %s %s %s' % (f['rule'], f.get('symbol'), f.get('callee'))
                  for f in doc['results'])
    want = sorted(expected_deb.get(key, []), key=lambda x: (not x.startswith('checked='), x))
    got = sorted(got, key=lambda x: (not x.startswith('checked='), x))
    print('%s: %s' % (key, text))
    if got == want:
        ok('%s: %s, and every finding is a reviewed one (%d)' % (key, got[0], len(got) - 1))
    else:
        for x in sorted(set(got) - set(want)):
            fail('%s: not in regions-expected.txt: %s' % (key, x))
        for x in sorted(set(want) - set(got)):
            fail('%s: expected, not seen: %s' % (key, x))
    # With --srcroot every source path is relative to it, the assembler's absolute paths of the
    # distribution's build tree (/build/reproducible-path/linux-6.1.192/arch/...) included.
    full = istcheck(['-v', '--srcroot=' + src, vml])
    sarif = istcheck(['--format=sarif', '--srcroot=' + src, vml])
    absolute = [l for l in full.splitlines() if l.lstrip().startswith('/') and not l.lstrip().startswith(vml)] + \
               [u for u in re.findall(r'"uri": "file://([^"]*)"', sarif) if u != vml]
    asm = [l for l in full.splitlines() if l.startswith('arch/x86/entry/entry_64.S:')]
    if absolute:
        fail('%s: absolute source paths under --srcroot: %s' % (key, absolute[:3]))
    elif not asm and ver == '6.1':
        fail('%s: no finding placed in arch/x86/entry/entry_64.S to show the assembler\'s paths' % key)
    else:
        ok('%s: every source path relative to --srcroot (%d in entry_64.S)' % (key, len(asm)))
    # Calls through pv_ops in a final link are notes named as the source names the slot, from
    # the kernel's DWARF ("pv_ops.irq.save_fl.func (slot 30)", not "pv_ops[30]"), at the line of
    # the call site, which the replacement code the note is about has none of its own.
    pv = [l for l in full.splitlines() if 'call through pv_ops' in l]
    unnamed = [l for l in pv if 'call through pv_ops[' in l or not re.match(r'[a-z][^: ]*\.[ch]:\d+(:\d+)?: note: ', l)]
    if not pv:
        fail('%s: no call through pv_ops noted' % key)
    elif unnamed:
        fail('%s: pv_ops notes without a slot name or a source line: %s' % (key, unnamed[:2]))
    else:
        ok('%s: %d pv_ops notes, each with its slot name and line (%s)' % (key, len(pv), pv[0].split(': note: istcheck: ')[1]))
    # The guard: the other version's tree is refused, as an error that names both versions
    # (exit 2, one line, no report), not a note and a run that blames the missing markers.
    other = os.path.join(CACHE, 'debian', 'linux-' + ('6.1' if ver == '6.12' else '6.12'))
    if os.path.exists(os.path.join(other, 'Makefile')):
        r = run([ISTCHECK, '-v', '--srcroot=' + other, vml])
        err = r.stderr.strip()
        if (r.returncode == 2 and not r.stdout and len(err.splitlines()) == 1 and
                err.startswith('istcheck: ' + vml + ': --srcroot=' + other + ' is not its source: the source tree is Debian ')):
            ok('%s: the linux-%s tree is refused by the version guard: %s' % (key, os.path.basename(other)[6:], err))
        else:
            fail('%s: the version guard did not refuse %s: exit %d, %r' % (key, other, r.returncode, err))

print('%d failed' % len(failures))
sys.exit(1 if failures else 0)
PY
