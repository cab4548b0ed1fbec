# The same with knobs-model.json: sysret_vetted_at makes knob_sysret_vetted the verdict (no
# exit-sysret), "return_uses_gs": false makes RET no %gs use (nothing at knob_ret_helper), and
# "walk" walks knob_fenced, whose LFENCE comes before its %gs load (no gs-fence).  What stays is
# true: that load runs with the user's GSBASE, since these IDT stubs never swapgs.
command: istcheck --model=$SRCROOT/tests/golden/knobs-model.json -Wno-noinstr-call -Wno-spec-untrain -Wno-spec-verw -Wno-regs-frame model_knobs.o
exit: 1
---
model_knobs.o: error: istcheck: knob_fenced+0x3: per-CPU access with user GSBASE (from user mode) [gs-user-access]
istcheck: model_knobs.o: linux contract, model knobs, 1 variant, 3 entry points, 4 noinstr functions: failed, 1 error, 0 warnings, 0 notes
