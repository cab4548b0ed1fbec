#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run one rule test: tests/rules/NAME.rt holds everything the test needs, side by side.

    # comment lines: what the test shows and why the expectation is right
    command: istcheck --model=$MODEL --contract=linux $OBJ
    exit: 1
    finding: spec-untrain helper_a+0x0      the rule fires at symbol+offset (merged over variants)
    no-finding: spec-untrain helper_b+0x0   ... does not fire there
    no-finding: stack-ist                   ... does not fire anywhere
    exact                                   the findings are exactly the finding: lines
    exact: stack-ist                        ... the findings of that rule are
    stderr: REGEX                           stderr matches (--stats lines, notes on stderr)
    --- asm                                 the object, assembled with cc -c (kasm.h is on -I)
    ...
    --- model                               optional: the model file, as $MODEL
    ...

The command runs with --format=json added; findings are read from its "results" as
"RULE SYMBOL+OFFSET" (a set: one entry per rule and instruction, whatever variants it holds in).
"""
import json, os, re, shlex, subprocess, sys, tempfile

def parse(path):
    head, parts, cur = [], {}, None
    for line in open(path).read().split('\n'):
        m = re.match(r'^--- (\w+)$', line)
        if m:
            cur = m.group(1)
            parts[cur] = []
        elif cur:
            parts[cur].append(line)
        else:
            head.append(line)
    return head, {k: '\n'.join(v) + '\n' for k, v in parts.items()}

def findings(report):
    out = set()
    for r in report['results']:
        if r.get('symbol'):
            where = '%s+0x%x' % (r['symbol'], int(r['offset'], 16))
        elif r.get('section'):
            where = '%s+0x%x' % (r['section'], int(r['section_offset'], 16))
        else:
            where = r.get('address') or '?'
        out.add('%s %s' % (r['rule'], where))
    return out

def main(path):
    istcheck = os.environ['ISTCHECK']
    fixtures = os.environ.get('FIXTURES_SRC', os.path.join(os.path.dirname(path), '..', 'fixtures'))
    head, parts = parse(path)
    keys = [l.split(':', 1) for l in head if ':' in l and not l.startswith('#')]
    command = [v.strip() for k, v in keys if k == 'command'][0]
    want_exit = int([v for k, v in keys if k == 'exit'][0])
    want = {v.split('#')[0].strip() for k, v in keys if k == 'finding'}
    never = [v.strip() for k, v in keys if k == 'no-finding']
    # "exact": every finding is listed; "exact: RULE": every finding of RULE is.
    exact = [v.strip() for k, v in keys if k == 'exact'] + \
        ['' for l in head if l.strip() == 'exact']
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + '.o')
        src = obj[:-2] + '.S'
        open(src, 'w').write(parts['asm'])
        cc = subprocess.run([os.environ.get('CC', 'cc'), '-c', '-I', fixtures, src, '-o', obj],
                            capture_output=True, text=True)
        if cc.returncode:
            print('FAIL: the asm does not assemble:\n' + cc.stderr)
            return 1
        env = dict(os.environ, OBJ=obj)
        if 'model' in parts:
            env['MODEL'] = os.path.join(tmp, 'model.json')
            open(env['MODEL'], 'w').write(parts['model'])
        argv = [os.path.expandvars(a) if '$' in a else a for a in shlex.split(command)]
        argv = [a.replace('$OBJ', obj).replace('$MODEL', env.get('MODEL', '')) for a in argv]
        assert argv[0] == 'istcheck', 'the command must start with istcheck'
        r = subprocess.run([istcheck, '--format=json'] + argv[1:], capture_output=True, text=True,
                           env=env, cwd=tmp)
    status = 0
    if r.returncode != want_exit:
        print('FAIL: exit %d, expected %d\n%s' % (r.returncode, want_exit, r.stderr))
        status = 1
    try:
        got = findings(json.loads(r.stdout))
    except ValueError:
        print('FAIL: no JSON report:\n' + r.stderr)
        return 1
    for pat in [v.strip() for k, v in keys if k == 'stderr']:
        if not re.search(pat, r.stderr, re.M):
            print('FAIL: stderr does not match %r:\n%s' % (pat, r.stderr))
            status = 1
    for w in sorted(want - got):
        print('FAIL: missing finding: ' + w)
        status = 1
    for n in never:
        hit = [g for g in got if g == n or (' ' not in n and g.split(' ')[0] == n)]
        for h in sorted(hit):
            print('FAIL: unexpected finding: %s (no-finding: %s)' % (h, n))
            status = 1
    for rule in exact:
        for extra in sorted(g for g in got - want if not rule or g.split(' ')[0] == rule):
            print('FAIL: finding not listed (exact): ' + extra)
            status = 1
    if status:
        print('all findings:\n  ' + '\n  '.join(sorted(got)))
    else:
        print('ok: %s (%d findings)' % (path, len(got)))
    return status

sys.exit(main(sys.argv[1]))
