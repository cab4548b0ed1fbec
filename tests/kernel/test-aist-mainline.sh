#!/usr/bin/env bash
# Mainline under the atomic-IST contract: on the unmodified entry-tiny vmlinux.o, --contract=aist
# reports exactly the reviewed IST reentrance hazards of aist-mainline-expected.txt (one line per
# rule, symbol+offset and message; the variants a hazard occurs in are folded), each explained
# there against the RFC's analysis.
source "$(dirname "$0")/lib.sh"
[ -f "$cache/entry-tiny/vmlinux.o" ] || { echo "skip: no kernel corpus at $cache"; exit 77; }

"$ISTCHECK" --contract=aist --format=json -o "$work/r.json" "$cache/entry-tiny/vmlinux.o" 2>"$work/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$work/err" ] || { echo "FAIL: exit $rc (want 1): $(cat "$work/err")"; exit 1; }
python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    at = "%s+%s" % (r["symbol"], r["offset"]) if r["symbol"] else "%s+%s" % (r["section"], r["section_offset"])
    loc = r["location"] or {}
    for msg in {v["message"] for v in r["variants"]} or {r["message"]}:
        print("%s\t%s\t%s:%s\t%s" % (r["rule"], at, loc.get("file"), loc.get("line"), msg))' "$work/r.json" | sort -u >"$work/got"
grep -v '^#' "$here/aist-mainline-expected.txt" | grep . | sort -u >"$work/want"
if diff -u "$work/want" "$work/got"; then
	echo "ok   entry-tiny vmlinux.o: the $(wc -l <"$work/want") reviewed aist hazards, no others"
	exit 0
fi
echo "FAIL: the aist findings differ from aist-mainline-expected.txt"
exit 1
