# The quick start: istcheck without a file checks the reference atomic-IST entry built into it,
# and the summary says which contract ran and that it passed.
command: istcheck --contract=aist
exit: 0
---
istcheck: ref_entry.o: aist contract, model ref-entry, 2 variants, 7 entry points, 23 noinstr functions: passed, 0 errors, 0 warnings, 0 notes
