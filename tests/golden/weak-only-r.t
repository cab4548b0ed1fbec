# ld -r of several units (like vmlinux.o) with no strong definition: a weak definition still here
# is the one the link keeps, so the call to the weak .text one is a finding.
command: istcheck weak_only_r.o
exit: 1
---
weak_only_r.o: warning: istcheck: weak_caller+0x0: call to idle_hook() leaves .noinstr.text section [noinstr-call]
weak_only_r.o: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
istcheck: weak_only_r.o: linux contract, model linux-x86_64-6.12, 4 variants, 1 noinstr function: failed, 0 errors, 2 warnings, 0 notes
