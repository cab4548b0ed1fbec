#!/usr/bin/env bash
# Clean kernels stay clean: on the unmodified entry-tiny vmlinux.o, vmlinux and entry_64.o, on the
# entry-boot vmlinux.o (the kernel tests/kernel/inject-mainline.py boots), and on
# the Debian 6.12 and 6.1 -dbg vmlinux, istcheck reports exactly the reviewed true findings of
# clean-expected.txt, finishes, and says in a note what a final link cannot check.
source "$(dirname "$0")/lib.sh"
[ -f "$cache/entry-tiny/vmlinux.o" ] || { echo "skip: no kernel corpus at $cache"; exit 77; }
expected=$(grep -v '^#' "$here/clean-expected.txt" | grep . | sort)
fail=0

# check NAME FILE WANT_NOTE: run, compare the findings with the expected set
check() {
	local name=$1 file=$2 want_note=$3 rc got
	[ -f "$file" ] || { echo "skip $name: $file missing"; return; }
	"$ISTCHECK" --format=json -o "$work/r.json" "$file" 2>"$work/err"
	rc=$?
	if [ $rc -gt 1 ] || [ -s "$work/err" ]; then
		echo "FAIL $name: exit $rc: $(cat "$work/err")"; fail=1; return
	fi
	got=$(python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]: print(r["rule"] + "\t" + r["message"])' "$work/r.json" | sort)
	if [ "$name" = entry_64.o ]; then
		# One object alone: the jmp's target is in another object, so it is a note, not a finding.
		[ -z "$got" ] && echo "ok   $name: no findings" || { echo "FAIL $name: $got"; fail=1; }
	elif [ "$got" = "$expected" ]; then
		echo "ok   $name: only the reviewed findings ($(printf '%s\n' "$got" | grep -c .))"
	else
		echo "FAIL $name: findings differ from clean-expected.txt"
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got")
		fail=1
	fi
	if [ "$want_note" = yes ] && ! grep -q "no instrumentation markers" "$work/r.json"; then
		echo "FAIL $name: no note about the missing instrumentation markers"; fail=1
	fi
}

check vmlinux.o "$cache/entry-tiny/vmlinux.o" no
check entry_64.o "$cache/entry-tiny/linux/arch/x86/entry/entry_64.o" no
check "entry-tiny vmlinux" "$cache/entry-tiny/vmlinux" yes
check "entry-boot vmlinux.o" "$cache/entry-boot/vmlinux.o" no
check "entry-boot vmlinux" "$cache/entry-boot/vmlinux" yes
check "Debian 6.12 vmlinux" "$cache/debian/vmlinux-6.12" yes
check "Debian 6.1 vmlinux" "$cache/debian/vmlinux-6.1" yes
exit $fail
