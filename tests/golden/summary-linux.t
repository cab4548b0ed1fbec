# ... and under the default (linux) contract.
command: istcheck
exit: 0
---
istcheck: ref_entry.o: linux contract, model ref-entry, 2 variants, 7 entry points, 17 noinstr functions (6 more not checked: no instrumentation markers): passed, 0 errors, 0 warnings, 1 note (-v lists it)
