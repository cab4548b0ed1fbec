#!/usr/bin/env bash
# The command line does what it says: every option is honoured or refused with one line (exit
# 2), never ignored; -W switches hold wherever they stand; --fail-on=note fails on notes; writing
# a baseline succeeds (exit 0) in a `set -e` recipe; "-" is standard output for -o and
# --write-baseline, and refused as an input, as objdump and readelf refuse it.
set -u
: "${ISTCHECK:?}" "${FIXTURES:?}" "${REF_OBJ:?}" "${MODEL:?}"
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every run in the temp dir: a binary that writes a file named "-" must not leave it elsewhere.
cd "$work"
fail=0 n=0

# run ARGS...: stdout in $work/out, stderr in $work/err, exit status in $rc.
run() {
	rc=0
	"$ISTCHECK" "$@" >"$work/out" 2>"$work/err" || rc=$?
}
status_is() { [ "$rc" = "$1" ]; }
out_has() { grep -qE -- "$1" "$work/out"; }
out_empty() { [ ! -s "$work/out" ]; }
missing() { [ ! -e "$1" ]; }

mini=$FIXTURES/mini_entry.o		# findings under its golden model
bad=$FIXTURES/noinstr_bad.o		# noinstr findings under the built-in model
m=(--model="$MODEL")

# --write-baseline records the findings: exit 0, the report printed as usual, its verdict "recorded in the baseline".
run "${m[@]}" --write-baseline="$work/b.json" "$mini"
expect "--write-baseline with findings: exit 0" status_is 0
expect "--write-baseline: the baseline lists them" grep -q '"fingerprint"' "$work/b.json"
expect "--write-baseline: the report printed as usual" out_has "error: .*\[spec-verw\]"
expect "--write-baseline: the verdict says what was done" out_has ": recorded in the baseline, 7 errors"
(set -e; "$ISTCHECK" "${m[@]}" --write-baseline=b2.json "$mini" >/dev/null; touch after)
expect "--write-baseline in a set -e recipe: the step after it runs" test -e "$work/after"

# --dump and --list-rules: -o honoured, --format and --write-baseline refused.
run --dump=sections "$REF_OBJ"
cp "$work/out" "$work/sections.txt"
run --dump=sections -o "$work/dump.txt" "$REF_OBJ"
expect "--dump -o: exit 0, nothing on stdout" eval 'status_is 0 && out_empty'
expect "--dump -o: the dump in the file" cmp -s "$work/sections.txt" "$work/dump.txt"
run --list-rules
cp "$work/out" "$work/rules.txt"
run --list-rules -o "$work/list.txt"
expect "--list-rules -o: exit 0, nothing on stdout" eval 'status_is 0 && out_empty'
expect "--list-rules -o: the list in the file" cmp -s "$work/rules.txt" "$work/list.txt"
echo "an older dump" >"$work/dump.txt"
cp "$work/dump.txt" "$work/dump.orig"
run --dump=cfg:no_such_function -o "$work/dump.txt" "$REF_OBJ"
expect "--dump -o, a dump that fails: exit 2" status_is 2
expect "--dump -o, a dump that fails: the old file kept" cmp -s "$work/dump.orig" "$work/dump.txt"
expect_bad "--dump --format=json" "--format=json" "does not apply to --dump=model" \
	--dump=model --format=json "$REF_OBJ"
expect_bad "--list-rules --format=sarif" "--format=sarif" "does not apply to --list-rules" \
	--list-rules --format=sarif
expect_bad "--dump --write-baseline" "--write-baseline" "does not apply to --dump=sections" \
	--dump=sections --write-baseline="$work/nb.json" "$REF_OBJ"
expect_bad "--list-rules --write-baseline" "--write-baseline" "does not apply to --list-rules" \
	--list-rules --write-baseline="$work/nb.json"
expect "--dump, --list-rules --write-baseline: no baseline written" missing "$work/nb.json"

# -W holds wherever it stands against --contract; of two switches for a rule the last wins.
run -Wno-noinstr-call --contract=noinstr "$bad"
cp "$work/out" "$work/w-before.txt"
expect "-Wno-noinstr-call before --contract: no noinstr-call" eval '! out_has "\[noinstr-call\]"'
expect "-Wno-noinstr-call before --contract: the other rules still run" out_has "\[noinstr-indirect\]"
run --contract=noinstr -Wno-noinstr-call "$bad"
expect "-W before or after --contract: the same report" cmp -s "$work/w-before.txt" "$work/out"
run -Wnoinstr-call --contract=aist "$bad"
expect "-Wnoinstr-call before --contract=aist: noinstr-call on" out_has "\[noinstr-call\]"
run -Wno-noinstr-call -Wnoinstr-call "$bad"
expect "-Wno-X -WX: the last wins" out_has "\[noinstr-call\]"

# --fail-on=note: a note fails the run (mini_vmlinux, a final link, has one note and no
# finding), but not the note that counts what the baseline suppressed.
noted=$FIXTURES/mini_vmlinux
run "$noted"
expect "a note, default --fail-on: exit 0" eval 'status_is 0 && out_has ": passed, 0 errors, 0 warnings, 1 note"'
run --fail-on=note "$noted"
expect "a note, --fail-on=note: exit 1" status_is 1
expect "a note, --fail-on=note: the verdict agrees" out_has ": failed, 0 errors, 0 warnings, 1 note"
run --fail-on=note --format=json "$noted"
expect "a note, --fail-on=note, JSON: failed" eval 'status_is 1 && out_has "\"result\": \"failed\""'
run "${m[@]}" --fail-on=note --baseline="$work/b.json" "$mini"
expect "--fail-on=note: the baseline's own note does not fail" status_is 0

# Messages that say what is wrong and what would be right.
: >"$work/not-a-dir"
expect_bad "--srcroot a file" "--srcroot=$work/not-a-dir" "not a directory" \
	--srcroot="$work/not-a-dir" "$REF_OBJ"
# A --srcroot shown to be another kernel's source is an error naming both versions, not a note
# and a summary that blames the missing markers; the binary's own tree is taken.
printf '\t.section .rodata\n\t.globl linux_banner\nlinux_banner:\n\t.asciz "Linux version 6.12.0 (cli) #1"\n\t.section .noinstr.text,"ax"\n\t.globl nf\nnf:\n\tret\n' >"$work/banner.S"
cc -c "$work/banner.S" -o "$work/banner.o"
mkdir -p "$work/linux-5.10" "$work/linux-6.12" "$work/notakernel"
printf 'VERSION = 5\nPATCHLEVEL = 10\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$work/linux-5.10/Makefile"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$work/linux-6.12/Makefile"
expect_bad "--srcroot of another version" "--srcroot=$work/linux-5.10 is not its source" \
	"the source tree is linux 5.10.0, the binary 6.12.0" --srcroot="$work/linux-5.10" "$work/banner.o"
expect_bad "--srcroot not a kernel tree" "--srcroot=$work/notakernel is not its source" \
	"not a kernel source tree" --srcroot="$work/notakernel" "$work/banner.o"
run --srcroot="$work/linux-6.12" "$work/banner.o"
expect "--srcroot of its own version: taken (exit 0)" status_is 0
run --srcroot="$work/linux-6.12" "$FIXTURES/noinstr_bad.o"
expect "--srcroot, an object with no linux_banner: a note, not an error" eval 'status_is 1 && ! grep -q . "$work/err"'
# A .debug_line that cannot be read (its version patched to 99) loses the lines, never silently:
# a note says which table and why.
python3 - "$FIXTURES/noinstr_bad_g.o" "$work/badline.o" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', d, 0x28)
shnum, shstr = struct.unpack_from('<HH', d, 0x3c)
stroff, = struct.unpack_from('<Q', d, shoff + shstr * 64 + 24)
for i in range(shnum):
    h = shoff + i * 64
    n, = struct.unpack_from('<I', d, h)
    if d[stroff + n:d.index(b'\0', stroff + n)] == b'.debug_line':
        off, = struct.unpack_from('<Q', d, h + 24)
        struct.pack_into('<H', d, off + 4, 99)
open(sys.argv[2], 'wb').write(d)
PY
run -v "$work/badline.o"
expect "corrupt .debug_line: a note says the lines are missing and why" \
	out_has "badline.o: note: istcheck: source lines missing, places given as symbol\+offset: \.debug_line: invalid DWARF version"
expect "corrupt .debug_line: the findings still reported, at symbol+offset" \
	eval 'status_is 1 && out_has "^[^ ]*badline.o: warning: istcheck: bad_call\+0x0: "'
expect_bad "--model an unknown name" "linux-6.2" \
	"not a built-in model \(linux-6.12, linux-6.1 or ref-entry\)" --model=linux-6.2 "$REF_OBJ"
expect_bad "--fail-on bogus" "bogus" "\(note, warning, error or none\)" --fail-on=bogus "$REF_OBJ"
expect_bad "diff after an option" "diff" "diff comes first and takes no options" \
	--format=json diff "$work/b.json" "$work/b.json"

# "-": standard output for -o and --write-baseline; no input is read from standard input.
run -o - "$REF_OBJ"
expect "-o -: the report on stdout" eval 'status_is 0 && out_has "^istcheck: .*: passed"'
expect "-o -: no file named -" missing "$work/-"
run "${m[@]}" --write-baseline=- -o "$work/r.txt" "$mini"
expect "--write-baseline=-: the baseline on stdout" eval 'status_is 0 && out_has "\"findings\""'
expect "--write-baseline=-: the report in -o" grep -q "\[spec-verw\]" "$work/r.txt"
expect "--write-baseline=-: no file named -" missing "$work/-"
expect_bad "--write-baseline=- and the report on stdout" "stdout" "needs the report written elsewhere" \
	"${m[@]}" --write-baseline=- "$mini"
rm -f -- "$work/-"
expect_bad "- as the input" "-" "standard input cannot be read; name the file" -
expect_bad "--model=-" "-" "model: standard input cannot be read" --model=- "$REF_OBJ"
expect_bad "--baseline=-" "-" "baseline: standard input cannot be read" --baseline=- "$REF_OBJ"
expect_bad "diff -" "-" "standard input cannot be read" diff - "$work/b.json"

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
