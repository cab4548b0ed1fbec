#!/usr/bin/env bash
# Every class of bad input must give exit 2 and exactly one line on stderr that names the file
# and the problem, and nothing on stdout (no partial report).  The inputs are made here from a
# good fixture object by truncating or patching it.
set -u
: "${ISTCHECK:?}" "${FIXTURE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0

# patch FILE OFFSET HEXBYTES: overwrite bytes in place
patch() { printf "$(echo "$3" | sed 's/../\\x&/g')" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
# shdr_off FILE INDEX FIELD_OFFSET: file offset of a field of section header INDEX
shdr_off() { python3 -c "import struct,sys;d=open('$1','rb').read();sh=struct.unpack_from('<Q',d,0x28)[0];print(sh+$2*64+$3)"; }
sec_index() { readelf -SW "$1" | sed -n "s/^ *\[ *\([0-9]*\)\] $2 .*/\1/p" | head -1; }

. "$(dirname "$0")/lib.sh"

# Every run under a timeout: an input that blocks (a FIFO) must fail the test, not hang it.
printf '#!/bin/sh\nexec timeout 10 "%s" "$@"\n' "$ISTCHECK" > "$work/istcheck"
chmod +x "$work/istcheck"
ISTCHECK=$work/istcheck

good=$work/good.o
cp "$FIXTURE" "$good"

printf 'hello, not an object\n' > "$work/text.txt"
expect_bad "not ELF" "$work/text.txt" "not an ELF file"

: > "$work/empty.o"
expect_bad "empty file" "$work/empty.o" "not an ELF file"

mkdir "$work/dir.o"
expect_bad "directory" "$work/dir.o" "is a directory"

expect_bad "missing file" "$work/missing.o" "cannot open"

# Not regular files: refused before any open that could block (a FIFO without a writer) or read
# forever (/dev/zero).
mkfifo "$work/fifo.o"
expect_bad "FIFO" "$work/fifo.o" "not a regular file \(a FIFO\)"
expect_bad "character device" /dev/zero "not a regular file \(a character device\)"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$work/socket.o"
expect_bad "socket" "$work/socket.o" "not a regular file \(a socket\)"
ln -s fifo.o "$work/fifo-link.o"
expect_bad "symlink to a FIFO" "$work/fifo-link.o" "not a regular file \(a FIFO\)"

cp "$good" "$work/unreadable.o"; chmod 000 "$work/unreadable.o"
if [ "$(id -u)" != 0 ]; then expect_bad "unreadable" "$work/unreadable.o" "cannot open"; fi

cp "$good" "$work/machine.o"; patch "$work/machine.o" 18 "2800"	# e_machine = EM_ARM
expect_bad "wrong machine" "$work/machine.o" "wrong machine"

cp "$good" "$work/class.o"; patch "$work/class.o" 4 "01"	# ELFCLASS32
expect_bad "32-bit" "$work/class.o" "64-bit"

head -c 200 "$good" > "$work/trunc-hdr.o"
expect_bad "truncated before section headers" "$work/trunc-hdr.o" "past the end|truncated"

size=$(stat -c %s "$good")
shoff=$(python3 -c "import struct;print(struct.unpack_from('<Q',open('$good','rb').read(),0x28)[0])")
head -c "$((shoff + 64 * 3))" "$good" > "$work/trunc-shdr.o"
expect_bad "truncated section header table" "$work/trunc-shdr.o" "past the end|truncated"

idx=$(sec_index "$good" .entry.text)
cp "$good" "$work/secoff.o"; patch "$work/secoff.o" "$(shdr_off "$good" "$idx" 24)" "00000000ff000000"
expect_bad "section offset past the end" "$work/secoff.o" "\.entry\.text.*past the end"

idx=$(sec_index "$good" .symtab)
cp "$good" "$work/nosym.o"; patch "$work/nosym.o" "$(shdr_off "$good" "$idx" 4)" "01000000"	# SHT_PROGBITS
expect_bad "missing symtab" "$work/nosym.o" "no symbol table"

# Symbol 1's st_shndx pointing past the section table, st_value past its section.
symoff=$(python3 -c "import struct;d=open('$good','rb').read();sh=struct.unpack_from('<Q',d,0x28)[0];print(struct.unpack_from('<Q',d,sh+$idx*64+24)[0])")
cp "$good" "$work/symsec.o"; patch "$work/symsec.o" "$((symoff + 24 + 6))" "00fe"
expect_bad "symbol section index" "$work/symsec.o" "refers to section"
python3 - "$good" "$work/symval.o" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', d, 0x28); shnum, = struct.unpack_from('<H', d, 0x3c)
for i in range(shnum):
    if struct.unpack_from('<I', d, shoff + i * 64 + 4)[0] == 2:	# SHT_SYMTAB
        off, size = struct.unpack_from('<QQ', d, shoff + i * 64 + 24)
        for s in range(1, size // 24):
            e = off + s * 24
            if struct.unpack_from('<H', d, e + 6)[0] not in (0, 0xfff1) and d[e + 4] & 0xf == 2:
                struct.pack_into('<Q', d, e + 8, 0x7fffffff)	# a FUNC's st_value
                break
open(sys.argv[2], 'wb').write(d)
PY
expect_bad "symbol value past its section" "$work/symval.o" "past the end of section"

idx=$(sec_index "$good" .altinstructions)
cp "$good" "$work/altsize.o"; patch "$work/altsize.o" "$(shdr_off "$good" "$idx" 32)" "0d00000000000000"
expect_bad "corrupt .altinstructions size" "$work/altsize.o" "altinstructions"
altoff=$(python3 -c "import struct;d=open('$good','rb').read();sh=struct.unpack_from('<Q',d,0x28)[0];print(struct.unpack_from('<Q',d,sh+$idx*64+24)[0])")
cp "$good" "$work/altfeat.o"; patch "$work/altfeat.o" "$((altoff + 8))" "ffff"
expect_bad "corrupt .altinstructions feature" "$work/altfeat.o" "altinstructions record 0"
cp "$good" "$work/altlen.o"; patch "$work/altlen.o" "$((altoff + 12))" "ff"
expect_bad "corrupt .altinstructions length" "$work/altlen.o" "altinstructions record 0"

idx=$(sec_index "$good" __jump_table)
cp "$good" "$work/jumpsize.o"; patch "$work/jumpsize.o" "$(shdr_off "$good" "$idx" 32)" "0c00000000000000"
expect_bad "corrupt __jump_table size" "$work/jumpsize.o" "__jump_table"

idx=$(sec_index "$good" .rela__jump_table)
cp "$good" "$work/jumprel.o"
reloff=$(python3 -c "import struct;d=open('$good','rb').read();sh=struct.unpack_from('<Q',d,0x28)[0];print(struct.unpack_from('<Q',d,sh+$idx*64+24)[0])")
patch "$work/jumprel.o" "$((reloff + 8 + 4))" "ffffff00"	# r_sym of the first relocation
expect_bad "relocation to a missing symbol" "$work/jumprel.o" "refers to symbol"

idx=$(sec_index "$good" __ex_table)
cp "$good" "$work/exsize.o"; patch "$work/exsize.o" "$(shdr_off "$good" "$idx" 32)" "0700000000000000"
expect_bad "corrupt __ex_table size" "$work/exsize.o" "__ex_table"

# A huge section count in the ELF header.
cp "$good" "$work/shnum.o"; patch "$work/shnum.o" 60 "ffff"
expect_bad "huge section count" "$work/shnum.o" "past the end|absurd|corrupt"

# A broken entry model (--model) is a usage error naming the model file.
printf '{ "version": 1, "name": ' > "$work/model-syntax.json"
expect_bad "model: not JSON" "$work/model-syntax.json" "model: line 1" --model="$work/model-syntax.json" "$good"
printf '{ "version": 1, "name": "x", "features": { "ibrs": "KERNEL_IBRS", "verw": "CLEAR_CPU_BUF" },
  "entries": [ { "symbol": "e", "kind": "syscall99" } ] }' > "$work/model-kind.json"
expect_bad "model: unknown entry kind" "$work/model-kind.json" "model: entries: .*kind" \
	--model="$work/model-kind.json" "$good"
printf '{ "version": 1, "name": "x", "features": { "ibrs": "KERNEL_IBRS", "verw": "CLEAR_CPU_BUF" },
  "entries": [ { "symbol": "e", "kind": "idt" } ],
  "exemptions": [ { "rule": "no-such-rule", "symbol": "e", "reason": "r" } ] }' > "$work/model-rule.json"
expect_bad "model: exemption of an unknown rule" "$work/model-rule.json" "unknown rule" \
	--model="$work/model-rule.json" "$good"
echo '{ "version": 1, "base": "linux-2.6", "name": "m" }' > "$work/model-base.json"
expect_bad "model: unknown base" "$work/model-base.json" "model: base: not the name of a built-in model" \
	--model="$work/model-base.json" "$good"
expect_bad "model: missing file" "$work/no-model.json" "model: cannot open" --model="$work/no-model.json" "$good"

# The model, the baseline and the reports diff reads are inputs too: a FIFO is refused, not
# waited on.
expect_bad "model: FIFO" "$work/fifo.o" "model: not a regular file \(a FIFO\)" --model="$work/fifo.o" "$good"
expect_bad "baseline: FIFO" "$work/fifo.o" "not a regular file \(a FIFO\)" --baseline="$work/fifo.o" "$good"
expect_bad "diff: FIFO" "$work/fifo.o" "not a regular file \(a FIFO\)" diff "$work/fifo.o" "$work/fifo.o"

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
