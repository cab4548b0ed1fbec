#!/usr/bin/env bash
# scripts/istcheck-series on a three-commit series in a git repository made from a copy of the
# entry-tiny tree (the arch/x86/entry sources tracked; the rest of the built tree stays as it is): commit 1
# grows a comment by a line (no new finding, though every later line moves), commit 2 drops the
# swapgs before sysretq (gs-balance), commit 3 rewords a comment.  The gate must blame commit 2, and only commit 2, and exit 1.
source "$(dirname "$0")/lib.sh"
series=$here/../../scripts/istcheck-series
tree=$cache/entry-tiny/linux
[ -f "$tree/vmlinux.o" ] || { echo "skip: no built kernel corpus (tests/kernel/build-corpus.sh)"; exit 77; }
command -v git >/dev/null || { echo "skip: git not installed"; exit 77; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

cp -a "$tree" "$work/linux"
cd "$work/linux" || exit 1
git init -q && git config user.name test && git config user.email test@example.invalid || exit 1
# Debian's source tree ignores everything at its top level (/* in .gitignore): add the sources.
git add -f arch/x86/entry/*.[chS] arch/x86/entry/Makefile && git commit -qm "base" || exit 1

# edit OLD NEW MESSAGE: replace the unique OLD in entry_64.S and commit
edit() {
	python3 - "$1" "$2" <<'PY' || { bad "anchor not unique: $1"; exit 1; }
import sys
p = 'arch/x86/entry/entry_64.S'; s = open(p).read()
old, new = (a.encode().decode('unicode_escape') for a in sys.argv[1:3])
if s.count(old) != 1: sys.exit(1)
open(p, 'w').write(s.replace(old, new))
PY
	git commit -qam "$3"
}
edit '/* IRQs are off. */' '/* IRQs are off.\n\t * (a comment that grew a line) */' "x86/entry: grow a comment"
edit '\tANNOTATE_NOENDBR\n\tswapgs\n\tCLEAR_CPU_BUFFERS\n\tsysretq' \
     '\tANNOTATE_NOENDBR\n\tCLEAR_CPU_BUFFERS\n\tsysretq' "x86/entry: drop the swapgs before sysretq"
edit 'tss.sp2 is scratch space.' 'TSS.sp2 is scratch space.' "x86/entry: reword a comment"
c2=$(git rev-parse --short HEAD~1)

ISTCHECK=$ISTCHECK "$series" HEAD~3..HEAD >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ $rc -eq 1 ] && ok "the gate fails (exit 1)" || bad "gate exit $rc"
blamed=$(grep -E '^[0-9a-f]+ .*: [0-9]+ new finding' "$work/out")
[ "$(echo "$blamed" | grep -c .)" = 1 ] && echo "$blamed" | grep -q "^$c2 x86/entry: drop the swapgs" &&
	ok "commit 2 ($c2) and only it is blamed" || bad "blamed: $blamed"
grep -A20 "^$c2 " "$work/out" | grep -m1 '^    ' | grep -q '\[gs-balance\]' &&
	ok "its finding is gs-balance" || bad "no gs-balance under commit 2"
grep -q "grow a comment: no new findings" "$work/out" && grep -q "reword a comment: no new findings" "$work/out" &&
	ok "commits 1 and 3: no new findings" || bad "commits 1 and 3 not clean"
exit $fail
