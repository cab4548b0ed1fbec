#!/usr/bin/env bash
# scripts/istcheck-series, run exactly as the README shows it (its ISTCHECK_DIR line, with
# $ISTCHECK_DIR a checkout whose build/ holds the istcheck under test, $ISTCHECK unset), on a
# three-commit series in a git repository made from a copy of the entry-tiny tree (the
# arch/x86/entry sources tracked; the rest of the built tree stays as it is), on a branch with
# origin/master at its base: commit 1 grows a comment by a line (no new finding, though every
# later line moves), commit 2 drops the swapgs before sysretq (gs-balance), commit 3 rewords a
# comment.  The gate must blame commit 2, and only commit 2, at its source line, exit 1, and
# leave the tree on the branch.  Then the ways it can fail: no istcheck to be found (exit 2
# before any build), and a commit that does not build (exit 2, the log's tail and where the
# whole log is, a summary, the tree back on its branch).
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

# The README's command, and a checkout laid out as its ISTCHECK_DIR says: scripts/ and build/.
readme_cmd=$(sed -n 's/^    \(\$ISTCHECK_DIR\/scripts\/istcheck-series [^#]*[^# ]\) *#.*/\1/p' "$here/../../README.md")
[ -n "$readme_cmd" ] || { bad "the README shows no \$ISTCHECK_DIR/scripts/istcheck-series line"; exit 1; }
echo "the README's command: $readme_cmd"
mkdir -p "$work/checkout/scripts" "$work/checkout/build"
cp "$series" "$work/checkout/scripts/"
ln -s "$ISTCHECK" "$work/checkout/build/istcheck"
git update-ref refs/remotes/origin/master HEAD~3
git checkout -q -b my-series
run_readme() { env -u ISTCHECK ISTCHECK_DIR="$1" bash -c "$readme_cmd"; }

run_readme "$work/checkout" >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ $rc -eq 1 ] && ok "the gate fails (exit 1)" || bad "gate exit $rc"
blamed=$(grep -E '^[0-9a-f]+ .*: [0-9]+ new finding' "$work/out")
[ "$(echo "$blamed" | grep -c .)" = 1 ] && echo "$blamed" | grep -q "^$c2 x86/entry: drop the swapgs" &&
	ok "commit 2 ($c2) and only it is blamed" || bad "blamed: $blamed"
grep -A20 "^$c2 " "$work/out" | grep -m1 '^    ' | grep -q '\[gs-balance\]' &&
	ok "its finding is gs-balance" || bad "no gs-balance under commit 2"
grep -A20 "^$c2 " "$work/out" | grep -m1 '^    ' | grep -q '^    arch/x86/entry/entry_64\.S:[0-9]*: ' &&
	ok "at its source line (file:line, as the text format)" || bad "commit 2's finding has no file:line"
grep -q "grow a comment: no new findings" "$work/out" && grep -q "reword a comment: no new findings" "$work/out" &&
	ok "commits 1 and 3: no new findings" || bad "commits 1 and 3 not clean"
[ "$(git symbolic-ref -q --short HEAD)" = my-series ] && [ -z "$(git status --porcelain --untracked-files=no)" ] &&
	ok "the tree is back on its branch, clean" || bad "the tree is on $(git symbolic-ref -q --short HEAD || git rev-parse --short HEAD)"

# No istcheck anywhere: said before anything is built.
mkdir -p "$work/empty/scripts"
cp "$series" "$work/empty/scripts/"
PATH=/usr/bin:/bin run_readme "$work/empty" >"$work/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "istcheck-series: no istcheck" "$work/out" && ! grep -q "^istcheck-series: base" "$work/out" &&
	ok "no istcheck: exit 2 before any build" || bad "no istcheck: exit $rc: $(cat "$work/out")"

# A commit that does not build, on top of the built HEAD (so the base needs no rebuild).
git checkout -q -b broken
sed -i '1i #error "a commit that does not build"' arch/x86/entry/entry_64.S
git commit -qam "x86/entry: break the build"
env -u ISTCHECK ISTCHECK_DIR="$work/checkout" ISTCHECK_SERIES_LOGS="$work" \
	bash -c "${readme_cmd/origin\/master..HEAD/HEAD~1..HEAD}" >"$work/out" 2>&1
rc=$?
cat "$work/out"
log=$(sed -n 's/.*the whole log: \([^)]*\)).*/\1/p' "$work/out")
[ $rc -eq 2 ] && grep -q "the build of $(git rev-parse --short HEAD) x86/entry: break the build failed" "$work/out" &&
	ok "a broken build: exit 2, named" || bad "broken build: exit $rc"
[ -n "$log" ] && [ -f "$log" ] && grep -q "a commit that does not build" "$log" &&
	ok "the whole build log is kept ($log)" || bad "build log not kept: '$log'"
grep -q "stopped after 0 of 1 commits checked" "$work/out" && ok "a summary says how far it got" ||
	bad "no summary of how far it got"
[ "$(git symbolic-ref -q --short HEAD)" = broken ] && ok "the tree is back on its branch after the failure" ||
	bad "after the failure the tree is on $(git rev-parse --short HEAD)"
exit $fail
