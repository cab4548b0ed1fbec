# Final link with a strong noinstr definition (weak_strong.o, .cpuidle.text): it won, and the call
# to it is clean.  Only the strong .text callee is a finding.
command: istcheck weak_strong_vmlinux
exit: 1
---
weak_strong_vmlinux: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
weak_strong_vmlinux: note: istcheck: no instrumentation markers: 1 noinstr C functions not checked; region-precise checking needs vmlinux.o or objects built with CONFIG_DEBUG_ENTRY
