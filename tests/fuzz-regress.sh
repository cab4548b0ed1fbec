#!/usr/bin/env bash
# Inputs that crashed a fuzz/ harness: each must now give exit 2 and exactly one line on stderr
# naming the file and the problem, nothing on stdout, and no crash.  The inputs are made here from
# the fixture objects by patching bytes; no crashing binary is committed.
set -u
: "${ISTCHECK:?}" "${FIXTURES:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0

here=$(dirname "$0")
. "$here/lib.sh"
shdr_patch() { python3 "$here/elfpatch.py" shdr "$@"; }
rela_patch() { python3 "$here/elfpatch.py" rela "$@"; }

# Corrupt but harmless to the analysis (DWARF lines, a wild branch target): the run goes on.
# Exit 1 (the fixture's findings), a report on stdout, nothing on stderr.  Undefined behaviour
# is caught when the suite runs in the ASan + UBSan build.
expect_findings() {
	local name=$1 file=$2 out err rc
	n=$((n + 1))
	out=$("$ISTCHECK" "$file" 2>"$work/err")
	rc=$?
	err=$(cat "$work/err")
	if [ $rc -ne 1 ] || [ -z "$out" ] || [ -n "$err" ]; then
		echo "FAIL $name: exit $rc, stdout '${out:0:80}', stderr '${err:0:300}' (want exit 1, a report)"
		fail=$((fail + 1))
	else
		echo "ok   $name: exit 1, $(printf '%s\n' "$out" | wc -l) report lines"
	fi
}

# fuzz_elf: .discard.annotate_insn as SHT_NOBITS has no bytes; read_annotate_insn() read them
# through a NULL section pointer (SIGSEGV).
shdr_patch "$FIXTURES/annotate_insn.o" "$work/annotate-nobits.o" .discard.annotate_insn 4 '<I' 8
expect_bad "NOBITS .discard.annotate_insn" "$work/annotate-nobits.o" "annotate_insn has no contents"

# .rela.debug_line: an R_X86_64_64 at r_offset 2^64 - 8 passed `r_offset + 8 <= size` by
# wrapping around, and apply_reloc() wrote 8 bytes in front of .debug_line, here moved to file
# offset 0: in front of the mapping (SIGSEGV).
shdr_patch "$FIXTURES/noinstr_bad_g.o" "$work/line-at-0.o" .debug_line 24 '<Q' 0
rela_patch "$work/line-at-0.o" "$work/line-reloc-wrap.o" .rela.debug_line 1 0 0xfffffffffffffff8
expect_findings "wrapping .rela.debug_line offset" "$work/line-reloc-wrap.o"

# fuzz_elf: a call's R_X86_64_PLT32 addend of 2^63 - 4 overflowed int64_t in resolve_reloc()
# (UBSan: signed integer overflow).
rela_patch "$FIXTURES/noinstr_bad.o" "$work/addend-max.o" .rela.noinstr.text 4 16 0x7ffffffffffffffc
expect_findings "branch relocation addend near INT64_MAX" "$work/addend-max.o"

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
