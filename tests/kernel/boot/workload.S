/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One iteration of the entry-boot init's workload (init.c): every GPR but RSP gets a distinct
 * pattern before each event, and all 16 are stored in got[] after it and checked by check().
 * The global labels are where the injector (tests/kernel/inject-mainline.py) stops:
 *   user_iter_start    an iteration begins (init_state is read here)
 *   user_syscall       the next instruction path leads to the workload's SYSCALL
 *   user_int3          ... to its int3;  user_tf: ... to its first single-step #DB
 *   user_gp            ... to its #GP (hlt at CPL 3, user_gp_insn)
 *   user_nmi_spot, user_mc_spot   four NOPs with the patterns loaded: an NMI/#MC lands here
 */
	.text

.macro LOAD
	movabs $0x5a0000000000a0a0, %rax
	movabs $0x5a0100000000b1b1, %rbx
	movabs $0x5a0200000000c2c2, %rcx
	movabs $0x5a0300000000d3d3, %rdx
	movabs $0x5a0400000000e4e4, %rsi
	movabs $0x5a0500000000f5f5, %rdi
	movabs $0x5a06000000000606, %rbp
	movabs $0x5a08000000001818, %r8
	movabs $0x5a09000000002929, %r9
	movabs $0x5a0a000000003a3a, %r10
	movabs $0x5a0b000000004b4b, %r11
	movabs $0x5a0c000000005c5c, %r12
	movabs $0x5a0d000000006d6d, %r13
	movabs $0x5a0e000000007e7e, %r14
	movabs $0x5a0f000000008f8f, %r15
.endm

.macro SAVE event
	movq %rax, got+0(%rip)
	movq %rbx, got+8(%rip)
	movq %rcx, got+16(%rip)
	movq %rdx, got+24(%rip)
	movq %rsi, got+32(%rip)
	movq %rdi, got+40(%rip)
	movq %rbp, got+48(%rip)
	movq %rsp, got+56(%rip)
	movq %r8, got+64(%rip)
	movq %r9, got+72(%rip)
	movq %r10, got+80(%rip)
	movq %r11, got+88(%rip)
	movq %r12, got+96(%rip)
	movq %r13, got+104(%rip)
	movq %r14, got+112(%rip)
	movq %r15, got+120(%rip)
	movl $\event, %edi
	call check
.endm

	.globl run_iteration, user_iter_start, user_syscall, user_syscall_insn, user_syscall_ret
	.globl user_int3, user_int3_ret, user_tf, user_tf_end, user_gp, user_gp_insn
	.globl user_gp_resume, user_nmi_spot, user_mc_spot, user_iter_end, restorer
run_iteration:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp			/* 16-byte alignment for the C calls */
	/* want[]: the patterns, and the stack pointer as it stays */
	LOAD
	movq %rax, want+0(%rip)
	movq %rbx, want+8(%rip)
	movq %rcx, want+16(%rip)
	movq %rdx, want+24(%rip)
	movq %rsi, want+32(%rip)
	movq %rdi, want+40(%rip)
	movq %rbp, want+48(%rip)
	movq %rsp, want+56(%rip)
	movq %r8, want+64(%rip)
	movq %r9, want+72(%rip)
	movq %r10, want+80(%rip)
	movq %r11, want+88(%rip)
	movq %r12, want+96(%rip)
	movq %r13, want+104(%rip)
	movq %r14, want+112(%rip)
	movq %r15, want+120(%rip)
user_iter_start:
	nop
user_syscall:
	pushfq
	popq saved_flags(%rip)
	LOAD
	movl $110, %eax			/* getppid: 0 for init */
user_syscall_insn:
	syscall
user_syscall_ret:
	SAVE 0
user_int3:
	LOAD
	int3
user_int3_ret:
	SAVE 1
user_tf:
	LOAD
	pushfq
	orq $0x100, (%rsp)
	popfq
	nop				/* #DB after this one, */
	nop				/* this one */
	nop				/* and this one: the handler clears TF at user_tf_end */
user_tf_end:
	SAVE 2
user_gp:
	LOAD
user_gp_insn:
	hlt				/* CPL 3: #GP(0) -> SIGSEGV, resumed at user_gp_resume */
user_gp_resume:
	SAVE 3
	LOAD
user_nmi_spot:
	nop
	nop
	nop
	nop
	SAVE 4
	LOAD
user_mc_spot:
	nop
	nop
	nop
	nop
	SAVE 5
user_iter_end:
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret

restorer:
	movl $15, %eax			/* rt_sigreturn */
	syscall

	.globl _start
_start:
	movq %rsp, %rdi
	andq $-16, %rsp
	call start_c
	ud2

	.section .note.GNU-stack, "", @progbits
