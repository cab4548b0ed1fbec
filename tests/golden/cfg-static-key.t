# do_mini_syscall: a __jump_table site is a two-way branch, the instrumentation markers are
# attached to their nops, and 'jmp __x86_return_thunk' is a return.
command: istcheck --dump=cfg:do_mini_syscall mini_entry.o
exit: 0
---
function do_mini_syscall [noinstr] do_mini_syscall, 0x22 bytes, 5 blocks
B0 +0x0:
	+0x0                         pushq %rbx
	+0x1                         jmp do_mini_syscall+0x15
	-> B3 static-key-on
	-> B1 static-key-off
B1 +0x6:
	+0x6                         nop  [instr_begin]
	+0x7                         callq instrumented_helper
	-> B2 fallthrough
B2 +0xc:
	+0xc                         nop  [instr_end]
	+0xd                         popq %rbx
	+0xe                         movb $1, %al
	+0x10                        jmp __x86_return_thunk  [return]
B3 +0x15:
	+0x15                        callq mini_noinstr_helper
	-> B4 fallthrough
B4 +0x1a:
	+0x1a                        popq %rbx
	+0x1b                        xorl %eax, %eax
	+0x1d                        jmp __x86_return_thunk  [return]
