# -Wno-RULE turns rules off; what remains is the note, and the run is clean.
command: istcheck -Wno-noinstr-call -Wno-noinstr-indirect -Wno-noinstr-balance noinstr_bad.o
exit: 0
---
istcheck: noinstr_bad.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: passed, 0 errors, 0 warnings, 1 note (-v lists it)
