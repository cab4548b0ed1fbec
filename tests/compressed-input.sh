#!/usr/bin/env bash
# Compressed kernel modules (.ko.xz as Debian ships them, .ko.gz, .ko.zst): the report is the one
# of the uncompressed file, DWARF source lines included.  Each fixture is compressed here; only
# the input's name may differ between the two reports.  istcheck inflates them itself (zlib,
# libbz2, liblzma, libzstd), with a bound: a stream that inflates to more than 1024 times its
# size is refused, in milliseconds, as no object.
set -u
: "${ISTCHECK:?}" "${FIXTURES:?}" "${SRCROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0

# same_report NAME FILE FORMAT: the report on FILE.EXT equals the one on FILE, once FILE.EXT is
# renamed back to FILE in it; exit status too.
same_report() {
	local name=$1 plain=$2 packed=$3 fmt=$4 want got rc_want rc_got
	n=$((n + 1))
	want=$("$ISTCHECK" --srcroot="$SRCROOT" --format="$fmt" "$plain" 2>&1); rc_want=$?
	got=$("$ISTCHECK" --srcroot="$SRCROOT" --format="$fmt" "$packed" 2>&1); rc_got=$?
	got=${got//"$packed"/"$plain"}
	got=${got//"$(basename "$packed")"/"$(basename "$plain")"}
	if [ "$rc_got" != "$rc_want" ] || [ "$got" != "$want" ]; then
		echo "FAIL $name ($fmt): exit $rc_got, want $rc_want"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -20
		fail=$((fail + 1))
	else
		echo "ok   $name ($fmt): $(grep -c . <<<"$got") lines, exit $rc_got"
	fi
}

# The DWARF fixture: text lines are file:line, which needs .debug_line read from the image.
cp "$FIXTURES/noinstr_bad_g.o" "$work/bad.ko"
cp "$FIXTURES/mini_entry.o" "$work/mini.ko"
grep -q 'noinstr_bad\.S:[0-9]' <("$ISTCHECK" --srcroot="$SRCROOT" "$work/bad.ko" 2>&1) ||
	{ echo "FAIL: the fixture's findings have no source lines"; exit 1; }
for tool in "xz:xz" "gzip:gz" "zstd:zst" "bzip2:bz2"; do
	prog=${tool%%:*} ext=${tool#*:}
	if ! command -v "$prog" >/dev/null; then
		echo "FAIL: $prog is not installed (README: the quick start installs it)"
		fail=$((fail + 1))
		continue
	fi
	for f in bad mini; do
		"$prog" -c "$work/$f.ko" > "$work/$f.ko.$ext"
		for fmt in text json sarif; do
			same_report "$f.ko.$ext" "$work/$f.ko" "$work/$f.ko.$ext" "$fmt"
		done
	done
done

# Broken compressed files: exit 2, one line naming the file (lib.sh's expect_bad).
. "$(dirname "$0")/lib.sh"
xz -c "$work/bad.ko" | head -c 300 > "$work/trunc.ko.xz"
expect_bad "truncated .xz" "$work/trunc.ko.xz" "cannot decompress: corrupt or truncated xz data"
xz -c "$work/bad.ko" > "$work/corrupt.ko.xz"
printf '\xff\xff\xff\xff' | dd of="$work/corrupt.ko.xz" bs=1 seek=100 conv=notrunc status=none
expect_bad "corrupt .xz" "$work/corrupt.ko.xz" "cannot decompress: corrupt or truncated xz data"
gzip -c "$work/bad.ko" | head -c 300 > "$work/trunc.ko.gz"
expect_bad "truncated .gz" "$work/trunc.ko.gz" "cannot decompress: corrupt or truncated gzip data"
printf 'not an object\n' | xz -c > "$work/text.ko.xz"
expect_bad "compressed text" "$work/text.ko.xz" "not an ELF file \(after xz decompression\)"
printf 'not an object\n' | gzip -c > "$work/text.ko.gz"
expect_bad "compressed text (gzip)" "$work/text.ko.gz" "not an ELF file \(after gzip decompression\)"
: | xz -c > "$work/empty.ko.xz"
expect_bad "compressed empty file" "$work/empty.ko.xz" "decompressed nothing from this xz file"
# Compression bombs (the fuzzers found a 50 KiB bzip2 stream that kept elfutils busy for
# minutes): 64 MiB of zeros, in every format, is refused by its ratio.
for tool in "xz:xz" "gzip:gz" "zstd:zst" "bzip2:bz2"; do
	prog=${tool%%:*} ext=${tool#*:}
	head -c 64M /dev/zero | "$prog" -c > "$work/bomb.$ext"
	expect_bad "$prog bomb" "$work/bomb.$ext" "$prog data inflates to more than 1024 times its [0-9]+ bytes"
done
# A cut stream of each format: one line, exit 2.
for tool in "bzip2:bz2" "zstd:zst"; do
	prog=${tool%%:*} ext=${tool#*:}
	"$prog" -c "$work/bad.ko" | head -c 300 > "$work/trunc.ko.$ext"
	expect_bad "truncated .$ext" "$work/trunc.ko.$ext" "cannot decompress: corrupt or truncated $prog data"
done
# Concatenated streams are one file, as the tools write them (gzip -c a b).
for tool in "xz:xz" "gzip:gz" "zstd:zst" "bzip2:bz2"; do
	prog=${tool%%:*} ext=${tool#*:}
	head -c 1000 "$work/bad.ko" | "$prog" -c > "$work/cat.ko.$ext"
	tail -c +1001 "$work/bad.ko" | "$prog" -c >> "$work/cat.ko.$ext"
	same_report "concatenated .$ext" "$work/bad.ko" "$work/cat.ko.$ext" text
done
# A compressed object with a broken header: the checks after decompression still run.
cp "$work/bad.ko" "$work/machine.ko"
printf '\x28\x00' | dd of="$work/machine.ko" bs=1 seek=18 conv=notrunc status=none
xz -c "$work/machine.ko" > "$work/machine.ko.xz"
expect_bad "compressed wrong machine" "$work/machine.ko.xz" "wrong machine"

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
