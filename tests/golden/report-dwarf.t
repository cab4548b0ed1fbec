# With DWARF line info, findings are file:line lines, relative to --srcroot.
command: istcheck --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
tests/fixtures/noinstr_bad.S:12: warning: istcheck: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
tests/fixtures/noinstr_bad.S:28: warning: istcheck: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
tests/fixtures/noinstr_bad.S:34: warning: istcheck: indirect call in noinstr code [noinstr-indirect]
tests/fixtures/noinstr_bad.S:35: warning: istcheck: indirect call in noinstr code [noinstr-indirect]
tests/fixtures/noinstr_bad.S:45: warning: istcheck: return with instrumentation enabled (depth 1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:54: warning: istcheck: instrumentation_end() without instrumentation_begin() (depth -1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:62: warning: istcheck: instrumentation depth changes on every turn of a loop (depth 4) [noinstr-balance]
tests/fixtures/noinstr_bad.S:63: warning: istcheck: return with instrumentation enabled (depth 1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:85: warning: istcheck: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
noinstr_bad_g.o: note: istcheck: external_call+0x0: call to some_external_function() is unverifiable in this object
