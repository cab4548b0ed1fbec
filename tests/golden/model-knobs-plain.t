# model_knobs.S under a model without the members for older kernels (knobs-plain-model.json),
# the rules those members affect only: sysretq has no verdict test the model knows (exit-sysret);
# knob_ret_helper's RET counts as a %gs use (the call-depth return thunk), made with the user's
# GSBASE and before the conditional-swapgs fence (gs-user-access, gs-fence); knob_fenced is C
# to the engine, so calling it is a %gs use before the fence.  model-knobs.t turns each off.
command: istcheck --model=$SRCROOT/tests/golden/knobs-plain-model.json -Wno-noinstr-call -Wno-spec-untrain -Wno-spec-verw -Wno-regs-frame model_knobs.o
exit: 1
---
model_knobs.o: error: istcheck: knob_syscall+0x2e: sysret reachable without testing the syscall handler's verdict (from user mode) [exit-sysret]
model_knobs.o: error: istcheck: knob_ret_helper+0x0: return (the call-depth return thunk uses %gs) with user GSBASE (from user mode) [gs-user-access]
model_knobs.o: warning: istcheck: knob_ret_helper+0x0: return (the call-depth return thunk uses %gs) after a conditional swapgs with no LFENCE on this path (CVE-2019-1125) (from user or kernel mode) [gs-fence]
model_knobs.o: error: istcheck: knob_idt_call+0x0: call to knob_fenced with user GSBASE (from user mode) [gs-user-access]
model_knobs.o: warning: istcheck: knob_idt_call+0x0: call to knob_fenced after a conditional swapgs with no LFENCE on this path (CVE-2019-1125) (from user or kernel mode) [gs-fence]
istcheck: model_knobs.o: linux contract, model knobs-plain, 1 variant, 3 entry points, 4 noinstr functions: failed, 3 errors, 2 warnings, 0 notes
