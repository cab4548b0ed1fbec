# -v with DWARF: every witness step and every note at its source line (FILE:LINE: note: ...), as
# compilers print the notes under a warning, so an editor's quickfix list walks the witness.
command: istcheck -v --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
tests/fixtures/noinstr_bad.S:12: warning: istcheck: bad_call+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  tests/fixtures/noinstr_bad.S:12: note: istcheck: bad_call+0x0: entry bad_call
  tests/fixtures/noinstr_bad.S:12: note: istcheck: bad_call+0x0: call instrumented_helper
tests/fixtures/noinstr_bad.S:28: warning: istcheck: bad_tail_call+0x4: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  tests/fixtures/noinstr_bad.S:26: note: istcheck: bad_tail_call+0x0: entry bad_tail_call
  tests/fixtures/noinstr_bad.S:27: note: istcheck: bad_tail_call+0x2: not taken
  tests/fixtures/noinstr_bad.S:28: note: istcheck: bad_tail_call+0x4: tail call instrumented_helper
tests/fixtures/noinstr_bad.S:34: warning: istcheck: bad_indirect+0x0: indirect call in noinstr code [noinstr-indirect]
  tests/fixtures/noinstr_bad.S:34: note: istcheck: bad_indirect+0x0: entry bad_indirect
  tests/fixtures/noinstr_bad.S:34: note: istcheck: bad_indirect+0x0: indirect call
tests/fixtures/noinstr_bad.S:35: warning: istcheck: bad_indirect+0x5: indirect call in noinstr code [noinstr-indirect]
  tests/fixtures/noinstr_bad.S:34: note: istcheck: bad_indirect+0x0: entry bad_indirect
  tests/fixtures/noinstr_bad.S:35: note: istcheck: bad_indirect+0x5: indirect call
tests/fixtures/noinstr_bad.S:45: warning: istcheck: bad_return_in_region+0x6: return with instrumentation enabled (depth 1) [noinstr-balance]
  tests/fixtures/noinstr_bad.S:41: note: istcheck: bad_return_in_region+0x0: entry bad_return_in_region
  tests/fixtures/noinstr_bad.S:43: note: istcheck: bad_return_in_region+0x3: taken
  tests/fixtures/noinstr_bad.S:45: note: istcheck: bad_return_in_region+0x6: return with instrumentation enabled
tests/fixtures/noinstr_bad.S:54: warning: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin() (depth -1) [noinstr-balance]
  tests/fixtures/noinstr_bad.S:50: note: istcheck: bad_end_without_begin+0x0: entry bad_end_without_begin
  tests/fixtures/noinstr_bad.S:51: note: istcheck: bad_end_without_begin+0x2: taken
  tests/fixtures/noinstr_bad.S:54: note: istcheck: bad_end_without_begin+0xa: instrumentation_end() without instrumentation_begin()
tests/fixtures/noinstr_bad.S:62: warning: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop (depth 4) [noinstr-balance]
  tests/fixtures/noinstr_bad.S:60: note: istcheck: bad_loop+0x0: entry bad_loop
  tests/fixtures/noinstr_bad.S:62: note: istcheck: bad_loop+0x3: taken
  tests/fixtures/noinstr_bad.S:62: note: istcheck: bad_loop+0x3: taken
  tests/fixtures/noinstr_bad.S:62: note: istcheck: bad_loop+0x3: taken
  tests/fixtures/noinstr_bad.S:62: note: istcheck: bad_loop+0x3: instrumentation depth changes on every turn of a loop
tests/fixtures/noinstr_bad.S:63: warning: istcheck: bad_loop+0x5: return with instrumentation enabled (depth 1) [noinstr-balance]
  tests/fixtures/noinstr_bad.S:60: note: istcheck: bad_loop+0x0: entry bad_loop
  tests/fixtures/noinstr_bad.S:62: note: istcheck: bad_loop+0x3: not taken
  tests/fixtures/noinstr_bad.S:63: note: istcheck: bad_loop+0x5: return with instrumentation enabled
tests/fixtures/noinstr_bad.S:85: warning: istcheck: bad_nonstandard+0x0: call to instrumented_helper() leaves .noinstr.text section [noinstr-call]
  tests/fixtures/noinstr_bad.S:85: note: istcheck: bad_nonstandard+0x0: entry bad_nonstandard
  tests/fixtures/noinstr_bad.S:85: note: istcheck: bad_nonstandard+0x0: call instrumented_helper
tests/fixtures/noinstr_bad.S:92: note: istcheck: external_call+0x0: call to some_external_function() is unverifiable in this object
istcheck: noinstr_bad_g.o: linux contract, model linux-x86_64-6.12, 4 variants, 13 noinstr functions: failed, 0 errors, 9 warnings, 1 note
