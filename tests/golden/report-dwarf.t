# With DWARF line info, findings are file:line lines, relative to --srcroot.
command: istcheck --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
tests/fixtures/noinstr_bad.S:12: warning: istcheck: bad_call+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
tests/fixtures/noinstr_bad.S:28: warning: istcheck: bad_tail_call+0x4: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
tests/fixtures/noinstr_bad.S:34: warning: istcheck: bad_indirect+0x0: indirect call in noinstr code [noinstr-indirect]
tests/fixtures/noinstr_bad.S:35: warning: istcheck: bad_indirect+0x5: indirect call in noinstr code [noinstr-indirect]
tests/fixtures/noinstr_bad.S:45: warning: istcheck: bad_return_in_region+0x6: return with instrumentation enabled (depth 1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:54: warning: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin() (depth -1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:62: warning: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop (depth 4) [noinstr-balance]
tests/fixtures/noinstr_bad.S:63: warning: istcheck: bad_loop+0x5: return with instrumentation enabled (depth 1) [noinstr-balance]
tests/fixtures/noinstr_bad.S:85: warning: istcheck: bad_nonstandard+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
istcheck: noinstr_bad_g.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: failed, 0 errors, 9 warnings, 1 note (-v lists it)
