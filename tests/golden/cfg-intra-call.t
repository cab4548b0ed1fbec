# mini_fill_rsb: an annotated intra-function call is a push-and-jump edge, not a call.
command: istcheck --dump=cfg:mini_fill_rsb mini_entry.o
exit: 0
---
function mini_fill_rsb [entry] mini_fill_rsb, 0xf bytes, 3 blocks
B0 +0x0:
	+0x0                         callq mini_fill_rsb+0x6  [intra_function_call]
	-> B2 intra-call
B1 +0x5:
	+0x5                         int3
B2 +0x6:
	+0x6                         addq $8, %rsp
	+0xa                         jmp __x86_return_thunk  [return]
