#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh ELF [CMDLINE [QEMU ARGS...]]: boot the testbed image once under TCG, serial on stdout.
# CMDLINE: features=a,b,... (atomic_ist pti ibrs unret clear_cpu_buf clear_bhb fence_swapgs;
# default atomic_ist), iters=N, df=fixture (the fixture's #DF handler, which halts, instead of the
# testbed's, which reports).  QEMU exits 33 when the workload passed, 35 when it failed, 0 on a
# triple fault (-no-reboot).  Extra arguments go to QEMU: -d int,cpu_reset -D LOG, -s -S, -qmp ...
elf=${1:?usage: run.sh ELF [CMDLINE [QEMU ARGS...]]}
cmdline=${2-features=atomic_ist}
[ $# -ge 2 ] && shift 2 || shift $#
exec qemu-system-x86_64 -machine pc -cpu max -m 64M -display none -no-reboot -nodefaults \
	-kernel "$elf" -append "$cmdline" -serial stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
