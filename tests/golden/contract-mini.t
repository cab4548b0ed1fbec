# The entry contract on the fixture with its own model.  mini_syscall is a deliberately minimal
# SYSCALL entry, so each finding is true: no IBRS_ENTER before the untrain site (spec-untrain),
# no CLEAR_BHB before the handler (spec-bhb), no user-CR3 switch on either exit under PTI
# (cr3-balance), the VERW site comes before the exit swapgs, not after it (spec-verw), and no
# CLEAR_REGS: the handler is called with the user's RBX (regs-frame).
# Nothing else fires: the stack gap, GSBASE, the verdict test and the untraining are right.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --contract=linux mini_entry.o
exit: 1
---
mini_entry.o: error: istcheck: mini_syscall+0x38: UNTRAIN_RET without IBRS_ENTER before it (from user mode) [spec-untrain]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to the syscall handler do_mini_syscall without CLEAR_BHB (from user mode) [spec-bhb]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to do_mini_syscall with the user's rbx still in rbx: registers not scrubbed (CLEAR_REGS) (from user mode) [regs-frame]
mini_entry.o: error: istcheck: mini_syscall+0x63: returns to user mode with kernel CR3: no switch to the user CR3 (from user mode, with PTI) [cr3-balance]
mini_entry.o: error: istcheck: mini_syscall+0x63: returns to user mode without CLEAR_CPU_BUFFERS after the last swapgs or CR3 switch (from user mode) [spec-verw]
mini_entry.o: error: istcheck: mini_syscall+0x6f: returns to user mode with kernel CR3: no switch to the user CR3 (from user mode, with PTI) [cr3-balance]
mini_entry.o: error: istcheck: mini_syscall+0x6f: returns to user mode without CLEAR_CPU_BUFFERS after the last swapgs or CR3 switch (from user mode) [spec-verw]
istcheck: mini_entry.o: linux contract, model mini-entry, 2 variants, 1 entry point, 10 noinstr functions: failed, 7 errors, 0 warnings, 0 notes
