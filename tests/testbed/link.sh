#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# link.sh REF_OBJ OUT: the testbed image around a reference entry object, unchanged (the built
# fixture or a mutant of it).  CMake builds testbed.elf with this script too, so a mutant's image
# is linked exactly as the tested one.  The testbed's own code gets the fixture's kernel-style
# flags (tests/fixtures/ref_entry/kflags.sh): it shares the kernel code model and return thunks.
set -e
ref=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../fixtures
cc=${REF_CC:-gcc}
. "$fixtures/ref_entry/kflags.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in boot.S user.S; do
	$cc -c -I"$fixtures" -I"$here" "$here/$s" -o "$tmp/${s%.S}.o"
done
for c in testbed.c alternatives.c; do
	$cc $kflags -I"$fixtures" -I"$here" -c "$here/$c" -o "$tmp/${c%.c}.o"
done
${LD:-ld} -nostdlib -static -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments \
	-T "$here/testbed.lds" -o "$out" "$tmp/boot.o" "$tmp/testbed.o" "$tmp/alternatives.o" \
	"$tmp/user.o" "$ref"
