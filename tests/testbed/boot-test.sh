#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# boot-test.sh ELF: the testbed boots and its workload passes with the NMI in both variants (atomic
# IST and classic), PTI on and off, and with every mitigation patched in; the fixture's counters
# show each event handled exactly once per iteration and no NMI or #MC (nothing injects here).
here=$(cd "$(dirname "$0")" && pwd)
elf=${1:?usage: boot-test.sh ELF}
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	echo "SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)"
	exit 77
fi
iters=4
db=$(sed -n 's/^#define DB_PER_ITER[[:space:]]*\([0-9]*\).*/\1/p' "$here/testbed.h")
want="counts: syscall=$iters nmi=0 db=$((iters * db)) mc=0 gp=$iters"
fail=0
for features in atomic_ist atomic_ist,pti "" pti \
		atomic_ist,pti,ibrs,unret,clear_cpu_buf,clear_bhb,fence_swapgs; do
	out=$(timeout 30 "$here/run.sh" "$elf" "features=$features iters=$iters" 2>&1)
	status=$?
	if [ $status -ne 33 ] || ! printf '%s\n' "$out" | grep -qx "result: ok" ||
	   ! printf '%s\n' "$out" | grep -qxF "$want"; then
		echo "FAIL features=$features: QEMU exit status $status (want 33), want '$want' and 'result: ok':"
		printf '%s\n' "$out" | sed 's/^/  /'
		fail=1
	else
		echo "ok features=$features"
	fi
done
exit $fail
