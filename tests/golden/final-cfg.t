# The same alternatives and jump label in a final link: place-relative table fields resolved by
# arithmetic, branch targets shown with their link addresses.
command: istcheck --dump=cfg:mini_syscall mini_vmlinux
exit: 0
---
function mini_syscall [entry] mini_syscall, 0x72 bytes, 19 blocks
B0 +0x0:
	+0x0                         endbr64
	+0x4                         swapgs
	+0x7                         movq %rsp, %gs:0xffffffff81000160  # cpu_tss_sp2
	-> B1 fallthrough
B1 +0x10: alternative site
	-> B2 alt original [without PTI]
	-> B3 alt replacement [with PTI]
B2 +0x10:
	+0x10                        jmp 0xffffffff81000061 <mini_syscall+0x1f>
	-> B4 jump
B3 +0x12:
	+0x12                        movq %cr3, %rsp
	+0x15                        andq $0xffffffffffffe7ff, %rsp
	+0x1c                        movq %rsp, %cr3
	-> B4 fallthrough
B4 +0x1f:
	+0x1f                        movq %gs:0xffffffff81000168, %rsp  # top_of_stack
	+0x28                        pushq $0x2b
	+0x2a                        pushq %gs:0xffffffff81000160  # cpu_tss_sp2
	+0x32                        pushq %r11
	+0x34                        pushq $0x33
	+0x36                        pushq %rcx
	+0x37                        pushq %rax
	-> B5 fallthrough
B5 +0x38: alternative site
	-> B6 alt original [without UNRET, without SRSO_ALIAS]
	-> B16 alt replacement [with UNRET, without SRSO_ALIAS]
	-> B17 alt replacement [with SRSO_ALIAS]
B6 +0x38:
	+0x38                        nop
	+0x39                        nop
	+0x3a                        nop
	+0x3b                        nop
	+0x3c                        nop
	+0x3d                        nop
	+0x3e                        nop
	+0x3f                        nop
	-> B7 fallthrough
B7 +0x40:
	+0x40                        movq %rsp, %rdi
	+0x43                        callq 0xffffffff81000010 <do_mini_syscall>
	-> B8 fallthrough
B8 +0x48:
	+0x48                        testb %al, %al
	+0x4a                        je 0xffffffff810000a9 <mini_syscall+0x67>
	-> B13 taken
	-> B9 not-taken
B9 +0x4c: alternative site
	-> B10 alt original [without CLEAR_CPU_BUF]
	-> B18 alt replacement [with CLEAR_CPU_BUF]
B10 +0x4c:
	+0x4c                        nop
	+0x4d                        nop
	+0x4e                        nop
	+0x4f                        nop
	+0x50                        nop
	+0x51                        nop
	+0x52                        nop
	-> B11 fallthrough
B11 +0x53:
	+0x53                        popq %rax
	+0x54                        popq %rcx
	+0x55                        popq %r11
	+0x57                        movq %gs:0xffffffff81000160, %rsp  # cpu_tss_sp2
	+0x60                        swapgs
	+0x63                        sysretq
B12 +0x66:
	+0x66                        int3
B13 +0x67:
	+0x67                        callq 0xffffffff81000032 <mini_noinstr_helper>
	-> B14 fallthrough
B14 +0x6c:
	+0x6c                        swapgs
	+0x6f                        iretq
B15 +0x71:
	+0x71                        int3
B16 .altinstr_replacement+0x0: replacement
	.altinstr_replacement+0x0    callq 0xffffffff810000de <entry_untrain_ret>
	-> B7 fallthrough
B17 .altinstr_replacement+0x5: replacement
	.altinstr_replacement+0x5    callq 0xffffffff810000e2 <srso_alias_untrain_ret>
	-> B7 fallthrough
B18 .altinstr_replacement+0xa: replacement
	.altinstr_replacement+0xa    verw -0xb4(%rip)  # __entry_text_start
	-> B11 fallthrough
