# mini_noinstr_helper: an X86_FEATURE_ALWAYS record makes the original unreachable (the
# cpu_feature_enabled() pattern), and a call to panic() ends its block.
command: istcheck --dump=cfg:mini_noinstr_helper mini_entry.o
exit: 0
---
function mini_noinstr_helper [noinstr] mini_noinstr_helper, 0xc bytes, 4 blocks
B0 +0x0: alternative site
	-> B2 alt replacement [always]
B1 +0x0:
	+0x0                         jmp mini_panic_path
	-> B3 jump
B2 +0x2:
	+0x2                         jmp __x86_return_thunk  [return]
B3 +0x7:
	+0x7                         callq panic  [noreturn]
