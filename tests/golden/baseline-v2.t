# noinstr-baseline-v2.json was written by istcheck 4f4f6b0, whose fingerprints hashed the
# instruction's bytes (baseline version 2).  The noinstr findings have no variants, so nothing
# but that fingerprint can match them: each finding's byte_fingerprint still does, and every
# finding is suppressed.
command: istcheck --baseline=$SRCROOT/tests/golden/noinstr-baseline-v2.json noinstr_bad_g.o
exit: 0
---
istcheck: noinstr_bad_g.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: passed, 0 errors, 0 warnings, 9 suppressed by the baseline, 2 notes (-v lists them)
