#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# boot-test.sh INIT INITRD [KERNEL [ARGS]]: the entry-boot kernel (tests/kernel/build-corpus.sh
# boot), or KERNEL (a path under the cache: aist/vmlinux), boots under QEMU with the static init as
# its user space and ARGS on its command line, PTI on and off, FSGSBASE on and off; the init's
# workload passes (every GPR, RFLAGS, the FS base and the GS base intact after SYSCALL, int3,
# single-step #DB and #GP; one int3, three #DB, one #GP per iteration) and the kernel's NMI and
# MCE counts stay 0 (nothing injects here); the init powers the machine off.  With atomic_ist=on
# in ARGS the kernel must say it runs atomic IST entry, and without it must not.
usage="usage: boot-test.sh INIT INITRD [KERNEL [ARGS]]"
init=${1:?$usage}
initrd=${2:?$usage}
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
kernel=$cache/${3:-entry-boot/vmlinux}
args=${4:-}
case " $args " in
*" atomic_ist=on "*) aist=yes ;;
*) aist=no ;;
esac
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	echo "SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)"
	exit 77
fi
[ -f "$kernel" ] || { echo "SKIP: no kernel at $kernel (tests/kernel/build-corpus.sh)"; exit 77; }
iters=4
want="init: counts iters=$iters syscall=$iters int3=$iters db=$((iters * 3)) gp=$iters nmi=0 mce=0"
fail=0
for opts in "pti=on" "pti=off" "pti=on nofsgsbase" "pti=off nofsgsbase"; do
	t0=$(date +%s.%N)
	out=$(timeout 120 qemu-system-x86_64 -machine pc -cpu max,vendor=GenuineIntel -m 256M \
		-display none -no-reboot -nodefaults -kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 oops=panic nokaslr iters=$iters $opts $args" \
		-serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04 2>&1 | tr -d '\r')
	status=$?
	secs=$(echo "$(date +%s.%N) - $t0" | bc)
	if ! printf '%s\n' "$out" | grep -qxF "$want" ||
	   ! printf '%s\n' "$out" | grep -qx "init: result ok" ||
	   ! printf '%s\n' "$out" | grep -q "reboot: Power down" ||
	   printf '%s\n' "$out" | grep -qE "Kernel panic|Oops|BUG:|WARNING:|Call Trace" ||
	   { printf '%s\n' "$out" | grep -q "x86/entry: atomic IST entry" && said=yes || said=no; [ $said != $aist ]; }; then
		echo "FAIL $opts $args: want '$want', 'init: result ok', a power-off and atomic IST $aist (status $status):"
		printf '%s\n' "$out" | tail -40 | sed 's/^/  /'
		fail=1
	else
		printf 'ok   %s %s(%.1fs)\n' "$opts" "${args:+$args }" "$secs"
	fi
done
exit $fail
