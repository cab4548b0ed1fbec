# -v prints each finding's witness path: entry point, branch decisions, the instruction.
command: istcheck -v noinstr_bad.o
exit: 1
---
noinstr_bad.o: warning: istcheck: bad_call+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  noinstr_bad.o: note: istcheck: bad_call+0x0: entry bad_call
  noinstr_bad.o: note: istcheck: bad_call+0x0: call instrumented_helper
noinstr_bad.o: warning: istcheck: bad_tail_call+0x4: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  noinstr_bad.o: note: istcheck: bad_tail_call+0x0: entry bad_tail_call
  noinstr_bad.o: note: istcheck: bad_tail_call+0x2: not taken
  noinstr_bad.o: note: istcheck: bad_tail_call+0x4: tail call instrumented_helper
noinstr_bad.o: warning: istcheck: bad_indirect+0x0: indirect call in noinstr code [noinstr-indirect]
  noinstr_bad.o: note: istcheck: bad_indirect+0x0: entry bad_indirect
  noinstr_bad.o: note: istcheck: bad_indirect+0x0: indirect call
noinstr_bad.o: warning: istcheck: bad_indirect+0x5: indirect call in noinstr code [noinstr-indirect]
  noinstr_bad.o: note: istcheck: bad_indirect+0x0: entry bad_indirect
  noinstr_bad.o: note: istcheck: bad_indirect+0x5: indirect call
noinstr_bad.o: warning: istcheck: bad_return_in_region+0x6: return with instrumentation enabled (depth 1) [noinstr-balance]
  noinstr_bad.o: note: istcheck: bad_return_in_region+0x0: entry bad_return_in_region
  noinstr_bad.o: note: istcheck: bad_return_in_region+0x3: taken
  noinstr_bad.o: note: istcheck: bad_return_in_region+0x6: return with instrumentation enabled
noinstr_bad.o: warning: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin() (depth -1) [noinstr-balance]
  noinstr_bad.o: note: istcheck: bad_end_without_begin+0x0: entry bad_end_without_begin
  noinstr_bad.o: note: istcheck: bad_end_without_begin+0x2: taken
  noinstr_bad.o: note: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin()
noinstr_bad.o: warning: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop (depth 4) [noinstr-balance]
  noinstr_bad.o: note: istcheck: bad_loop+0x0: entry bad_loop
  noinstr_bad.o: note: istcheck: bad_loop+0x3: taken
  noinstr_bad.o: note: istcheck: bad_loop+0x3: taken
  noinstr_bad.o: note: istcheck: bad_loop+0x3: taken
  noinstr_bad.o: note: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop
noinstr_bad.o: warning: istcheck: bad_loop+0x5: return with instrumentation enabled (depth 1) [noinstr-balance]
  noinstr_bad.o: note: istcheck: bad_loop+0x0: entry bad_loop
  noinstr_bad.o: note: istcheck: bad_loop+0x3: not taken
  noinstr_bad.o: note: istcheck: bad_loop+0x5: return with instrumentation enabled
noinstr_bad.o: warning: istcheck: bad_nonstandard+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  noinstr_bad.o: note: istcheck: bad_nonstandard+0x0: entry bad_nonstandard
  noinstr_bad.o: note: istcheck: bad_nonstandard+0x0: call instrumented_helper
noinstr_bad.o: note: istcheck: external_call+0x0: call to some_external_function() is unverifiable in this object
istcheck: noinstr_bad.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: failed, 0 errors, 9 warnings, 1 note
