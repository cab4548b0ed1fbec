#!/usr/bin/env bash
# scripts/istcheck-objtool as Kbuild's objtool: a copy of the entry-tiny tree with a push added
# to the SYSCALL gap is rebuilt with `make objtool=.../istcheck-objtool vmlinux`; the wrapper must
# run the real objtool and then istcheck on vmlinux.o (the link pass: this IBT config runs
# objtool on no single object), and the build log must show the stack-gap finding at the edited
# line.  Then the wrapper's contract alone: objtool's failure is passed through without
# istcheck, and ISTCHECK_WERROR=1 turns findings into a failed step.
source "$(dirname "$0")/lib.sh"
wrapper=$here/../../scripts/istcheck-objtool
tree=$cache/entry-tiny/linux
[ -f "$tree/vmlinux.o" ] && [ -x "$tree/tools/objtool/objtool" ] ||
	{ echo "skip: no built kernel corpus (tests/kernel/build-corpus.sh)"; exit 77; }
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

cp -a "$tree" "$work/linux"
python3 - "$work/linux/arch/x86/entry/entry_64.S" <<'PY' || { bad "mutation anchor not found"; exit 1; }
import sys
p = sys.argv[1]; s = open(p).read()
a = '\tswapgs\n\t/* tss.sp2 is scratch space. */\n'
if s.count(a) != 1: sys.exit(1)
open(p, 'w').write(s.replace(a, '\tswapgs\n\tpushq\t%rax\n\t/* tss.sp2 is scratch space. */\n'))
PY
line=$(grep -n -A1 '^	swapgs$' "$work/linux/arch/x86/entry/entry_64.S" | grep -m1 'pushq	%rax' | cut -d- -f1)

ISTCHECK_LOG=$work/checked ISTCHECK=$ISTCHECK \
	make -C "$work/linux" -s -j"$(nproc)" objtool="$wrapper" vmlinux >"$work/build.log" 2>&1
rc=$?
[ $rc -eq 0 ] && ok "kernel build through the wrapper: exit 0" || { bad "build exit $rc"; tail -20 "$work/build.log"; }
grep -qx "istcheck: vmlinux.o: 1" "$work/checked" && ok "istcheck ran on vmlinux.o (findings: exit 1)" ||
	bad "istcheck did not run on vmlinux.o: $(cat "$work/checked" 2>/dev/null)"
grep -q "^arch/x86/entry/entry_64.S:$line: error: istcheck: entry_SYSCALL_64+0x[0-9a-f]*: pushq uses the stack while RSP is the user's .*\[stack-gap\]$" "$work/build.log" &&
	ok "build log: stack-gap at entry_64.S:$line" || { bad "no stack-gap at entry_64.S:$line in the build log"; cat "$work/build.log"; }
[ "$work/linux/vmlinux" -nt "$work/linux/arch/x86/entry/entry_64.S" ] &&
	ok "the build went on to link vmlinux" || bad "vmlinux not linked"

# The wrapper alone, on the object just built.
(cd "$work/linux" && ISTCHECK_REAL_OBJTOOL=false ISTCHECK_LOG=$work/none ISTCHECK=$ISTCHECK "$wrapper" --link vmlinux.o 2>/dev/null)
rc=$?
[ $rc -ne 0 ] && [ ! -e "$work/none" ] && ok "objtool's failure passes through (exit $rc), istcheck not run" ||
	bad "objtool failure: exit $rc"
(cd "$work/linux" && ISTCHECK_REAL_OBJTOOL=true ISTCHECK_WERROR=1 ISTCHECK=$ISTCHECK "$wrapper" --link vmlinux.o 2>/dev/null)
rc=$?
[ $rc -eq 1 ] && ok "ISTCHECK_WERROR=1: findings fail the step" || bad "ISTCHECK_WERROR=1: exit $rc"
(cd "$work/linux" && ISTCHECK_REAL_OBJTOOL=true ISTCHECK=$ISTCHECK "$wrapper" --link vmlinux.o 2>/dev/null)
rc=$?
[ $rc -eq 0 ] && ok "findings alone do not fail the step" || bad "without WERROR: exit $rc"
exit $fail
