/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The QEMU testbed for the reference atomic-IST entry: layout shared by the boot asm, the setup
 * C, the linker script and the user program.  Written for istcheck; no kernel code.
 */
#ifndef _TESTBED_H
#define _TESTBED_H

/* Linked like the kernel: high half, loaded at 1 MiB. */
#define KVBASE		0xffffffff80000000
#define LOAD_PHYS	0x100000
#define USER_BASE	0x400000

#define KERNEL_DS	0x18
#define USER32_CS	0x23
#define TSS_SEL		0x40
#define GDT_ENTRIES	10

/* Testbed-owned vectors. */
#define VEC_EXIT	0x81		/* DPL 3: the user program is done (or failed) */

/* Exit codes written to isa-debug-exit (QEMU exits with code << 1 | 1). */
#define EXIT_OK		0x10
#define EXIT_FAIL	0x11

/* The user program's report, at user_report (user memory the kernel reads at exit). */
#define REP_EVENT	0		/* 0: no failure; else one of EV_* */
#define REP_REG		8		/* register index, REG_* */
#define REP_GOT		16
#define REP_WANT	24
#define REP_ITER	32		/* the iteration running (or, at the end, done) */
#define REP_ITERS	40		/* set by the kernel before the first entry */
#define REP_SIZE	48

#define EV_SYSCALL	1
#define EV_DB		2
#define EV_GP		3
#define EV_SPOT		4		/* after user_nmi_spot / user_mc_spot */

/* Register indexes in the want table and reports. */
#define REG_RAX		0
#define REG_RBX		1
#define REG_RCX		2
#define REG_RDX		3
#define REG_RSI		4
#define REG_RDI		5
#define REG_RBP		6
#define REG_RSP		7
#define REG_R8		8
#define REG_R9		9
#define REG_R10		10
#define REG_R11		11
#define REG_R12		12
#define REG_R13		13
#define REG_R14		14
#define REG_R15		15
#define NR_REGS		16

/* RFLAGS the SYSCALL is made with (CF, AF, SF; IF stays clear: no interrupt source is set up). */
#define USER_SYSCALL_FLAGS	0x93

/* Single-step traps per iteration: three NOPs, PUSHF, AND, and the POPF that clears TF. */
#define DB_PER_ITER	6

#ifndef __ASSEMBLER__
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

/* Feature words as the kernel numbers them (tests/fixtures/kasm.h and ref_entry.S). */
#define FEAT(w, b)		((w) * 32 + (b))
#define NR_FEATURE_WORDS	22

extern u32 tb_features[NR_FEATURE_WORDS];

static inline int tb_has(unsigned int f)
{
	return f / 32 < NR_FEATURE_WORDS && (tb_features[f / 32] >> (f % 32)) & 1;
}

void tb_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void tb_exit(int code);
void tb_apply_alternatives(void);
#endif

#endif
