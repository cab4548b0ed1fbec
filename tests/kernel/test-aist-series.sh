#!/usr/bin/env bash
# The atomic-IST series (tests/kernel/aist/): it applies to linux-source-6.12 as Debian ships it,
# and the kernel it makes (build-corpus.sh aist: entry-boot plus the series), judged with the
# model shipped beside the series (tests/kernel/aist/model.json: the built-in 6.12 model and the
# atomic-IST entry's names), satisfies the aist contract and has no linux-contract finding the
# entry-boot kernel does not have.
# Without that model the new stubs are taken for IDT entries of their own: the test shows that
# too, so the model is what makes the difference, not a quiet run.
source "$(dirname "$0")/lib.sh"
need "$cache/aist/vmlinux.o" "$cache/entry-boot/vmlinux.o" /usr/src/linux-source-6.12.tar.xz
model=$here/aist/model.json
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# Applies to the pristine source: the files the series touches, unpacked alone.
# (those it creates are not: a/ names of a patch that follows the one creating them)
files=$(cat "$here"/aist/*.patch | awk '/^diff --git / { f = substr($3, 3) } /^new file mode/ { new[f] = 1 }
	/^--- a\// { n = substr($2, 3); if (!(n in new)) print n }' | sort -u)
mkdir -p "$work/src"
tar -C "$work/src" -xf /usr/src/linux-source-6.12.tar.xz --strip-components=1 \
	$(printf 'linux-source-6.12/%s ' $files) || { bad "the series' files are not in linux-source-6.12"; exit 1; }
for p in "$here"/aist/*.patch; do
	patch -d "$work/src" -p1 -s --dry-run <"$p" >/dev/null 2>&1 && patch -d "$work/src" -p1 -s <"$p" ||
		bad "$(basename "$p") does not apply"
done
[ $fail = 0 ] && ok "the $(ls "$here"/aist/*.patch | wc -l) patches apply to linux-source-6.12 in order"

# The aist contract: the first real kernel that satisfies it.  Not vacuously: the same kernel
# judged with the commit placed one label off (the model's only change) fails at aist_commit's
# RSP load, and the unpatched entry-boot kernel has its known hazards (test-aist-mainline.sh).
"$ISTCHECK" --contract=aist --model="$model" "$cache/aist/vmlinux.o" >"$work/out" 2>&1
rc=$?
[ $rc = 0 ] && grep -q "aist contract, .*: passed, 0 errors, 0 warnings" "$work/out" &&
	ok "--contract=aist on the patched vmlinux.o: clean ($(grep -o '[0-9]* entry points' "$work/out"))" ||
	{ bad "--contract=aist on the patched vmlinux.o: exit $rc"; cat "$work/out"; }
sed 's/"commit": "aist_commit"/"commit": "asm_exc_nmi_committed"/' "$model" >"$work/late.json"
"$ISTCHECK" --contract=aist --model="$work/late.json" "$cache/aist/vmlinux.o" >"$work/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "aist_commit+0x0: .*\[aist-commit\]" "$work/out" &&
	ok "with the commit misplaced in the model: aist-commit at aist_commit+0x0" ||
	{ bad "with the commit misplaced: exit $rc"; cat "$work/out"; }

# No new linux-contract finding: entry-boot is the baseline, the patched kernel is judged against it.
"$ISTCHECK" --model="$model" --format=json -o "$work/base.json" "$cache/entry-boot/vmlinux.o" 2>"$work/err"
rc=$?
[ $rc -le 1 ] && [ ! -s "$work/err" ] || bad "entry-boot vmlinux.o: exit $rc: $(cat "$work/err")"
"$ISTCHECK" --model="$model" --baseline="$work/base.json" "$cache/aist/vmlinux.o" >"$work/out" 2>&1
rc=$?
if [ $rc = 0 ]; then
	ok "the patched vmlinux.o: no new linux-contract finding ($(tail -1 "$work/out"))"
else
	bad "the patched vmlinux.o: exit $rc, new findings:"; cat "$work/out"
fi

# Without the series' model the atomic-IST stubs are judged as entries of their own.
"$ISTCHECK" --baseline="$work/base.json" "$cache/aist/vmlinux.o" >"$work/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "_aist" "$work/out" &&
	ok "without the series' model its stubs are findings (exit 1)" ||
	bad "without the series' model: exit $rc: $(tail -3 "$work/out")"
exit $fail
