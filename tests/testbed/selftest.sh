#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# selftest.sh: the workload's checks are not vacuous.  Each case builds the reference entry with
# one deliberate fault (the fixture copied, one line added), links it with link.sh and boots it:
# the testbed must fail, with the event and register, or the count, the fault breaks.
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../fixtures
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	echo "SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# case NAME LINE INSERTED-AFTER-IT EXPECTED-OUTPUT-LINE
case_() {
	name=$1 line=$2 insert=$3 expect=$4
	d=$tmp/$(echo "$name" | tr -c 'a-z0-9\n' _)
	mkdir -p "$d" && cp -r "$fixtures/ref_entry" "$fixtures/kasm.h" "$d/"
	n=$(grep -cxF "$line" "$d/ref_entry/ref_entry.S")
	if [ "$n" != 1 ]; then
		echo "FAIL $name: '$line' occurs $n times in ref_entry.S, want once"
		fail=1
		return
	fi
	awk -v l="$line" -v i="$insert" '{ print } $0 == l { print i }' "$fixtures/ref_entry/ref_entry.S" \
		>"$d/ref_entry/ref_entry.S"
	if ! sh "$d/ref_entry/build.sh" "$d/ref_entry" "$d/ref.o" ||
	   ! sh "$here/link.sh" "$d/ref.o" "$d/testbed.elf"; then
		echo "FAIL $name: does not build"
		fail=1
		return
	fi
	out=$(timeout 30 "$here/run.sh" "$d/testbed.elf" "features=atomic_ist,pti iters=2" 2>&1)
	status=$?
	if [ $status -ne 35 ] || ! printf '%s\n' "$out" | grep -qxF "$expect"; then
		echo "FAIL $name: QEMU exit status $status (want 35), want the line '$expect':"
		printf '%s\n' "$out" | sed 's/^/  /'
		fail=1
	else
		echo "ok $name: $expect"
	fi
}

tab=$(printf '\t')
case_ "SYSRET path clobbers R12" "ref_entry_SYSRETQ_unsafe_stack:" "${tab}xorl${tab}%r12d, %r12d" \
	"FAIL iter=0 event=syscall reg=r12 got=0 want=5a0ca5000000"
case_ "IRET-to-user path corrupts saved R13" "SYM_CODE(ref_return_to_user_iret)" \
	"${tab}incq${tab}R13(%rsp)" "FAIL iter=0 event=gp reg=r13 got=5a0da5000001 want=5a0da5000000"
case_ "aIST commit corrupts saved R9 (six single-steps)" "ref_aist_committed:" "${tab}incq${tab}R9(%rsp)" \
	"FAIL iter=0 event=db reg=r9 got=5a09a5000006 want=5a09a5000000"
case_ "aIST handler runs twice" "${tab}call${tab}ref_aist_handler" \
	"${tab}movq${tab}%rsp, %rdi; movq${tab}\$0x100000000, %rsi; call${tab}ref_aist_handler" \
	"FAIL counts: db=24 want=12"
exit $fail
