# --baseline also takes a JSON report: mini-report-v1.json, a version 1 report of the cr3-balance
# and spec-verw findings (by 9581154, with -Wno-spec-untrain -Wno-spec-bhb -Wno-regs-frame),
# suppresses those; the three other findings are reported.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --baseline=$SRCROOT/tests/golden/mini-report-v1.json mini_entry.o
exit: 1
---
mini_entry.o: error: istcheck: mini_syscall+0x38: UNTRAIN_RET without IBRS_ENTER before it (from user mode) [spec-untrain]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to the syscall handler do_mini_syscall without CLEAR_BHB (from user mode) [spec-bhb]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to do_mini_syscall with the user's rbx still in rbx: registers not scrubbed (CLEAR_REGS) (from user mode) [regs-frame]
istcheck: mini_entry.o: linux contract, model mini-entry, 2 variants, 1 entry point, 10 noinstr functions: failed, 3 errors, 0 warnings, 4 suppressed by the baseline, 1 note (-v lists it)
