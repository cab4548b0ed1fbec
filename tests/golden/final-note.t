# A final link has no instrumentation markers: a note says what is not checked, and the rest
# (entry and thunk text) is checked and clean.
command: istcheck mini_vmlinux
exit: 0
---
istcheck: mini_vmlinux: linux contract, model linux-x86_64-6.12, 4 variants, 8 noinstr functions (2 more not checked: no instrumentation markers): passed, 0 errors, 0 warnings, 1 note (-v lists it)
