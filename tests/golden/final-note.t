# A final link has no instrumentation markers: a note says what is not checked, and the rest
# (entry and thunk text) is checked and clean.
command: istcheck mini_vmlinux
exit: 0
---
mini_vmlinux: note: istcheck: no instrumentation markers: 2 noinstr C functions not checked; region-precise checking needs vmlinux.o or objects built with CONFIG_DEBUG_ENTRY
