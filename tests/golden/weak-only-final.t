# Final link without a strong definition: the weak .text one won, and a call to it from noinstr
# code is a finding.
command: istcheck weak_only_vmlinux
exit: 1
---
weak_only_vmlinux: warning: istcheck: weak_caller+0x0: call to idle_hook() leaves .noinstr.text section [noinstr-call]
weak_only_vmlinux: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
istcheck: weak_only_vmlinux: linux contract, model linux-x86_64-6.12, 4 variants, 1 noinstr function: failed, 0 errors, 2 warnings, 0 notes
