# SPDX-License-Identifier: GPL-2.0
"""The mutant runner shared by the real-kernel contract test and the reference-entry test.

A mutation edits sources (each anchor must occur exactly once), is built by the caller's
callback (Kbuild's recorded command for a kernel object, build.sh for the reference entry) and
checked with istcheck --format=json.  It passes only if the set of rules reported is exactly
the intended one, and some finding of it (or the first finding, where the list asks for that)
is in the intended function, at an instruction with the intended objdump mnemonic, and holds in
a variant whose name and message contain the intended text.  The judging reads the JSON report
(rule, symbol, section, section_offset, variants[] with variant and message); nothing parses
the text format.

ONLY=TEXT runs the mutations whose name contains TEXT (and the pristine rebuilds); KEEP=1 keeps
each mutant's directory.
"""
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

Edits = Dict[str, List[Tuple[str, str]]]


@dataclass
class Mutation:
    name: str
    rule: Optional[str]             # None: a pristine rebuild, which must have no finding at all
    func: Optional[str]             # the finding's symbol (None: any)
    edits: Edits                    # source (relative to the runner's root) -> [(anchor, new)]
    mnemonic: Optional[str] = None  # objdump's mnemonic at the finding (None: any)
    variant: str = ''               # text one of the finding's variants must name ('': any)
    text: str = ''                  # text that variant's message must contain ('': any)
    model: Optional[str] = None     # --model=FILE|NAME (None: the built-in one)
    contract: str = 'linux'
    cflags: Sequence[str] = ()      # extra compiler options for the build callback
    first: bool = False             # the first finding must be the one, not just any finding


class MutantError(Exception):
    """A mutation that could not be applied, built or checked (a failure, not a crash)."""


def apply_edits(text: str, edits: List[Tuple[str, str]]) -> str:
    for anchor, repl in edits:
        n = text.count(anchor)
        if n != 1:
            raise MutantError('anchor found %d times: %r' % (n, anchor[:60]))
        text = text.replace(anchor, repl)
    return text


def istcheck_json(istcheck: str, args: Sequence[str]) -> Tuple[int, list]:
    """Exit code and findings of one istcheck run (which must exit 0 or 1), from its JSON report."""
    p = subprocess.run([istcheck, '--format=json'] + list(args), capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise MutantError('istcheck %s exited %d: %s' % (' '.join(args), p.returncode,
                                                         p.stderr.strip()[-1500:]))
    try:
        return p.returncode, json.loads(p.stdout)['results']
    except (ValueError, KeyError) as e:
        raise MutantError('istcheck %s: no JSON report (%s)' % (' '.join(args), e))


def mnemonic_at(obj: str, f: dict) -> Optional[str]:
    """The mnemonic objdump shows at the finding (section + section_offset)."""
    off = int(f['section_offset'], 16)
    p = subprocess.run(['objdump', '-d', '--no-show-raw-insn', '-j', f['section'],
                        '--start-address=%d' % off, '--stop-address=%d' % (off + 16), obj],
                       capture_output=True, text=True)
    for line in p.stdout.splitlines():
        parts = line.split('\t')
        if len(parts) > 1 and parts[0].strip().endswith(':'):
            return parts[1].split()[0]
    return None


def where(f: dict) -> str:
    return '%s+%s' % (f.get('symbol') or f.get('section'),
                      f.get('offset') or f.get('section_offset'))


def variant_matches(m: Mutation, f: dict) -> bool:
    """Does one of the finding's variants name m.variant and say m.text?  A finding of a model
    without named variants is its own one variant.  The result's 'variant' is the merged text,
    where 'with and without PTI' reads as neither, so each variant is looked at alone."""
    variants = f.get('variants') or [{'variant': '', 'message': f['message']}]
    return any(m.variant in v['variant'] and m.text in v['message'] for v in variants)


def judge(m: Mutation, found: list, obj: str) -> dict:
    """The finding that shows m was caught; raises MutantError with what was wrong."""
    rules = sorted({f['rule'] for f in found})
    if rules != [m.rule]:
        raise MutantError('rules %s, want exactly [%s]' % (rules, m.rule))
    for f in found[:1] if m.first else found:
        if (f['rule'] == m.rule and (m.func is None or f.get('symbol') == m.func) and
                variant_matches(m, f) and
                (m.mnemonic is None or mnemonic_at(obj, f) == m.mnemonic)):
            return f
    seen = ['%s%s: %s' % (where(f), ' (%s)' % mnemonic_at(obj, f) if m.mnemonic else '',
                          f['message']) for f in found[:4]]
    raise MutantError('%s %s finding in %s at %s%s%s (found: %s)' % (
        'the first finding is not the' if m.first else 'no', m.rule, m.func or 'any function',
        m.mnemonic or 'any insn', ' in a variant "%s"' % m.variant if m.variant else '',
        ' saying "%s"' % m.text if m.text else '', '; '.join(seen)))


# build(mutation, {path: edited text}, directory) -> the object file; raises MutantError.
Build = Callable[[Mutation, Dict[str, str], str], str]


class Runner:
    def __init__(self, istcheck: str, root: str, build: Build, workdir: Optional[str] = None):
        self.istcheck = istcheck
        self.root = root  # where the sources the edits name are read from
        self.build = build
        self.workdir = workdir  # parent of the mutants' directories (None: $TMPDIR)
        self.failures: List[str] = []

    def fail(self, msg: str) -> None:
        self.failures.append(msg)
        print('FAIL ' + msg)

    def args(self, m: Mutation, obj: str) -> List[str]:
        return ['--contract=' + m.contract] + (['--model=' + m.model] if m.model else []) + [obj]

    def check_clean(self, label: str, args: Sequence[str]) -> None:
        """A pristine input: istcheck ARGS reports no finding and passes."""
        try:
            rc, found = istcheck_json(self.istcheck, args)
        except MutantError as e:
            self.fail('pristine %s: %s' % (label, e))
            return
        if found:
            self.fail('pristine %s: %d findings, first: %s: %s [%s]' % (
                label, len(found), where(found[0]), found[0]['message'], found[0]['rule']))
        elif rc:
            self.fail('pristine %s: istcheck exited %d with no finding' % (label, rc))
        else:
            print('ok   pristine %s: no findings' % label)

    def run_one(self, m: Mutation) -> Optional[dict]:
        d = tempfile.mkdtemp(prefix='mutant.', dir=self.workdir)
        try:
            files = {}
            for path, edits in m.edits.items():
                with open(os.path.join(self.root, path)) as src:
                    files[path] = apply_edits(src.read(), edits)
            obj = self.build(m, files, d)
            _, found = istcheck_json(self.istcheck, self.args(m, obj))
            if m.rule is None:
                if found:
                    raise MutantError('%d findings, first: %s: %s [%s]' % (
                        len(found), where(found[0]), found[0]['message'], found[0]['rule']))
                return None
            return judge(m, found, obj)
        finally:
            if not os.environ.get('KEEP'):
                shutil.rmtree(d, ignore_errors=True)

    def run(self, mutations: Sequence[Mutation]) -> List[str]:
        """Pristine rebuilds first, then a table row per mutation caught; the failures."""
        only = os.environ.get('ONLY')
        todo = [m for m in mutations if m.rule is None or not only or only in m.name]
        for m in (m for m in todo if m.rule is None):
            try:
                self.run_one(m)
                print('ok   pristine %s: no findings' % m.name)
            except MutantError as e:
                self.fail('pristine %s: %s' % (m.name, e))
        print('| mutation | rule | where | message |')
        print('|---|---|---|---|')
        for m in (m for m in todo if m.rule is not None):
            try:
                f = self.run_one(m)
            except MutantError as e:
                self.fail('%s: %s' % (m.name, e))
                continue
            variant = ' (%s)' % f['variant'] if f.get('variant') else ''
            print('| %s | %s | %s | %s%s |' % (m.name, m.rule, where(f), f['message'], variant))
        return self.failures
