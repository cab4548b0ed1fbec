# A version 2 report (istcheck 4f4f6b0, byte fingerprints) against this version's report of the
# same object, both ways: nothing new, nothing gone.
command: istcheck --srcroot="$SRCROOT" --format=json -o diff-report-v2.json noinstr_bad_g.o; "$ISTCHECK" diff $SRCROOT/tests/golden/noinstr-report-v2.json diff-report-v2.json | sed "s|$SRCROOT/||g"; "$ISTCHECK" diff diff-report-v2.json $SRCROOT/tests/golden/noinstr-report-v2.json | sed "s|$SRCROOT/||g"; exit ${PIPESTATUS[0]}
exit: 0
---
istcheck diff: 0 new findings in diff-report-v2.json, 0 gone from tests/golden/noinstr-report-v2.json
istcheck diff: 0 new findings in tests/golden/noinstr-report-v2.json, 0 gone from diff-report-v2.json
