/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One iteration of the entry-boot init's workload (init.c).  Before each event arm() (init.c)
 * picks new patterns for every GPR but RSP, for RFLAGS and for the FS and GS bases, and sets the
 * bases; the workload loads the GPRs, then RFLAGS.  After it, all 16 GPRs go to got[] and RFLAGS
 * to got_flags before anything can change them, and check() compares those and the bases.
 * The global labels are where the injector (tests/kernel/inject-mainline.py) stops:
 *   user_iter_start    an iteration begins (init_state is read here)
 *   user_syscall       from here the next kernel entry is the workload's SYSCALL
 *   user_int3          ... its int3;  user_tf: ... its first single-step #DB
 *   user_gp            ... its #GP (hlt at CPL 3, user_gp_insn)
 *   user_nmi_spot, user_mc_spot   four NOPs with every pattern in place: an NMI/#MC lands here
 */
	.text

/*
 * arm() may make system calls (arch_prctl): it comes before each event's label, so that from the
 * label on the next kernel entry is the event's.
 */
.macro ARM event
	movl $\event, %edi
	call arm
.endm

.macro LOAD
	movq want+0(%rip), %rax
	movq want+8(%rip), %rbx
	movq want+16(%rip), %rcx
	movq want+24(%rip), %rdx
	movq want+32(%rip), %rsi
	movq want+40(%rip), %rdi
	movq want+48(%rip), %rbp
	movq want+64(%rip), %r8
	movq want+72(%rip), %r9
	movq want+80(%rip), %r10
	movq want+88(%rip), %r11
	movq want+96(%rip), %r12
	movq want+104(%rip), %r13
	movq want+112(%rip), %r14
	movq want+120(%rip), %r15
.endm

/* Last before the event: nothing after it may change a flag (MOV does not). */
.macro SET_FLAGS
	pushq want_flags(%rip)
	popfq
.endm

/*
 * MOV changes no flag, so PUSHF after the stores still reads them as the event left them.  The
 * pattern has DF and AC set: C code may run only after they are cleared (the ABI wants DF clear,
 * and AC would leave alignment checks on); POPF at CPL 3 leaves IF alone.
 */
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
	pushfq
	popq got_flags(%rip)
	pushq $0x202
	popfq
	movl $\event, %edi
	call check
.endm

	.globl run_iteration, user_iter_start, user_syscall, user_syscall_insn, user_syscall_ret
	.globl user_int3, user_int3_ret, user_tf, user_tf_end, user_gp, user_gp_insn
	.globl user_gp_resume, user_nmi_spot, user_mc_spot, user_iter_end, restorer
/* run_iteration(pad): pad, a multiple of 16, moves the stack pointer the events see. */
run_iteration:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp			/* 16-byte alignment for the C calls */
	movq %rdi, frame_pad(%rip)
	subq %rdi, %rsp
	movq %rsp, want+56(%rip)	/* RSP's want: where it stays */
user_iter_start:
	nop

	ARM 0
user_syscall:
	LOAD
	movl $110, %eax			/* getppid: 0 for init */
	SET_FLAGS
user_syscall_insn:
	syscall
user_syscall_ret:
	SAVE 0

	ARM 1
user_int3:
	LOAD
	SET_FLAGS
	int3
user_int3_ret:
	SAVE 1

	ARM 2
user_tf:
	LOAD
	pushq want_flags(%rip)		/* TF on top of the pattern */
	orq $0x100, (%rsp)
	popfq
	nop			/* #DB after this one, */
	nop			/* this one */
	nop			/* and this one: the handler clears TF at user_tf_end */
user_tf_end:
	SAVE 2

	ARM 3
user_gp:
	LOAD
	SET_FLAGS
user_gp_insn:
	hlt 			/* CPL 3: #GP(0) -> SIGSEGV, resumed at user_gp_resume */
user_gp_resume:
	SAVE 3

	ARM 4
	LOAD
	SET_FLAGS
user_nmi_spot:
	nop
	nop
	nop
	nop
	SAVE 4

	ARM 5
	LOAD
	SET_FLAGS
user_mc_spot:
	nop
	nop
	nop
	nop
	SAVE 5
user_iter_end:
	addq frame_pad(%rip), %rsp
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
