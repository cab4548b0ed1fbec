# --model reads another kernel's entry model (here the fixture's) and --dump=model shows it
# resolved against the input: mini_syscall is the one entry point, the lists are the file's.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --dump=model mini_entry.o
exit: 0
---
model mini-entry (mini-model.json)
variants: PTI
consistent:
ibrs: KERNEL_IBRS
verw: CLEAR_CPU_BUF
exclusive: PTI / FRED (as in Linux)
entry points: 1
  syscall64        mini_syscall                                
stack load: %gs:top_of_stack -> kernel
syscall gap: [mini_syscall, mini_syscall_safe_stack)
untrain: entry_untrain_ret srso_alias_untrain_ret
bhb clear:
sysret vetters: do_mini_syscall
xen exits:
user data: cpu_tss_sp2 verw_sel
user text:
aist entries: every idt-ist entry but #DF
aist code:
aist memory:
aist commit: none (leaving the IST stack counts)
