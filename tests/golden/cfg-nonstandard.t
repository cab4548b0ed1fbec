# STACK_FRAME_NON_STANDARD is read (objtool skips such functions; istcheck checks them).
command: istcheck --dump=cfg:bad_nonstandard noinstr_bad.o
exit: 0
---
function bad_nonstandard [noinstr] bad_nonstandard, 0xa bytes, 2 blocks, STACK_FRAME_NON_STANDARD
B0 +0x0:
	+0x0                         callq instrumented_helper  [stack_frame_non_standard]
	-> B1 fallthrough
B1 +0x5:
	+0x5                         jmp __x86_return_thunk  [return]
