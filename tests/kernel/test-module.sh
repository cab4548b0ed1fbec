#!/usr/bin/env bash
# Modules: objtool never noinstr-checks them (Kbuild passes no --noinstr for modules).  istcheck
# checks a module's object with its instrumentation markers, and on the linked .ko (whose
# linker script drops every .discard.* section) it says in a note what it cannot check.
# The module is built out of tree, in a temp dir, against the corpus tree.
source "$(dirname "$0")/lib.sh"
tree=$cache/entry-tiny/linux
[ -f "$tree/scripts/module.lds" ] || { echo "skip: no prepared kernel tree at $tree"; exit 77; }
fail=0

cat > "$work/noinstr_mod.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/instrumentation.h>

noinline void istcheck_mod_helper(void)
{
	barrier();
}

/* The first call leaves noinstr text; the second is inside an instrumentation region. */
noinstr void istcheck_mod_noinstr(void)
{
	istcheck_mod_helper();
	instrumentation_begin();
	istcheck_mod_helper();
	instrumentation_end();
}
EXPORT_SYMBOL_GPL(istcheck_mod_noinstr);

MODULE_LICENSE("GPL");
C
echo 'obj-m := noinstr_mod.o' > "$work/Makefile"
# No Module.symvers for a vmlinux-only build: unresolved symbols are warnings, not errors.
make -s -C "$tree" M="$work" KBUILD_MODPOST_WARN=1 modules >"$work/build.log" 2>&1 ||
	{ echo "FAIL: module build"; tail -20 "$work/build.log"; exit 1; }

report() { "$ISTCHECK" --format=json "$1" | python3 -c 'import json,sys
d = json.load(sys.stdin)
for r in d["results"]: print("finding", r["rule"], r["symbol"], r["callee"])
for n in d["notes"]: print("note", n["message"])'; }

obj=$(report "$work/noinstr_mod.o")
want="finding noinstr-call istcheck_mod_noinstr istcheck_mod_helper"
if [ "$obj" = "$want" ]; then echo "ok   noinstr_mod.o: $obj"; else
	echo "FAIL noinstr_mod.o: got '$obj', want '$want'"; fail=1; fi

ko=$(report "$work/noinstr_mod.ko")
if [[ "$ko" == "note no instrumentation markers: 1 noinstr C functions not checked"* ]] &&
   [ "$(grep -c . <<<"$ko")" = 1 ]; then echo "ok   noinstr_mod.ko: $ko"; else
	echo "FAIL noinstr_mod.ko: got '$ko'"; fail=1; fi

# Compressed as modules_install compresses them (scripts/Makefile.modinst: Debian ships .ko.xz):
# istcheck inflates each (src/elf/decompress.c), and the JSON report, DWARF locations included,
# is the one of the plain file once the input's name is put back.
for f in noinstr_mod.o noinstr_mod.ko; do
	want=$("$ISTCHECK" --format=json "$work/$f")
	for c in "xz --check=crc32 --lzma2=dict=1MiB:xz" "gzip -n:gz" "zstd -q:zst"; do
		cmd=${c%:*} ext=${c##*:}
		$cmd -c "$work/$f" > "$work/$f.$ext" || { echo "FAIL: $cmd"; fail=1; continue; }
		got=$("$ISTCHECK" --format=json "$work/$f.$ext" 2>&1)
		if [ "${got//"$f.$ext"/"$f"}" = "$want" ]; then
			echo "ok   $f.$ext: same report as $f ($(grep -c '"rule"' <<<"$got") results)"
		else
			echo "FAIL $f.$ext: report differs from $f's"
			diff <(echo "$want") <(echo "${got//"$f.$ext"/"$f"}") | head -10
			fail=1
		fi
	done
done
exit $fail
