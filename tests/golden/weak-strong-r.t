# ld -r of several units (like vmlinux.o): the linker already replaced the weak definition by the
# strong noinstr one, and the call to it is clean.
command: istcheck weak_strong_r.o
exit: 1
---
weak_strong_r.o: warning: istcheck: weak_caller+0x5: call to plain_helper() leaves .noinstr.text section [noinstr-call]
weak_strong_r.o: note: istcheck: no instrumentation markers: 1 noinstr C functions not checked; region-precise checking needs vmlinux.o or objects built with CONFIG_DEBUG_ENTRY
