# istcheck diff takes a baseline as OLD: the version 1 baseline of mini_entry.o (one entry per
# variant) knows every finding of today's report, through the variants' version 1 fingerprints.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --format=json -o diff-baseline.json mini_entry.o; "$ISTCHECK" diff $SRCROOT/tests/golden/mini-baseline-v1.json diff-baseline.json | sed "s|$SRCROOT/||g"; exit ${PIPESTATUS[0]}
exit: 0
---
istcheck diff: 0 new findings in diff-baseline.json, 0 gone from tests/golden/mini-baseline-v1.json
