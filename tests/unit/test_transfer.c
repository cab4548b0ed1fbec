/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract engine's transfer functions on decoded instructions: what transfer_insn() does to
 * the abstract state and what refine_branch() concludes on each edge of a conditional jump.
 * These are the dataflow facts the rules stand on (GSBASE parity through swapgs, CR3 through
 * the SWITCH_*_CR3 sequences, trusted stack loads, zero idioms, the CS test, the handler's
 * SYSRET verdict), each checked on the state a rule would read.  Raw bytes are decoded in a
 * plain text section; instructions that need a relocation (%gs:top_of_stack) are decoded from
 * the mini_entry.o fixture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <istcheck/analysis.h>
#include <istcheck/decode.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include "../../src/analysis/analysis_internal.h"	/* transfer_insn(), refine_branch() */
#include "fake_elf.h"

static struct decoder *dec;
static struct fake_elf raw;		/* a final link with one entry text section and no symbols */
static struct ist_file fixture;		/* mini_entry.o */
static struct model model;

static int setup(void **state)
{
	const char *dir = getenv("FIXTURES");
	char path[512];

	(void)state;
	dec = decoder_new();
	if (!dec || !dir)
		return -1;
	fake_elf_init(&raw, "raw", false);
	fake_section(&raw, ".text", SHF_ALLOC | SHF_EXECINSTR, 0x1000, 0x1000, NULL, CODE_ENTRY);
	fake_elf_done(&raw);
	snprintf(path, sizeof(path), "%s/mini_entry.o", dir);
	return read_elf(&fixture.elf, path) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	close_elf(&fixture.elf);
	decoder_free(dec);
	return 0;
}

/* Each test starts from an empty model; the ones that need a model entry add it. */
static int reset_model(void **state)
{
	(void)state;
	memset(&model, 0, sizeof(model));
	return 0;
}

static void decode_raw(const uint8_t *bytes, size_t len, struct insn *insn)
{
	assert_int_equal(decode_insn(dec, &raw.ef, &raw.secs[1], 0x1000, bytes, len, insn), len);
	assert_int_not_equal(insn->type, INSN_INVALID);
}

/* Decode the bytes as exactly one instruction. */
#define DECODE(insn, ...) do {							\
	static const uint8_t b_[] = { __VA_ARGS__ };				\
	decode_raw(b_, sizeof(b_), (insn));					\
} while (0)

/* The state at a SYSCALL entry from user mode (the engine's init_state()). */
static void syscall_state(struct astate *st)
{
	memset(st, 0, sizeof(*st));
	st->origin = V_USER;
	st->stack = STK_USER;
	st->gs = st->gs_entry = V_USER;
	for (int g = 0; g < NR_GPRS; g++)
		st->regs[g].kind = RV_USER, st->regs[g].v = g;
}

static struct actx ctx(struct astate *st)
{
	struct actx c = { .an = NULL, .file = &fixture, .model = &model, .st = st };

	return c;
}

static void step(struct astate *st, const struct insn *insn)
{
	struct actx c = ctx(st);

	transfer_insn(&c, insn);
}

/* Decode the bytes as one instruction and transfer it. */
#define STEP(st, ...) do {							\
	struct insn i_;								\
	DECODE(&i_, __VA_ARGS__);						\
	step((st), &i_);							\
} while (0)

/*
 * One edge of the conditional jump jcc from state st, as the engine takes it: the jump is
 * transferred, then the copy for that edge refined.  *out is the edge's state; returns whether
 * the edge can happen.
 */
static bool edge(const struct astate *st, const struct insn *jcc, bool taken, struct astate *out)
{
	struct actx c;

	assert_int_equal(jcc->type, INSN_JUMP_COND);
	*out = *st;
	step(out, jcc);
	c = ctx(out);
	return refine_branch(&c, jcc, taken);
}

static struct insn jz, jnz, js, jns, jc, jnc;

static int decode_jumps(void **state)
{
	DECODE(&jz, 0x74, 0x10);
	DECODE(&jnz, 0x75, 0x10);
	DECODE(&js, 0x78, 0x10);
	DECODE(&jns, 0x79, 0x10);
	DECODE(&jc, 0x72, 0x10);
	DECODE(&jnc, 0x73, 0x10);
	return reset_model(state);
}

static void assert_rval(const struct rval *r, uint8_t kind, int64_t v)
{
	assert_int_equal(r->kind, kind);
	assert_int_equal(r->v, v);
}

/* --- GSBASE --- */

static void test_swapgs_flips_gs_and_parity(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0x0f, 0x01, 0xf8);			/* swapgs */
	assert_int_equal(st.gs, V_KERNEL);
	assert_int_equal(st.gs_par, 1);
	assert_int_equal(st.gs_entry, V_USER);		/* the entry value stays */
	STEP(&st, 0x0f, 0x01, 0xf8);
	assert_int_equal(st.gs, V_USER);
	assert_int_equal(st.gs_par, 0);

	/* An unknown GSBASE (an IST entry from kernel mode) stays unknown; parity still counts. */
	st.gs = V_UNKNOWN;
	STEP(&st, 0x0f, 0x01, 0xf8);
	assert_int_equal(st.gs, V_UNKNOWN);
	assert_int_equal(st.gs_par, 1);
}

/* FSGSBASE paranoid entry: rdgsbase saves the value, wrgsbase restores exactly it. */
static void test_rdgsbase_wrgsbase_restore(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	st.gs = V_UNKNOWN;
	STEP(&st, 0x0f, 0x01, 0xf8);			/* swapgs */
	STEP(&st, 0xf3, 0x48, 0x0f, 0xae, 0xc8);		/* rdgsbase %rax */
	assert_int_equal(st.regs[GPR_RAX].kind, RV_GSBASE);
	assert_int_equal(st.regs[GPR_RAX].val, V_UNKNOWN);
	assert_int_equal(st.regs[GPR_RAX].par, 1);
	STEP(&st, 0x0f, 0x01, 0xf8);			/* swapgs */
	assert_int_equal(st.gs_par, 0);
	STEP(&st, 0xf3, 0x48, 0x0f, 0xae, 0xd8);		/* wrgsbase %rax */
	assert_int_equal(st.gs, V_UNKNOWN);
	assert_int_equal(st.gs_par, 1);			/* as saved: one swapgs from entry */
	assert_int_equal(st.gs_abs, 0);

	/* Any other value written is the per-CPU base SAVE_AND_SET_GSBASE computed. */
	STEP(&st, 0xf3, 0x48, 0x0f, 0xae, 0xdb);		/* wrgsbase %rbx */
	assert_int_equal(st.gs, V_KERNEL);
	assert_int_equal(st.gs_abs, 1);
}

/* rdmsr(MSR_GS_BASE); test %edx,%edx; js: the sign says kernel, on both edges. */
static void test_gsbase_sign_refines_gs(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	st.origin = V_KERNEL;
	st.gs = st.gs_entry = V_UNKNOWN;
	STEP(&st, 0xb9, 0x01, 0x01, 0x00, 0xc0);		/* mov $MSR_GS_BASE, %ecx */
	STEP(&st, 0x0f, 0x32);				/* rdmsr */
	assert_int_equal(st.regs[GPR_RDX].kind, RV_GSBASE_HI);
	assert_int_equal(st.regs[GPR_RAX].kind, RV_UNKNOWN);
	STEP(&st, 0x85, 0xd2);				/* test %edx,%edx */
	assert_int_equal(st.fs_kind, FS_GS_SIGN);
	assert_int_equal(st.fs_reg, GPR_RDX);

	assert_true(edge(&st, &js, true, &e));		/* negative: kernel GSBASE */
	assert_int_equal(e.gs, V_KERNEL);
	assert_int_equal(e.gs_entry, V_KERNEL);
	assert_true(edge(&st, &js, false, &e));
	assert_int_equal(e.gs, V_USER);
	assert_int_equal(e.gs_entry, V_USER);
	assert_true(edge(&st, &jns, true, &e));
	assert_int_equal(e.gs, V_USER);

	/* After a swapgs the value read is no longer the current one: only the entry is refined. */
	STEP(&st, 0x0f, 0x01, 0xf8);
	assert_int_equal(st.fs_kind, FS_GS_SIGN);	/* swapgs keeps the flags */
	assert_true(edge(&st, &js, true, &e));
	assert_int_equal(e.gs_entry, V_KERNEL);
	assert_int_equal(e.gs, V_UNKNOWN);

	/* A known value rules out the other edge. */
	syscall_state(&st);
	st.gs = V_KERNEL;
	STEP(&st, 0xb9, 0x01, 0x01, 0x00, 0xc0);
	STEP(&st, 0x0f, 0x32);
	STEP(&st, 0x85, 0xd2);
	assert_true(edge(&st, &js, true, &e));
	assert_false(edge(&st, &js, false, &e));

	/* Another MSR says nothing of GSBASE. */
	syscall_state(&st);
	STEP(&st, 0xb9, 0x00, 0x01, 0x00, 0xc0);		/* mov $MSR_FS_BASE, %ecx */
	STEP(&st, 0x0f, 0x32);
	assert_int_equal(st.regs[GPR_RDX].kind, RV_UNKNOWN);
}

/* --- CR3 --- */

/* SWITCH_TO_KERNEL_CR3 scratch_reg=%rax: read, clear the PTI bits, write. */
static void test_cr3_switch_to_kernel(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	st.cr3 = st.cr3_entry = V_USER;
	STEP(&st, 0x0f, 0x20, 0xd8);			/* mov %cr3, %rax */
	assert_int_equal(st.regs[GPR_RAX].kind, RV_CR3);
	assert_int_equal(st.regs[GPR_RAX].val, V_USER);
	assert_int_equal(st.regs[GPR_RAX].abs, 0);
	STEP(&st, 0x48, 0x0f, 0xba, 0xe8, 0x3f);		/* bts $63, %rax: NOFLUSH */
	assert_int_equal(st.regs[GPR_RAX].kind, RV_CR3);
	assert_int_equal(st.regs[GPR_RAX].val, V_USER);
	assert_int_equal(st.cr3, V_USER);		/* nothing written yet */
	STEP(&st, 0x48, 0x25, 0xff, 0xe7, 0xff, 0xff);	/* and $~0x1800, %rax */
	assert_int_equal(st.regs[GPR_RAX].kind, RV_CR3);
	assert_int_equal(st.regs[GPR_RAX].val, V_KERNEL);
	assert_int_equal(st.regs[GPR_RAX].abs, 1);
	STEP(&st, 0x0f, 0x22, 0xd8);			/* mov %rax, %cr3 */
	assert_int_equal(st.cr3, V_KERNEL);
	assert_int_equal(st.cr3_abs, 1);
	assert_int_equal(st.cr3_entry, V_USER);

	/* SWITCH_TO_USER_CR3: or the PTI bits in. */
	STEP(&st, 0x0f, 0x20, 0xd8);
	STEP(&st, 0x48, 0x0d, 0x00, 0x18, 0x00, 0x00);	/* or $0x1800, %rax */
	assert_int_equal(st.regs[GPR_RAX].val, V_USER);
	STEP(&st, 0x0f, 0x22, 0xd8);
	assert_int_equal(st.cr3, V_USER);

	/* A value not known to be a CR3 makes CR3 unknown. */
	STEP(&st, 0x31, 0xc0);				/* xor %eax, %eax */
	STEP(&st, 0x0f, 0x22, 0xd8);
	assert_int_equal(st.cr3, V_UNKNOWN);
	assert_int_equal(st.cr3_abs, 1);
}

/* PARANOID_RESTORE_CR3: the CR3 saved at entry, written back, is the entry value again. */
static void test_cr3_restore_saved(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	st.origin = V_KERNEL;
	st.cr3 = st.cr3_entry = V_UNKNOWN;
	STEP(&st, 0x41, 0x0f, 0x20, 0xde);		/* mov %cr3, %r14 */
	STEP(&st, 0x0f, 0x20, 0xd8);			/* mov %cr3, %rax */
	STEP(&st, 0x48, 0x25, 0xff, 0xe7, 0xff, 0xff);	/* and $~0x1800, %rax */
	STEP(&st, 0x0f, 0x22, 0xd8);			/* mov %rax, %cr3 */
	assert_int_equal(st.cr3, V_KERNEL);
	assert_int_equal(st.cr3_abs, 1);
	STEP(&st, 0x41, 0x0f, 0x22, 0xde);		/* mov %r14, %cr3 */
	assert_int_equal(st.cr3, V_UNKNOWN);
	assert_int_equal(st.cr3_abs, 0);
}

/* bt $12 (the user page-table bit) on the entry CR3: each edge knows which tables it runs on. */
static void test_cr3_bit12_refines(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	st.origin = V_KERNEL;
	st.cr3 = st.cr3_entry = V_UNKNOWN;
	STEP(&st, 0x0f, 0x20, 0xd8);			/* mov %cr3, %rax */
	STEP(&st, 0x48, 0x89, 0xc3);			/* mov %rax, %rbx */
	STEP(&st, 0x48, 0x0f, 0xba, 0xe0, 0x0c);		/* bt $12, %rax */
	assert_int_equal(st.fs_kind, FS_CR3_BIT12);

	assert_true(edge(&st, &jc, true, &e));
	assert_int_equal(e.cr3, V_USER);
	assert_int_equal(e.cr3_entry, V_USER);
	assert_int_equal(e.regs[GPR_RAX].val, V_USER);
	assert_int_equal(e.regs[GPR_RBX].val, V_USER);	/* the copy is the same value */
	assert_true(edge(&st, &jc, false, &e));
	assert_int_equal(e.cr3, V_KERNEL);
	assert_int_equal(e.cr3_entry, V_KERNEL);
	assert_true(edge(&st, &jnc, true, &e));
	assert_int_equal(e.cr3, V_KERNEL);

	/* A kernel CR3 value cannot have the bit set. */
	st.regs[GPR_RAX].val = V_KERNEL;
	assert_false(edge(&st, &jc, true, &e));
	assert_true(edge(&st, &jc, false, &e));
}

/* --- the stack --- */

/* mov %gs:SYM, %rsp */
static bool is_rsp_load(const struct insn *insn)
{
	return insn->op == OP_MOV && (insn->flags & INSN_F_GS) && insn->nr_ops == 2 &&
	       insn->ops[0].kind == OPND_MEM && insn->ops[1].kind == OPND_REG &&
	       gpr_index(insn->ops[1].reg) == GPR_RSP;
}

/* The n-th instruction of func in the fixture that want() accepts. */
static void find_insn(const char *func, bool (*want)(const struct insn *), unsigned n,
		      struct insn *insn)
{
	const struct symbol *s = find_symbol(&fixture.elf, func);
	const struct section *sec;

	assert_non_null(s);
	sec = s->sec;
	assert_non_null(sec);
	for (uint64_t a = s->addr; a < s->addr + s->size;) {
		a += decode_insn(dec, &fixture.elf, sec, a, sec->data + (a - sec->addr),
				 sec->addr + sec->size - a, insn);
		if (want(insn) && n-- == 0)
			return;
	}
	fail_msg("%s: instruction not found", func);
}

/* SWITCH_TO_KERNEL_CR3 scratch_reg=%rsp in the SYSCALL gap, then the model's trusted load. */
static void test_gap_scratch_and_trusted_load(void **state)
{
	struct model_stack_load loads[] = { { "top_of_stack", -1, STK_KERNEL } };
	struct insn load, scratch_load;
	struct astate st;

	(void)state;
	/* mov %gs:top_of_stack, %rsp, then (after the pushes) mov %gs:cpu_tss_sp2, %rsp */
	find_insn("mini_syscall", is_rsp_load, 0, &load);
	assert_non_null(load.mref.sym);
	assert_string_equal(load.mref.sym->name, "top_of_stack");
	find_insn("mini_syscall", is_rsp_load, 1, &scratch_load);
	assert_string_equal(scratch_load.mref.sym->name, "cpu_tss_sp2");

	syscall_state(&st);
	st.cr3 = V_USER;
	STEP(&st, 0x0f, 0x20, 0xdc);			/* mov %cr3, %rsp */
	STEP(&st, 0x48, 0x81, 0xe4, 0xff, 0xe7, 0xff, 0xff);	/* and $~0x1800, %rsp */
	STEP(&st, 0x0f, 0x22, 0xdc);			/* mov %rsp, %cr3 */
	assert_int_equal(st.cr3, V_KERNEL);
	assert_int_equal(st.stack, STK_USER);		/* scratch use: still the user's RSP */

	/* Without a model entry the load is not trusted: RSP stays the user's. */
	step(&st, &load);
	assert_int_equal(st.stack, STK_USER);

	model.stack_loads = loads;
	model.nr_stack_loads = 1;
	loads[0].offset = 8;				/* another slot of top_of_stack */
	step(&st, &load);
	assert_int_equal(st.stack, STK_USER);
	loads[0].offset = -1;
	step(&st, &load);
	assert_int_equal(st.stack, STK_KERNEL);
	assert_rval(&st.regs[GPR_RSP], RV_STACK, STK_KERNEL);

	/* An untrusted per-CPU load leaves the kernel stack for an unknown one. */
	step(&st, &scratch_load);
	assert_int_equal(st.stack, STK_UNKNOWN);
}

static void test_rsp_sources(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	st.stack = STK_IST;
	st.regs[GPR_RSP] = (struct rval){ .kind = RV_STACK, .v = STK_IST };

	/* lea off(%rsp), %reg: a pointer into the current stack (pt_regs). */
	STEP(&st, 0x48, 0x8d, 0x7c, 0x24, 0x08);		/* lea 8(%rsp), %rdi */
	assert_rval(&st.regs[GPR_RDI], RV_STACK, STK_IST);
	/* Moving within the stack keeps it. */
	STEP(&st, 0x48, 0x8d, 0x64, 0x24, 0x08);		/* lea 8(%rsp), %rsp */
	STEP(&st, 0x48, 0x83, 0xc4, 0x08);		/* add $8, %rsp */
	assert_int_equal(st.stack, STK_IST);

	/* A switcher's result (sync_regs, error_entry) is the task stack. */
	st.regs[GPR_RAX].kind = RV_NEWSTACK;
	STEP(&st, 0x48, 0x89, 0xc4);			/* mov %rax, %rsp */
	assert_int_equal(st.stack, STK_KERNEL);
	/* Back to the stack a pt_regs pointer points into. */
	STEP(&st, 0x48, 0x89, 0xfc);			/* mov %rdi, %rsp */
	assert_int_equal(st.stack, STK_IST);
	/* The frame's user RSP: mov RSP(%rsp), %rsp and pop %rsp. */
	STEP(&st, 0x48, 0x8b, 0xa4, 0x24, 0x98, 0x00, 0x00, 0x00);
	assert_int_equal(st.stack, STK_USER);
	st.stack = STK_KERNEL;
	STEP(&st, 0x5c);				/* pop %rsp */
	assert_int_equal(st.stack, STK_USER);
	/* Any other value: unknown, once off the user stack. */
	st.stack = STK_KERNEL;
	STEP(&st, 0x48, 0x89, 0xdc);			/* mov %rbx, %rsp: the user's rbx */
	assert_int_equal(st.stack, STK_USER);
	st.stack = STK_KERNEL;
	STEP(&st, 0x48, 0x83, 0xe4, 0xf0);		/* and $-16, %rsp */
	assert_int_equal(st.stack, STK_UNKNOWN);
}

/* --- constants --- */

static void test_zero_idioms(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0x31, 0xc0);				/* xor %eax, %eax */
	assert_rval(&st.regs[GPR_RAX], RV_CONST, 0);
	STEP(&st, 0x45, 0x31, 0xed);			/* xor %r13d, %r13d */
	assert_rval(&st.regs[GPR_R13], RV_CONST, 0);
	STEP(&st, 0x48, 0x29, 0xc9);			/* sub %rcx, %rcx */
	assert_rval(&st.regs[GPR_RCX], RV_CONST, 0);

	/* Below 32 bits the upper bits stay: not zero. */
	STEP(&st, 0xbb, 0x00, 0x00, 0x01, 0x00);		/* mov $0x10000, %ebx */
	assert_rval(&st.regs[GPR_RBX], RV_CONST, 0x10000);
	STEP(&st, 0x66, 0x31, 0xdb);			/* xor %bx, %bx */
	assert_int_equal(st.regs[GPR_RBX].kind, RV_UNKNOWN);
	STEP(&st, 0x66, 0x45, 0x31, 0xed);		/* xor %r13w, %r13w */
	assert_int_equal(st.regs[GPR_R13].kind, RV_UNKNOWN);
	/* Two registers: whatever the user had. */
	STEP(&st, 0x31, 0xf2);				/* xor %esi, %edx */
	assert_int_equal(st.regs[GPR_RDX].kind, RV_UNKNOWN);
	assert_rval(&st.regs[GPR_RSI], RV_USER, GPR_RSI);
}

static void test_constants(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0xb8, 0xff, 0xff, 0xff, 0xff);		/* mov $-1, %eax: zero-extended */
	assert_rval(&st.regs[GPR_RAX], RV_CONST, 0xffffffff);
	STEP(&st, 0x48, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff);	/* mov $-1, %rax */
	assert_rval(&st.regs[GPR_RAX], RV_CONST, -1);
	STEP(&st, 0x25, 0x00, 0x01, 0x00, 0x00);		/* and $0x100, %eax */
	assert_rval(&st.regs[GPR_RAX], RV_CONST, -1 & 0x100);
	STEP(&st, 0x48, 0x0d, 0x01, 0x00, 0x00, 0x00);	/* or $1, %rax */
	assert_rval(&st.regs[GPR_RAX], RV_CONST, 0x101);
	STEP(&st, 0x48, 0x89, 0xc3);			/* mov %rax, %rbx */
	assert_rval(&st.regs[GPR_RBX], RV_CONST, 0x101);
	STEP(&st, 0x48, 0x83, 0xc0, 0x01);		/* add $1, %rax: not followed */
	assert_int_equal(st.regs[GPR_RAX].kind, RV_UNKNOWN);
	STEP(&st, 0x48, 0x8b, 0x1b);			/* mov (%rbx), %rbx: memory */
	assert_int_equal(st.regs[GPR_RBX].kind, RV_UNKNOWN);
}

static void test_clobber_caller_saved(void **state)
{
	struct astate st;

	(void)state;
	syscall_state(&st);
	clobber_caller_saved(&st);
	for (int g = 0; g < NR_GPRS; g++) {
		bool saved = g == GPR_RBX || g == GPR_RSP || g == GPR_RBP || g >= GPR_R12;

		assert_int_equal(st.regs[g].kind, saved ? RV_USER : RV_UNKNOWN);
	}
}

/* --- branches --- */

/* testb $3, CS(%rsp): each origin takes one edge of jz and jnz; the other cannot happen. */
static void test_cs_test_prunes_by_origin(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0xf6, 0x84, 0x24, 0x88, 0x00, 0x00, 0x00, 0x03);	/* testb $3, 0x88(%rsp) */
	assert_int_equal(st.fs_kind, FS_ORIGIN);

	st.origin = V_USER;
	assert_false(edge(&st, &jz, true, &e));
	assert_true(edge(&st, &jz, false, &e));
	assert_true(edge(&st, &jnz, true, &e));
	assert_false(edge(&st, &jnz, false, &e));
	assert_true(edge(&st, &js, true, &e));		/* SF: the test says nothing */
	assert_true(edge(&st, &js, false, &e));

	st.origin = V_KERNEL;
	assert_true(edge(&st, &jz, true, &e));
	assert_false(edge(&st, &jz, false, &e));
	assert_false(edge(&st, &jnz, true, &e));
	assert_true(edge(&st, &jnz, false, &e));
	assert_int_equal(e.origin, V_KERNEL);		/* refining does not change the origin */

	/* A move keeps the flags; arithmetic ends what they meant. */
	STEP(&st, 0x48, 0x89, 0xc3);			/* mov %rax, %rbx */
	assert_false(edge(&st, &jnz, true, &e));
	STEP(&st, 0x48, 0x83, 0xc0, 0x01);		/* add $1, %rax */
	assert_int_equal(st.fs_kind, FS_NONE);
	assert_true(edge(&st, &jnz, true, &e));
	assert_true(edge(&st, &jnz, false, &e));
}

/* testb $4, SS-RIP(%rsp) at .Lnative_iret: an LDT stack segment only comes from user mode. */
static void test_ldt_ss_test(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0xf6, 0x44, 0x24, 0x20, 0x04);		/* testb $4, 0x20(%rsp) */
	assert_int_equal(st.fs_kind, FS_LDT_SS);
	st.origin = V_KERNEL;
	assert_false(edge(&st, &jnz, true, &e));
	assert_true(edge(&st, &jnz, false, &e));
	st.origin = V_USER;
	assert_true(edge(&st, &jnz, true, &e));
	assert_true(edge(&st, &jnz, false, &e));
}

static void test_constant_test(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	STEP(&st, 0x31, 0xc0);				/* xor %eax, %eax */
	STEP(&st, 0x85, 0xc0);				/* test %eax, %eax */
	assert_int_equal(st.fs_kind, FS_CONST);
	assert_true(edge(&st, &jz, true, &e));
	assert_false(edge(&st, &jz, false, &e));

	STEP(&st, 0xb8, 0x01, 0x00, 0x00, 0x00);		/* mov $1, %eax */
	STEP(&st, 0x85, 0xc0);
	assert_false(edge(&st, &jz, true, &e));
	assert_true(edge(&st, &jz, false, &e));

	/* The user's value: both. */
	STEP(&st, 0x85, 0xdb);				/* test %ebx, %ebx */
	assert_int_equal(st.fs_kind, FS_NONE);
	assert_true(edge(&st, &jz, true, &e));
	assert_true(edge(&st, &jz, false, &e));
}

/* testb %al, %al after the syscall handler: SYSRET is vetted where the verdict is true. */
static void test_verdict_vets_sysret(void **state)
{
	struct astate st, e;

	(void)state;
	syscall_state(&st);
	clobber_caller_saved(&st);
	st.regs[GPR_RAX].kind = RV_VERDICT;		/* the engine's summary of the vetter */
	STEP(&st, 0x84, 0xc0);				/* test %al, %al */
	assert_int_equal(st.fs_kind, FS_VERDICT);

	/* jz to the IRET path: vetted only when not taken. */
	assert_true(edge(&st, &jz, true, &e));
	assert_false(e.flags & AF_VETTED);
	assert_true(edge(&st, &jz, false, &e));
	assert_true(e.flags & AF_VETTED);
	/* jnz to the SYSRET path: vetted when taken. */
	assert_true(edge(&st, &jnz, true, &e));
	assert_true(e.flags & AF_VETTED);
	assert_true(edge(&st, &jnz, false, &e));
	assert_false(e.flags & AF_VETTED);

	/* Any other RAX is no verdict. */
	syscall_state(&st);
	clobber_caller_saved(&st);
	STEP(&st, 0x84, 0xc0);
	assert_int_not_equal(st.fs_kind, FS_VERDICT);
	assert_true(edge(&st, &jz, false, &e));
	assert_false(e.flags & AF_VETTED);
}

/* cmpq %rcx, RIP(%rsp) with a model user RIP in RCX: equal means the user GSBASE (and CR3). */
static void test_user_rip_compare(void **state)
{
	const struct symbol *s = find_symbol(&fixture.elf, "mini_load_gs");
	struct model_user_rip rips[] = { { "mini_load_gs", false, true } };
	struct astate st, e;

	(void)state;
	assert_non_null(s);
	model.user_rips = rips;
	model.nr_user_rips = 1;
	syscall_state(&st);
	st.origin = V_KERNEL;
	st.stack = STK_KERNEL;
	st.gs = V_KERNEL;
	st.cr3 = V_KERNEL;
	st.regs[GPR_RCX] = (struct rval){ .kind = RV_ADDR, .v = (int64_t)s->addr };
	STEP(&st, 0x48, 0x39, 0x8c, 0x24, 0x80, 0x00, 0x00, 0x00);	/* cmp %rcx, 0x80(%rsp) */
	assert_int_equal(st.fs_kind, FS_EQ_ADDR);
	assert_int_equal(st.fs_v, (int64_t)s->addr);

	assert_true(edge(&st, &jz, true, &e));
	assert_int_equal(e.gs, V_USER);
	assert_int_equal(e.gs_abs, 1);
	assert_true(e.flags & AF_FIXUP);
	assert_int_equal(e.stack, STK_ENTRY);		/* the trampoline stack */
	assert_int_equal(e.cr3, V_KERNEL);		/* no PTI assumed on this path */
	assert_true(edge(&st, &jz, false, &e));
	assert_int_equal(e.gs, V_KERNEL);
	assert_false(e.flags & AF_FIXUP);
	assert_true(edge(&st, &jnz, false, &e));
	assert_int_equal(e.gs, V_USER);

	/* With PTI, the user CR3 as well. */
	st.lits[0] = (struct feat_lit){ .feature = X86_FEATURE_PTI, .neg = false };
	st.nr_lits = 1;
	assert_true(edge(&st, &jz, true, &e));
	assert_int_equal(e.cr3, V_USER);

	/* Another address: nothing learnt. */
	st.fs_v = (int64_t)s->addr + 1;
	assert_true(edge(&st, &jz, true, &e));
	assert_int_equal(e.gs, V_KERNEL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_swapgs_flips_gs_and_parity, decode_jumps),
		cmocka_unit_test_setup(test_rdgsbase_wrgsbase_restore, decode_jumps),
		cmocka_unit_test_setup(test_gsbase_sign_refines_gs, decode_jumps),
		cmocka_unit_test_setup(test_cr3_switch_to_kernel, decode_jumps),
		cmocka_unit_test_setup(test_cr3_restore_saved, decode_jumps),
		cmocka_unit_test_setup(test_cr3_bit12_refines, decode_jumps),
		cmocka_unit_test_setup(test_gap_scratch_and_trusted_load, decode_jumps),
		cmocka_unit_test_setup(test_rsp_sources, decode_jumps),
		cmocka_unit_test_setup(test_zero_idioms, decode_jumps),
		cmocka_unit_test_setup(test_constants, decode_jumps),
		cmocka_unit_test_setup(test_clobber_caller_saved, decode_jumps),
		cmocka_unit_test_setup(test_cs_test_prunes_by_origin, decode_jumps),
		cmocka_unit_test_setup(test_ldt_ss_test, decode_jumps),
		cmocka_unit_test_setup(test_constant_test, decode_jumps),
		cmocka_unit_test_setup(test_verdict_vets_sysret, decode_jumps),
		cmocka_unit_test_setup(test_user_rip_compare, decode_jumps),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
