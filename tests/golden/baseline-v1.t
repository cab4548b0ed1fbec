# mini-baseline-v1.json was written by istcheck before one finding per rule and instruction
# (9581154: one entry per variant, the variant in the fingerprint).  It still suppresses every
# finding: each merged finding matches through the version 1 fingerprints of all its variants.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --baseline=$SRCROOT/tests/golden/mini-baseline-v1.json mini_entry.o
exit: 0
---
istcheck: mini_entry.o: linux contract, model mini-entry, 2 variants, 1 entry point, 10 noinstr functions: passed, 0 errors, 0 warnings, 7 suppressed by the baseline, 1 note (-v lists it)
