# ld -r of several units (like vmlinux.o): the linker already replaced the weak definition by the
# strong noinstr one, and the call to it is clean.
command: istcheck weak_strong_r.o
exit: 1
---
weak_strong_r.o: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
istcheck: weak_strong_r.o: linux contract, model linux-x86_64-6.12, 4 variants, 1 noinstr function (1 more not checked: no instrumentation markers): failed, 0 errors, 1 warning, 1 note (-v lists it)
