# Findings below --fail-on are reported but do not fail the run.
command: istcheck --fail-on=error noinstr_bad.o
exit: 0
---
noinstr_bad.o: warning: istcheck: bad_call+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
noinstr_bad.o: warning: istcheck: bad_tail_call+0x4: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
noinstr_bad.o: warning: istcheck: bad_indirect+0x0: indirect call in noinstr code [noinstr-indirect]
noinstr_bad.o: warning: istcheck: bad_indirect+0x5: indirect call in noinstr code [noinstr-indirect]
noinstr_bad.o: warning: istcheck: bad_return_in_region+0x6: return with instrumentation enabled (depth 1) [noinstr-balance]
noinstr_bad.o: warning: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin() (depth -1) [noinstr-balance]
noinstr_bad.o: warning: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop (depth 4) [noinstr-balance]
noinstr_bad.o: warning: istcheck: bad_loop+0x5: return with instrumentation enabled (depth 1) [noinstr-balance]
noinstr_bad.o: warning: istcheck: bad_nonstandard+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
istcheck: noinstr_bad.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: passed, 0 errors, 9 warnings, 1 note (-v lists it)
