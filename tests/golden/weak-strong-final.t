# Final link with a strong noinstr definition (weak_strong.o, .cpuidle.text): it won, and the call
# to it is clean.  Only the strong .text callee is a finding.
command: istcheck weak_strong_vmlinux
exit: 1
---
weak_strong_vmlinux: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
istcheck: weak_strong_vmlinux: linux contract, model linux-x86_64-6.12, 4 variants, 1 noinstr function (1 more not checked: no instrumentation markers): failed, 0 errors, 1 warning, 1 note (-v lists it)
