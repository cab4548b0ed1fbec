# One object: noinstr code calls a weak .text definition that another object may override at
# link time (sched/idle.c's arch_cpu_idle(), which x86's __cpuidle one replaces).  The call is
# unverifiable here: a note, not a finding (-v lists notes).  The strong .text callee is still a
# finding.
command: istcheck -v weak_call.o
exit: 1
---
weak_call.o: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
  weak_call.o: note: istcheck: weak_caller+0x0: entry weak_caller
  weak_call.o: note: istcheck: weak_caller+0x5: call plain_helper
weak_call.o: note: istcheck: weak_caller+0x0: call to idle_hook() is unverifiable in this object: its definition here is weak, and another object's may win at link time
istcheck: weak_call.o: linux contract, model linux-x86_64-6.12, 4 variants, 1 noinstr function: failed, 0 errors, 1 warning, 1 note
