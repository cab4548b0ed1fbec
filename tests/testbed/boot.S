/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The testbed's asm: the PVH entry (QEMU's -kernel starts it in 32-bit protected mode, paging
 * off, %ebx at the hvm_start_info), the way into long mode and the high half, the GDT, and the
 * testbed's own gates.  Written for istcheck; no kernel code.
 */
#include "ref_entry/ref_entry.h"
#include "testbed.h"

#define PHYS(x)		((x) - KVBASE)

/* XEN_ELFNOTE_PHYS32_ENTRY: QEMU reads the 32-bit entry's physical address from here. */
	.section .note.pvh, "a", @note
	.balign 4
	.long 4, 8, 18
	.asciz "Xen"
	.balign 4
	.quad PHYS(tb_pvh_start)

	.section .boot.text, "ax"
	.code32
	.globl tb_pvh_start
tb_pvh_start:
	cli
	cld
	movl	%ebx, %esi
	lgdt	PHYS(tb_gdt_desc32)
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$PHYS(tb_boot_stack_top), %esp

	/* .bss, the cpu entry area and the boot page tables are in it: zero before filling. */
	movl	$PHYS(__bss_start), %edi
	movl	$PHYS(__bss_end), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	/* The first GiB, identity (for this code and the start info) and at KVBASE, 2 MiB pages. */
	movl	$PHYS(tb_boot_pd), %edi
	movl	$0x83, %eax
	movl	$512, %ecx
1:	movl	%eax, (%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	1b
	movl	$PHYS(tb_boot_pd) + 3, PHYS(tb_boot_pdpt)
	movl	$PHYS(tb_boot_pd) + 3, PHYS(tb_boot_pdpt) + 510 * 8
	movl	$PHYS(tb_boot_pdpt) + 3, PHYS(tb_boot_pml4)
	movl	$PHYS(tb_boot_pdpt) + 3, PHYS(tb_boot_pml4) + 511 * 8

	movl	%cr4, %eax
	orl	$0x20, %eax			/* PAE */
	movl	%eax, %cr4
	movl	$PHYS(tb_boot_pml4), %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx		/* EFER.LME */
	rdmsr
	orl	$0x100, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80010001, %eax		/* PG, WP, PE */
	movl	%eax, %cr0
	ljmp	$KERNEL_CS, $PHYS(tb_start64_low)

	.code64
tb_start64_low:
	movabsq	$tb_start64, %rax
	jmp	*%rax

	.section .text, "ax"
tb_start64:
	leaq	tb_boot_stack_top(%rip), %rsp
	lgdt	tb_gdt_desc64(%rip)
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%esi, %edi
	call	tb_main
	ud2

/* The first entry to user mode leaves as every later one does: the fixture's IRET exit. */
	.globl tb_enter_user
tb_enter_user:
	movq	%rdi, %rsp
	jmp	ref_return_to_user_iret

	.section .data, "aw"
tb_gdt_desc32:
	.word	GDT_ENTRIES * 8 - 1
	.long	PHYS(tb_gdt)
tb_gdt_desc64:
	.word	GDT_ENTRIES * 8 - 1
	.quad	tb_gdt

/*
 * KERNEL_CS 0x10 and KERNEL_DS 0x18 (SYSCALL's STAR base); USER32_CS 0x23, USER_DS 0x2b and
 * USER_CS 0x33 (SYSRET's); the TSS at 0x40, filled in at boot.  Accessed bits preset: the user
 * page tables map the GDT, but the CPU need not write it.
 */
	.section .testbed.umap, "aw"
	.balign 4096
	.globl tb_gdt
tb_gdt:
	.quad	0
	.quad	0x00cf9b000000ffff		/* 0x08: 32-bit kernel code, unused */
	.quad	0x00af9b000000ffff		/* 0x10: KERNEL_CS */
	.quad	0x00cf93000000ffff		/* 0x18: KERNEL_DS */
	.quad	0x00cffb000000ffff		/* 0x23: USER32_CS */
	.quad	0x00cff3000000ffff		/* 0x2b: USER_DS */
	.quad	0x00affb000000ffff		/* 0x33: USER_CS */
	.quad	0
	.quad	0, 0				/* 0x40: TSS */
	.balign 4096

	.section .bss, "aw", @nobits
	.balign 4096
tb_boot_pml4:	.skip 4096
tb_boot_pdpt:	.skip 4096
tb_boot_pd:	.skip 4096
tb_boot_stack:	.skip 16384
tb_boot_stack_top:

/*
 * Every vector the fixture does not own, and the exit gate: a stub per vector (16 bytes each,
 * an error code pushed where the CPU does not push one) into one C function that does not
 * return.  User-mapped, as they run first under the user CR3; they leave it at once.
 */
	.section .testbed.entry, "ax"
	.balign 16
	.globl tb_vectors
tb_vectors:
	.set	vec, 0
	.rept	256
	.balign	16
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	pushq	$0
	.endif
	pushq	$vec
	jmp	tb_vector_common
	.set	vec, vec + 1
	.endr

tb_vector_common:
	movq	%cr3, %rsi			/* the C side checks PTI ran on the user set */
	movq	%rsi, %rax
	andq	$~(1 << PTI_USER_BIT), %rax
	movq	%rax, %cr3
	movq	%rsp, %rdi
	movabsq	$tb_vector, %rax
	call	*%rax
	ud2
