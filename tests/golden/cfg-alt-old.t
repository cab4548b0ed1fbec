# Pre-6.3 alternatives (alt_old.S): seven 12-byte records, 84 bytes, which 14 divides too; the
# relocations say 12.  Each site is a choice on its feature; the XENPV record has bit 15 set
# (ALTINSTR_FLAG_INV), so its replacement is taken *without* XENPV.
command: istcheck --dump=cfg:old_alts alt_old.o
exit: 0
---
function old_alts [entry] old_alts, 0x20 bytes, 23 blocks
B0 +0x0: alternative site
	-> B1 alt original [without FENCE_SWAPGS_USER]
	-> B16 alt replacement [with FENCE_SWAPGS_USER]
B1 +0x0:
	+0x0                         nop
	+0x1                         nop
	+0x2                         nop
	-> B2 fallthrough
B2 +0x3: alternative site
	-> B3 alt original [without PTI]
	-> B17 alt replacement [with PTI]
B3 +0x3:
	+0x3                         jmp old_alts+0x6
	-> B5 jump
B4 +0x5:
	+0x5                         nop
	-> B5 fallthrough
B5 +0x6: alternative site
	-> B6 alt original [without CLEAR_CPU_BUF]
	-> B18 alt replacement [with CLEAR_CPU_BUF]
B6 +0x6:
	+0x6                         nop
	+0x7                         nop
	+0x8                         nop
	+0x9                         nop
	+0xa                         nop
	+0xb                         nop
	+0xc                         nop
	+0xd                         nop
	+0xe                         nop
	-> B7 fallthrough
B7 +0xf: alternative site
	-> B8 alt original [with XENPV]
	-> B19 alt replacement [without XENPV]
B8 +0xf:
	+0xf                         pushfq
	+0x10                        popq %rax
	+0x11                        nop
	+0x12                        nop
	+0x13                        nop
	-> B9 fallthrough
B9 +0x14: alternative site
	-> B10 alt original [without FSGSBASE]
	-> B20 alt replacement [with FSGSBASE]
B10 +0x14:
	+0x14                        nop
	+0x15                        nop
	+0x16                        nop
	+0x17                        nop
	+0x18                        nop
	-> B11 fallthrough
B11 +0x19: alternative site
	-> B12 alt original [without SMAP]
	-> B21 alt replacement [with SMAP]
B12 +0x19:
	+0x19                        nop
	+0x1a                        nop
	+0x1b                        nop
	-> B13 fallthrough
B13 +0x1c: alternative site
	-> B14 alt original [without SMAP]
	-> B22 alt replacement [with SMAP]
B14 +0x1c:
	+0x1c                        nop
	+0x1d                        nop
	+0x1e                        nop
	-> B15 fallthrough
B15 +0x1f:
	+0x1f                        retq
B16 .altinstr_replacement+0x0: replacement
	.altinstr_replacement+0x0    lfence
	-> B2 fallthrough
B17 .altinstr_replacement+0x3: replacement
	.altinstr_replacement+0x3    movq %cr3, %rax
	-> B5 fallthrough
B18 .altinstr_replacement+0x6: replacement
	.altinstr_replacement+0x6    verw %cs:0  # old_alts
	-> B7 fallthrough
B19 .altinstr_replacement+0xf: replacement
	.altinstr_replacement+0xf    callq old_helper
	-> B9 fallthrough
B20 .altinstr_replacement+0x14: replacement
	.altinstr_replacement+0x14   wrgsbaseq %rax
	-> B11 fallthrough
B21 .altinstr_replacement+0x19: replacement
	.altinstr_replacement+0x19   clac
	-> B13 fallthrough
B22 .altinstr_replacement+0x1c: replacement
	.altinstr_replacement+0x1c   stac
	-> B15 fallthrough
