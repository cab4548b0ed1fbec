# mini_load_gs: the __ex_table entry adds an exception edge from the faulting 'mov %edi,%gs'
# to its fixup, which jumps back.
command: istcheck --dump=cfg:mini_load_gs mini_entry.o
exit: 0
---
function mini_load_gs [entry] mini_load_gs, 0x11 bytes, 4 blocks
B0 +0x0:
	+0x0                         swapgs
	-> B1 fallthrough
B1 +0x3:
	+0x3                         movl %edi, %gs
	-> B2 fallthrough
	-> B3 exception
B2 +0x5:
	+0x5                         swapgs
	+0x8                         jmp __x86_return_thunk  [return]
B3 +0xd:
	+0xd                         xorl %edi, %edi
	+0xf                         jmp mini_load_gs+0x3
	-> B1 jump
