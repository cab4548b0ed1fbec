# --contract=aist judges whether a callee is noinstr as noinstr-call does: the undefined
# ext_handler and the weak weak_helper are unverifiable in this object (notes, not aist-reenable);
# the .text text_helper in this object is aist-reenable.  Every call before the commit runs on
# the IST stack (aist-commit).  -v lists the notes; spec-untrain (a call before IBRS_ENTER) is off
# to keep this short.
command: istcheck -v --contract=aist -Wno-spec-untrain --model=$SRCROOT/tests/golden/aist-call-model.json aist_call.o
exit: 1
---
aist_call.o: error: istcheck: asm_exc_aist_test+0x1c: call to ext_handler runs C on the IST stack before the commit: a nested entry overwrites its frame (from user or kernel mode) [aist-commit]
  aist_call.o: note: istcheck: asm_exc_aist_test+0x1c: witness from kernel mode (first of the variants):
  aist_call.o: note: istcheck: asm_exc_aist_test+0x0: entry asm_exc_aist_test (idt-ist)
aist_call.o: error: istcheck: asm_exc_aist_test+0x21: call to text_helper before the commit: it is not noinstr, so a kprobe or breakpoint there raises #BP or #DB (from user or kernel mode) [aist-reenable]
  aist_call.o: note: istcheck: asm_exc_aist_test+0x21: witness from kernel mode (first of the variants):
  aist_call.o: note: istcheck: asm_exc_aist_test+0x0: entry asm_exc_aist_test (idt-ist)
aist_call.o: error: istcheck: asm_exc_aist_test+0x26: call to noinstr_helper runs C on the IST stack before the commit: a nested entry overwrites its frame (from user or kernel mode) [aist-commit]
  aist_call.o: note: istcheck: asm_exc_aist_test+0x26: witness from kernel mode (first of the variants):
  aist_call.o: note: istcheck: asm_exc_aist_test+0x0: entry asm_exc_aist_test (idt-ist)
aist_call.o: error: istcheck: asm_exc_aist_test+0x2b: call to weak_helper runs C on the IST stack before the commit: a nested entry overwrites its frame (from user or kernel mode) [aist-commit]
  aist_call.o: note: istcheck: asm_exc_aist_test+0x2b: witness from kernel mode (first of the variants):
  aist_call.o: note: istcheck: asm_exc_aist_test+0x0: entry asm_exc_aist_test (idt-ist)
aist_call.o: note: istcheck: no instrumentation markers: 1 noinstr C functions not checked; region-precise checking needs vmlinux.o, objects built with CONFIG_DEBUG_ENTRY, or the kernel's source (--srcroot)
aist_call.o: note: istcheck: asm_exc_aist_test+0x1c: call to ext_handler() is unverifiable in this object
aist_call.o: note: istcheck: asm_exc_aist_test+0x2b: call to weak_helper() is unverifiable in this object: its definition here is weak, and another object's may win at link time
istcheck: aist_call.o: aist contract, model aist-call, 1 variant, 1 entry point, 1 noinstr function (1 more not checked: no instrumentation markers): failed, 4 errors, 0 warnings, 3 notes
