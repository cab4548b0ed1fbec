# -Wno-RULE turns rules off; what remains is the note, and the run is clean.
command: istcheck -Wno-noinstr-call -Wno-noinstr-indirect -Wno-noinstr-balance noinstr_bad.o
exit: 0
---
noinstr_bad.o: note: istcheck: external_call+0x0: call to some_external_function() is unverifiable in this object
