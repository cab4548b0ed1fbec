#!/usr/bin/env bash
# Mainline under the atomic-IST contract: on the unmodified entry-tiny vmlinux.o (and the entry-boot
# one, the kernel tests/kernel/inject-mainline.py boots), --contract=aist
# reports exactly the reviewed IST reentrance hazards of aist-mainline-expected.txt (one line per
# rule, symbol+offset and message; the variants a hazard occurs in are folded), each explained
# there against the RFC's analysis.
source "$(dirname "$0")/lib.sh"
[ -f "$cache/entry-tiny/vmlinux.o" ] || { echo "skip: no kernel corpus at $cache"; exit 77; }

grep -v '^#' "$here/aist-mainline-expected.txt" | grep . | sort -u >"$work/want"
fail=0

# check NAME VMLINUX.O: --contract=aist reports exactly the reviewed hazards
check() {
	local name=$1 file=$2 rc
	[ -f "$file" ] || { echo "skip $name: $file missing"; return; }
	"$ISTCHECK" --contract=aist --format=json -o "$work/r.json" "$file" 2>"$work/err"
	rc=$?
	[ $rc -eq 1 ] && [ ! -s "$work/err" ] ||
		{ echo "FAIL $name: exit $rc (want 1): $(cat "$work/err")"; fail=1; return; }
	python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    at = "%s+%s" % (r["symbol"], r["offset"]) if r["symbol"] else "%s+%s" % (r["section"], r["section_offset"])
    loc = r["location"] or {}
    for msg in {v["message"] for v in r["variants"]} or {r["message"]}:
        print("%s\t%s\t%s:%s\t%s" % (r["rule"], at, loc.get("file"), loc.get("line"), msg))' "$work/r.json" | sort -u >"$work/got"
	if diff -u "$work/want" "$work/got"; then
		echo "ok   $name: the $(wc -l <"$work/want") reviewed aist hazards, no others"
	else
		echo "FAIL $name: the aist findings differ from aist-mainline-expected.txt"
		fail=1
	fi
}

check "entry-tiny vmlinux.o" "$cache/entry-tiny/vmlinux.o"
# The booted kernel of tests/kernel/inject-mainline.py: the injections' table is about these.
check "entry-boot vmlinux.o" "$cache/entry-boot/vmlinux.o"
exit $fail
