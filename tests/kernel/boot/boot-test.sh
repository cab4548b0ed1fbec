#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# boot-test.sh INIT INITRD: the entry-boot kernel (tests/kernel/build-corpus.sh boot) boots under
# QEMU with the static init as its user space, PTI on and off, FSGSBASE on and off; the init's
# workload passes (every GPR, RFLAGS, the FS base and the GS base intact after SYSCALL, int3,
# single-step #DB and #GP; one int3, three #DB, one #GP per iteration) and the kernel's NMI and
# MCE counts stay 0 (nothing injects here); the init powers the machine off.
init=${1:?usage: boot-test.sh INIT INITRD}
initrd=${2:?usage: boot-test.sh INIT INITRD}
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
kernel=$cache/entry-boot/vmlinux
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	echo "SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)"
	exit 77
fi
[ -f "$kernel" ] || { echo "SKIP: no entry-boot kernel at $kernel (tests/kernel/build-corpus.sh boot)"; exit 77; }
iters=4
want="init: counts iters=$iters syscall=$iters int3=$iters db=$((iters * 3)) gp=$iters nmi=0 mce=0"
fail=0
for opts in "pti=on" "pti=off" "pti=on nofsgsbase" "pti=off nofsgsbase"; do
	t0=$(date +%s.%N)
	out=$(timeout 120 qemu-system-x86_64 -machine pc -cpu max,vendor=GenuineIntel -m 256M \
		-display none -no-reboot -nodefaults -kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 oops=panic nokaslr iters=$iters $opts" \
		-serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04 2>&1 | tr -d '\r')
	status=$?
	secs=$(echo "$(date +%s.%N) - $t0" | bc)
	if ! printf '%s\n' "$out" | grep -qxF "$want" ||
	   ! printf '%s\n' "$out" | grep -qx "init: result ok" ||
	   ! printf '%s\n' "$out" | grep -q "reboot: Power down" ||
	   printf '%s\n' "$out" | grep -qE "Kernel panic|Oops|BUG:|WARNING:|Call Trace"; then
		echo "FAIL $opts: want '$want', 'init: result ok' and a power-off (status $status):"
		printf '%s\n' "$out" | tail -40 | sed 's/^/  /'
		fail=1
	else
		printf 'ok   %s (%.1fs)\n' "$opts" "$secs"
	fi
done
exit $fail
