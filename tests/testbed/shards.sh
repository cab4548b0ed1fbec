#!/bin/sh
# --shard K/N and merge-shards.py: the testbed's atomic and classic NMI cells (every point of the
# NMI under a nested #MC and under #MC then NMI, PTI off) run whole, then as 1/2 and 2/2, which
# merge-shards.py joins.  The shares are disjoint and cover the run: each non-empty, their points
# summing to the whole run's, the merged counts and verdicts (the classic mc+nmi cell fails at
# every point, the others survive) equal to the whole run's; a missing shard is refused.
set -u
here=$(dirname "$0")
image=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { python3 "$here/inject.py" --image "$image" --jobs 2 --variant atomic,classic --entry nmi \
	--sequence mc,mc+nmi --pti off --expect --format json "$@"; }
run >"$work/whole.json"; rc=$?
[ $rc -eq 77 ] && exit 77
run --shard 1/2 >"$work/s1.json"
run --shard 2/2 >"$work/s2.json"
python3 "$here/merge-shards.py" --format json "$work/s1.json" "$work/s2.json" >"$work/merged.json"
mrc=$?
python3 "$here/merge-shards.py" "$work/s1.json" >"$work/one.txt" 2>&1
one=$?
python3 - "$work" "$rc" "$mrc" "$one" <<'PY'
import json, os, sys
w, rc, mrc, one = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
load = lambda n: json.load(open(os.path.join(w, n)))
whole, s1, s2, merged = load("whole.json"), load("s1.json"), load("s2.json"), load("merged.json")
key = lambda r: (r["variant"], r["pti"], r["entry"], r["sequence"])
fails = 0
def expect(what, ok):
    global fails
    print("%s %s" % ("ok  " if ok else "FAIL", what))
    fails += not ok
W = {key(r): r for r in whole["results"]}
A = {key(r): r for r in s1["results"]}
B = {key(r): r for r in s2["results"]}
M = {key(r): r for r in merged["results"]}
expect("the whole run holds to its verdicts (exit %d)" % rc, rc == 0 and whole["status"] == 0)
for k, r in sorted(W.items()):
    name = " ".join(map(str, k))
    expect("%s: both shards hold points (%d + %d)" % (name, A[k]["tried"], B[k]["tried"]),
           A[k]["tried"] > 0 and B[k]["tried"] > 0)
    expect("%s: the shards add up to the whole run's %d points" % (name, r["tried"]),
           A[k]["tried"] + B[k]["tried"] == r["tried"] == M[k]["tried"])
    expect("%s: the merged survivors are the whole run's (%d)" % (name, r["survived"]),
           M[k]["survived"] == r["survived"])
    fa = {f["point"] for f in A[k]["failures"]}
    fb = {f["point"] for f in B[k]["failures"]}
    expect("%s: the shards' failing points are disjoint and are the whole run's" % name,
           not (fa & fb) and fa | fb == {f["point"] for f in r["failures"]})
expect("merged: status 0, no deviation (exit %d)" % mrc, mrc == 0 and not merged["deviations"])
expect("one shard of two alone is refused (exit %d)" % one, one == 2)
sys.exit(1 if fails else 0)
PY
