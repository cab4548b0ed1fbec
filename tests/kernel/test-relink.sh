#!/usr/bin/env bash
# Fingerprints survive a relink and a kernel update: the final links of two consecutive stable
# releases of Debian's 6.12 kernel (debian/vmlinux-6.12 and the release before it, -prev: the
# same configuration, nearly the same code, every call and RIP-relative displacement moved by
# the layout) have the same findings, and `istcheck diff` says 0 new and 0 gone either way,
# under both contracts.  The version 2 (byte) fingerprints, which hashed those displacements,
# are shown to differ, or the test would prove nothing.
source "$(dirname "$0")/lib.sh"
cur=$cache/debian/vmlinux-6.12 prev=$cache/debian/vmlinux-6.12-prev
need "$cur" "$prev"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
release() { strings -n 20 "$1" | awk '/^Linux version / && !b { b = $3 } END { print b }'; }
echo "releases: $(release "$prev") and $(release "$cur")"
[ "$(release "$prev")" != "$(release "$cur")" ] || { bad "the two kernels are the same release"; exit 1; }

for contract in linux aist; do
	for k in prev cur; do
		"$ISTCHECK" --contract=$contract --fail-on=none --format=json -o "$work/$k-$contract.json" "${!k}" ||
			{ bad "$contract: istcheck failed on $k"; continue 2; }
	done
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$work/cur-$contract.json")
	[ "$n" -gt 0 ] && ok "$contract: $n findings to match" || bad "$contract: no finding: nothing to match"
	out=$("$ISTCHECK" diff "$work/prev-$contract.json" "$work/cur-$contract.json"); rc=$?
	echo "$out" | tail -1
	[ $rc -eq 0 ] && echo "$out" | grep -q ': 0 new findings in .*, 0 gone from ' &&
		ok "$contract: prev -> cur: 0 new, 0 gone" || bad "$contract: prev -> cur: exit $rc: $out"
	out=$("$ISTCHECK" diff "$work/cur-$contract.json" "$work/prev-$contract.json"); rc=$?
	[ $rc -eq 0 ] && echo "$out" | grep -q ': 0 new findings in .*, 0 gone from ' &&
		ok "$contract: cur -> prev: 0 new, 0 gone" || bad "$contract: cur -> prev: exit $rc: $out"
	# The byte fingerprints of the same findings differ for some: the layout did move them.
	moved=$(python3 - "$work/prev-$contract.json" "$work/cur-$contract.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["results"] for p in sys.argv[1:3])
fa = {r["fingerprint"]: r["byte_fingerprint"] for r in a}
print(sum(1 for r in b if r["fingerprint"] in fa and fa[r["fingerprint"]] != r["byte_fingerprint"]))
PY
)
	[ "$moved" -gt 0 ] && ok "$contract: $moved of them have other bytes in the two links (version 2 would call them new)" ||
		echo "note $contract: no finding's bytes moved between these two releases"
	# A baseline written on one release suppresses every finding of the other.
	"$ISTCHECK" --contract=$contract --write-baseline="$work/base-$contract.json" "$prev" >/dev/null
	out=$("$ISTCHECK" --contract=$contract --baseline="$work/base-$contract.json" "$cur" 2>&1); rc=$?
	echo "$out" | tail -1 | grep -q ", 0 errors, 0 warnings, $n suppressed by the baseline" &&
		ok "$contract: the older release's baseline suppresses all $n" || bad "$contract: baseline: exit $rc: $(echo "$out" | tail -1)"
done
exit $fail
