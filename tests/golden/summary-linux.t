# ... and under the default (linux) contract.
command: istcheck
exit: 0
---
istcheck: ref_entry.o: linux contract, model ref-entry, 2 variants, 7 entry points, 23 noinstr functions: passed, 0 errors, 0 warnings, 0 notes
