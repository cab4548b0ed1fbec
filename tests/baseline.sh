#!/usr/bin/env bash
# Baselines and diffs on versions of the mini_entry fixture assembled here: a baseline written
# on one build suppresses the same findings after unrelated code moved them, a new bug still
# shows and fails the run, `istcheck diff` prints exactly the new finding, and broken baseline
# or report files are usage errors (exit 2, one line).  Files of version 1 (one finding per
# variant, the variant in the fingerprint), written by istcheck 9581154 on mini_entry.o and kept
# in tests/golden/, still work: as --baseline, and on either side of `istcheck diff`.
set -u
: "${ISTCHECK:?}" "${SRCROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
fx=$SRCROOT/tests/fixtures
model=$SRCROOT/tests/golden/mini-model.json
ist() { "$ISTCHECK" --model="$model" "$@"; }
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# build NAME SED-SCRIPT: mini_entry.S edited by the script, assembled as NAME.o
build() {
	sed "$2" "$fx/mini_entry.S" > "$work/$1.S"
	cc -c -I"$fx" "$work/$1.S" -o "$work/$1.o" || { bad "$1: does not assemble"; exit 1; }
}
build base ''
# Unrelated code motion: a helper in front of mini_syscall moves every address in .entry.text.
build moved '/^SYM_CODE(mini_syscall)/i\	.globl unrelated_helper\nunrelated_helper:\n\tnop; nop; nop; nop; nop; nop; nop\n\tret\n'
# A new bug: a push in the SYSCALL gap, before the trusted stack load.
build buggy 's/^\tswapgs$/\tswapgs\n\tpushq\t%rax/'

ist --write-baseline="$work/b.json" "$work/base.o" >/dev/null
n=$(python3 -c 'import json,sys;print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/b.json")
[ "$n" -gt 0 ] && ok "baseline written: $n findings" || bad "empty baseline"
grep -q '"0x' "$work/b.json" && bad "baseline holds absolute addresses" || ok "no absolute addresses in the baseline"

out=$(ist --baseline="$work/b.json" "$work/base.o"); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q ": passed, 0 errors, 0 warnings, $n suppressed by the baseline" &&
	! echo "$out" | grep -q "error:" && ok "same build: all $n suppressed, exit 0" || bad "same build: exit $rc: $out"

[ "$(ist "$work/moved.o" | grep -c error:)" = "$n" ] || bad "moved: not the same $n findings"
out=$(ist --baseline="$work/b.json" "$work/moved.o"); rc=$?
[ $rc -eq 0 ] && ! echo "$out" | grep -q "error:" && ok "code moved: still all suppressed" ||
	bad "code moved: exit $rc: $out"

out=$(ist --baseline="$work/b.json" "$work/buggy.o"); rc=$?
new=$(echo "$out" | grep "error:")
[ $rc -eq 1 ] && [ "$(echo "$new" | grep -c .)" -ge 1 ] && ! echo "$new" | grep -vq "\[stack-gap\]" &&
	ok "new bug: only its stack-gap findings, exit 1" || bad "new bug: exit $rc: $out"

ist --format=json -o "$work/old.json" "$work/moved.o"
ist --format=json -o "$work/new.json" "$work/buggy.o"
out=$("$ISTCHECK" diff "$work/old.json" "$work/new.json"); rc=$?
[ $rc -eq 1 ] && [ "$(echo "$out" | grep -c 'error:')" -ge 1 ] && ! echo "$out" | grep 'error:' | grep -vq "\[stack-gap\]" &&
	ok "diff: the stack-gap findings only, exit 1" || bad "diff: exit $rc: $out"
nbug=$(echo "$out" | grep -c 'error:')
echo "$out" | tail -1 | grep -q ": $nbug new findings\? in $work/new.json, 0 gone from $work/old.json\$" &&
	ok "diff: counts $nbug new and 0 gone" || bad "diff counts: $(echo "$out" | tail -1)"
out=$("$ISTCHECK" diff "$work/new.json" "$work/old.json"); rc=$?
[ $rc -eq 0 ] && ok "diff the other way: nothing new, exit 0" || bad "diff reversed: exit $rc: $out"
echo "$out" | tail -1 | grep -q ": 0 new findings in $work/old.json, $nbug gone from $work/new.json\$" &&
	ok "diff the other way: the $nbug fixed ones are gone" || bad "diff reversed counts: $(echo "$out" | tail -1)"

# SARIF partialFingerprints: the same set for the build whose code moved.
fps() { ist --format=sarif "$1" | python3 -c 'import json,sys
print("\n".join(sorted(r["partialFingerprints"]["istcheckFingerprint/v2"] for r in json.load(sys.stdin)["runs"][0]["results"])))'; }
a=$(fps "$work/base.o"); b=$(fps "$work/moved.o")
[ -n "$a" ] && [ "$a" = "$b" ] && ok "SARIF partialFingerprints unchanged by code motion" ||
	bad "SARIF partialFingerprints differ after code motion"

# Version 1 files (tests/golden/mini-*-v1.json, from the fixture as it is built here): the
# baseline lists each finding once per variant, the report only the cr3-balance and spec-verw ones.
v1b=$SRCROOT/tests/golden/mini-baseline-v1.json v1r=$SRCROOT/tests/golden/mini-report-v1.json
out=$(ist --baseline="$v1b" "$work/moved.o"); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q ": passed, 0 errors, 0 warnings, $n suppressed by the baseline" &&
	ok "version 1 baseline: all $n merged findings suppressed after code motion" || bad "v1 baseline: exit $rc: $out"
# A finding that now holds in a variant the version 1 baseline did not list is reported.
python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
b["findings"] = [f for f in b["findings"] if not (f["rule"] == "spec-untrain" and "without PTI" in f["variant"])]
json.dump(b, open(sys.argv[2], "w"))' "$v1b" "$work/v1-partial.json"
out=$(ist --baseline="$work/v1-partial.json" "$work/base.o"); rc=$?
[ $rc -eq 1 ] && [ "$(echo "$out" | grep -c 'error:')" = 1 ] && echo "$out" | grep -q "error:.*\[spec-untrain\]" &&
	ok "version 1 baseline missing a variant: that finding is reported" || bad "v1 partial: exit $rc: $out"
# --baseline takes a JSON report, of either version.
out=$(ist --baseline="$work/old.json" "$work/base.o"); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "$n suppressed by the baseline" && ok "--baseline with a JSON report" ||
	bad "--baseline report: exit $rc: $out"
out=$(ist --baseline="$v1r" "$work/base.o"); rc=$?
[ $rc -eq 1 ] && ! echo "$out" | grep 'error:' | grep -q "\[cr3-balance\]\|\[spec-verw\]" &&
	echo "$out" | grep -q "error:.*\[spec-untrain\]" &&
	ok "--baseline with a version 1 report: its rules suppressed, the others reported" || bad "--baseline v1 report: exit $rc: $out"
# diff: baselines on either side, version 1 reports.
out=$("$ISTCHECK" diff "$v1b" "$work/old.json"); rc=$?
[ $rc -eq 0 ] && ok "diff: version 1 baseline against a report of the moved build: nothing new" || bad "diff v1 baseline: exit $rc: $out"
out=$("$ISTCHECK" diff "$work/b.json" "$work/new.json"); rc=$?
[ $rc -eq 1 ] && ! echo "$out" | grep 'error:' | grep -vq "\[stack-gap\]" &&
	ok "diff: baseline as OLD, the stack-gap findings only" || bad "diff baseline old: exit $rc: $out"
out=$("$ISTCHECK" diff "$v1r" "$work/b.json"); rc=$?
[ $rc -eq 1 ] && [ "$(echo "$out" | grep -c 'error:')" = 3 ] && ! echo "$out" | grep 'error:' | grep -q "\[cr3-balance\]\|\[spec-verw\]" &&
	ok "diff: version 1 report against a baseline as NEW: the three other rules" || bad "diff baseline new: exit $rc: $out"

# Broken files: exit 2, one line naming the file.
. "$SRCROOT/tests/lib.sh"
printf 'not json\n' > "$work/junk.json"
echo '{"baseline": 7, "findings": []}' > "$work/v7.json"
echo '{"baseline": 1, "findings": [{"rule": "stack-gap"}]}' > "$work/nofp.json"
expect_bad "baseline not JSON" "$work/junk.json" "not valid JSON" --baseline="$work/junk.json" "$work/base.o"
expect_bad "baseline of another version" "$work/v7.json" "not an istcheck baseline" --baseline="$work/v7.json" "$work/base.o"
expect_bad "baseline entry without fingerprint" "$work/nofp.json" "no valid fingerprint" --baseline="$work/nofp.json" "$work/base.o"
expect_bad "baseline missing" "$work/none.json" "cannot open: No such file or directory" --baseline="$work/none.json" "$work/base.o"
expect_bad "diff of a missing report" "$work/none.json" "cannot open: No such file or directory" diff "$work/none.json" "$work/new.json"
echo '{"version": 9, "results": []}' > "$work/r9.json"
expect_bad "report of another version" "$work/r9.json" "not an istcheck JSON report" --baseline="$work/r9.json" "$work/base.o"
out=$("$ISTCHECK" diff "$work/junk.json" "$work/new.json" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && [ "$(echo "$out" | grep -c .)" = 1 ] && ok "diff of a broken report: exit 2" || bad "diff broken: $rc $out"
[ "$fail" = 0 ] && exit 0 || exit 1
