# mini-baseline-v2.json, written by istcheck 4f4f6b0 on mini_entry.o (baseline version 2: byte
# fingerprints, and the version 1 ones of each variant), still suppresses all 7 findings.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --baseline=$SRCROOT/tests/golden/mini-baseline-v2.json mini_entry.o
exit: 0
---
istcheck: mini_entry.o: linux contract, model mini-entry, 2 variants, 1 entry point, 10 noinstr functions: passed, 0 errors, 0 warnings, 7 suppressed by the baseline, 1 note (-v lists it)
