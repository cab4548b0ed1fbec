/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-mode workload (ring 3, IOPL 0, IF clear).  Every iteration loads all sixteen GPRs
 * with pattern(i) and checks all of them after each event: SYSCALL, a single-stepped run (#DB),
 * a #GP, and the NOP runs where the injector delivers an NMI or #MC.  pattern(i) for register k
 * is 0x00005a_kk_a5_iiiiii: distinct per register, canonical, new each iteration; RSP's is a
 * user stack address that moves with the iteration (the single-step run pushes RFLAGS).
 *
 * At the NMI and #MC spots RSP is hostile in five iterations of six: an address inside the NMI,
 * #DB or #MC IST stack, on the IST main stack, or 0.  User mode may hold any RSP, and an entry
 * that takes a user RSP on an IST stack for an interrupted kernel entry replicates garbage;
 * nothing else the workload does would show it.
 *
 * A failure is reported through the exit gate (IOPL 0: no port I/O here): user_report says
 * which event, register, value and expectation, and the kernel prints it.
 * Written for istcheck; no kernel code.
 */
#include "testbed.h"
#include "ref_entry/ref_entry.h"

	.section .user.data, "aw"
	.balign 64
	.globl user_report
	.type user_report, @object
user_report:
	.skip	REP_SIZE
	.size	user_report, REP_SIZE
want:	.skip	NR_REGS * 8
want_rcx:			/* SYSRET's RCX: the instruction after SYSCALL */
	.quad	0
want_r11:			/* and its R11: RFLAGS at the SYSCALL */
	.quad	USER_SYSCALL_FLAGS
zero:				/* SYSCALL 0's return value */
	.quad	0
spot_rsp:			/* RSP at the NMI and #MC spots: spot_rsps[iteration % 6] */
	.quad	0
spot_rsps:			/* [0] is the iteration's own stack, written each iteration */
	.quad	0
	.quad	ref_cea + IST_TOP(IST_NMI) - 8
	.quad	ref_cea + IST_TOP(IST_DB) - 8
	.quad	ref_cea + IST_TOP(IST_MC) - 8
	.quad	ref_cea + CEA_MAIN_TOP - 8
	.quad	0
	.balign	4096
	.skip	8192
	.globl	user_stack_top
user_stack_top:

/* Register reg (index idx) must equal the quadword at mem; a mismatch reports event ev. */
.macro CHECK_AT ev, reg, idx, mem
	cmpq	\mem, %\reg
	jne	.Lfail_\@
	.pushsection .user.fail, "ax"
.Lfail_\@:
	movq	%\reg, user_report+REP_GOT(%rip)
	movq	\mem, %\reg
	movq	%\reg, user_report+REP_WANT(%rip)
	movq	$\idx, user_report+REP_REG(%rip)
	movq	$\ev, user_report+REP_EVENT(%rip)
	int	$VEC_EXIT
	.popsection
.endm

.macro CHECK_REGS ev, regs:vararg
	.irp	r, \regs
	CHECK_AT \ev, \r, REG_\r, want+8*REG_\r(%rip)
	.endr
.endm

/* The REG_* indexes under the names the macros are given. */
	.set REG_rax, REG_RAX;	.set REG_rbx, REG_RBX;	.set REG_rcx, REG_RCX;	.set REG_rdx, REG_RDX
	.set REG_rsi, REG_RSI;	.set REG_rdi, REG_RDI;	.set REG_rbp, REG_RBP;	.set REG_rsp, REG_RSP
	.set REG_r8, REG_R8;	.set REG_r9, REG_R9;	.set REG_r10, REG_R10;	.set REG_r11, REG_R11
	.set REG_r12, REG_R12;	.set REG_r13, REG_R13;	.set REG_r14, REG_R14;	.set REG_r15, REG_R15

#define ALL_BUT_SYSCALL_ABI rbx, rdx, rsi, rdi, rbp, rsp, r8, r9, r10, r12, r13, r14, r15

.macro CHECK_ALL ev
	CHECK_REGS \ev, rax, rcx, r11, ALL_BUT_SYSCALL_ABI
.endm

.macro LOAD regs:vararg
	.irp	r, \regs
	movq	want+8*REG_\r(%rip), %\r
	.endr
.endm

	.section .user.text, "ax"
	.globl user_start
user_start:
	leaq	.Lafter_syscall(%rip), %rax
	movq	%rax, want_rcx(%rip)
.Lloop:
	movq	user_report+REP_ITER(%rip), %rax
	cmpq	user_report+REP_ITERS(%rip), %rax
	jae	.Ldone
	leaq	want(%rip), %rdi
	movabsq	$0x00005a00a5000000, %rsi
	movl	%eax, %ebx
	andl	$0xffffff, %ebx
	orq	%rbx, %rsi
	xorl	%ecx, %ecx
1:	movq	%rcx, %rdx
	shlq	$32, %rdx
	orq	%rsi, %rdx
	movq	%rdx, (%rdi,%rcx,8)
	incl	%ecx
	cmpl	$NR_REGS, %ecx
	jb	1b
	movzbl	%al, %edx
	shll	$4, %edx
	leaq	user_stack_top(%rip), %rsi
	subq	%rdx, %rsi
	movq	%rsi, want+8*REG_RSP(%rip)
	movq	%rsi, spot_rsps(%rip)
	xorl	%edx, %edx
	movl	$6, %ecx
	divl	%ecx
	leaq	spot_rsps(%rip), %rsi
	movq	(%rsi,%rdx,8), %rsi
	movq	%rsi, spot_rsp(%rip)

	/* Flags first (POPF needs the stack), then every register, RSP last. */
	pushq	$USER_SYSCALL_FLAGS
	popfq
	LOAD	rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rsp
	.globl user_iter_start
user_iter_start:
	movl	$0, %eax			/* SYSCALL 0; MOV keeps the flags for R11 */
	syscall
.Lafter_syscall:
	CHECK_AT EV_SYSCALL, rax, REG_RAX, zero(%rip)
	CHECK_AT EV_SYSCALL, rcx, REG_RCX, want_rcx(%rip)
	CHECK_AT EV_SYSCALL, r11, REG_R11, want_r11(%rip)
	CHECK_REGS EV_SYSCALL, ALL_BUT_SYSCALL_ABI
	LOAD	rax, rcx, r11

	/* DB_PER_ITER single-step traps: TF is set by the first POPF, cleared by the second. */
	pushfq
	orq	$0x100, (%rsp)
	popfq
	.globl user_tf_start
user_tf_start:
	nop
	nop
	nop
	pushfq
	andq	$~0x100, (%rsp)
	popfq
	.globl user_tf_end
user_tf_end:
	CHECK_ALL EV_DB

	/* INT to a DPL-0 gate: #GP with error code vector * 8 + 2; the kernel resumes us after it. */
	.globl user_gp_insn
user_gp_insn:
	int	$13
	.globl user_gp_resume
user_gp_resume:
	CHECK_ALL EV_GP

	movq	spot_rsp(%rip), %rsp
	.globl user_nmi_spot
user_nmi_spot:
	.rept	4
	nop
	.endr
	.globl user_mc_spot
user_mc_spot:
	.rept	4
	nop
	.endr
	.globl user_iter_end
user_iter_end:
	CHECK_AT EV_SPOT, rsp, REG_RSP, spot_rsp(%rip)
	movq	want+8*REG_RSP(%rip), %rsp
	CHECK_ALL EV_SPOT
	incq	user_report+REP_ITER(%rip)
	jmp	.Lloop
.Ldone:
	int	$VEC_EXIT
