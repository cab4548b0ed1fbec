// SPDX-License-Identifier: GPL-2.0
/*
 * What one instruction does to the abstract state, and what a conditional branch tells it.
 *
 * Only the dataflow entry code relies on is modelled: constants and addresses (MSR numbers, the
 * RIPs error_entry compares with), CR3 values through the SWITCH_*_CR3 and paranoid save/restore
 * sequences, GSBASE values through rdmsr/rdgsbase/wrgsbase, the new stack a switcher returns, and
 * the C handler's SYSRET verdict.  Anything else written becomes unknown.
 */
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>
#include "analysis_internal.h"

#define MSR_GS_BASE	0xc0000101
#define PTI_USER_BIT	12
#define SEG_TI_LDT	4	/* selector bit 2: the selector is in the LDT */
#define IRET_SS_SLOT	0x20	/* SS relative to RIP in an IRET frame */

/* The operation, whatever its size suffix (decode.c classifies once per instruction). */
static bool mn_is(const struct insn *insn, enum insn_op op)
{
	return insn->op == op;
}

static int op_gpr(const struct operand *op)
{
	return op && op->kind == OPND_REG ? gpr_index(op->reg) : -1;
}

static const struct operand *dst_op(const struct insn *insn)
{
	return insn->nr_ops ? &insn->ops[insn->nr_ops - 1] : NULL;
}

static struct rval rv(uint8_t kind, int64_t v)
{
	struct rval r;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.v = v;
	return r;
}

static struct rval rv_state(uint8_t kind, uint8_t val, uint8_t abs, uint8_t par)
{
	struct rval r = rv(kind, 0);

	r.val = val;
	r.abs = abs;
	r.par = par;
	return r;
}

/* The value a source operand provides. */
static struct rval source_value(const struct astate *st, const struct insn *insn, const struct operand *op)
{
	int g;

	switch (op->kind) {
	case OPND_REG:
		g = op_gpr(op);
		return g >= 0 ? st->regs[g] : rv(RV_UNKNOWN, 0);
	case OPND_IMM:
		if (insn->iref.known)
			return rv(RV_ADDR, (int64_t)insn->iref.addr);
		return rv(RV_CONST, op->imm);
	default:
		return rv(RV_UNKNOWN, 0);
	}
}

static void set_reg(struct astate *st, int g, struct rval v)
{
	if (g >= 0)
		st->regs[g] = v;
}

/* Everything a C function may clobber under the kernel ABI. */
void clobber_caller_saved(struct astate *st)
{
	static const int clobbered[] = { GPR_RAX, GPR_RCX, GPR_RDX, GPR_RSI, GPR_RDI, GPR_R8, GPR_R9,
					 GPR_R10, GPR_R11 };

	for (size_t i = 0; i < ARRAY_SIZE(clobbered); i++)
		st->regs[clobbered[i]] = rv(RV_UNKNOWN, 0);
}

static uint8_t flip(uint8_t v)
{
	return v == V_USER ? V_KERNEL : v == V_KERNEL ? V_USER : V_UNKNOWN;
}

static enum stack_kind gs_stack_load(const struct actx *c, const struct insn *insn)
{
	const struct model *m = c->model;

	if (!insn->mref.sym)
		return STK_UNKNOWN;
	for (size_t i = 0; i < m->nr_stack_loads; i++)
		if (!strcmp(m->stack_loads[i].symbol, insn->mref.sym->name) &&
		    (m->stack_loads[i].offset < 0 || m->stack_loads[i].offset == insn->mref.off))
			return m->stack_loads[i].stack;
	return STK_UNKNOWN;
}

/* Which stack a value written to RSP points to, as far as the model knows. */
static enum stack_kind rsp_source(const struct actx *c, const struct insn *insn, const struct operand *src)
{
	const struct astate *st = c->st;
	int g = op_gpr(src);

	/* The commit of an atomic-IST entry loads the IST main stack, whatever the register says. */
	if (model_is_commit(c->model, &c->file->elf, insn->addr))
		return STK_MAIN;
	if (src && src->kind == OPND_MEM && (insn->flags & INSN_F_GS))
		return gs_stack_load(c, insn);
	if (src && src->kind == OPND_MEM && gpr_index(src->mem.base) == GPR_RSP)
		return STK_USER;	/* mov RSP(%rsp),%rsp: the frame's user RSP */
	if (g >= 0 && st->regs[g].kind == RV_NEWSTACK)
		return STK_KERNEL;
	if (g >= 0 && st->regs[g].kind == RV_USER)
		return STK_USER;
	if (g >= 0 && st->regs[g].kind == RV_STACK)
		return (enum stack_kind)st->regs[g].v;
	return STK_UNKNOWN;
}

/* A write of RSP.  Scratch use of RSP in the SYSCALL gap keeps it the user's; only a load the
 * model trusts (or a switcher's result) makes it trusted. */
static void write_rsp(struct astate *st, enum stack_kind to)
{
	if (st->stack != STK_USER || to != STK_UNKNOWN)
		st->stack = to;
	st->regs[GPR_RSP] = rv(RV_STACK, st->stack);
}

static void set_flags(struct astate *st, uint8_t kind, int reg, int64_t v)
{
	st->fs_kind = kind;
	st->fs_reg = reg < 0 ? 0 : (uint8_t)reg;
	st->fs_v = v;
}

/* test/cmp/bt: remember what the flags mean, when they mean something the model knows. */
static bool read_test(struct astate *st, const struct insn *insn)
{
	const struct operand *a = &insn->ops[0], *b = &insn->ops[insn->nr_ops > 1 ? 1 : 0];
	int ga = op_gpr(a), gb = op_gpr(b);

	if (mn_is(insn, OP_TEST) && insn->nr_ops == 2) {
		if (a->kind == OPND_IMM && a->imm == 3 && b->kind == OPND_MEM) {
			set_flags(st, FS_ORIGIN, -1, 0);
		} else if (a->kind == OPND_IMM && a->imm == SEG_TI_LDT && b->kind == OPND_MEM &&
			   gpr_index(b->mem.base) == GPR_RSP && b->mem.disp == IRET_SS_SLOT) {
			set_flags(st, FS_LDT_SS, -1, 0);	/* the ESPFIX64 test at .Lnative_iret */
		} else if (ga >= 0 && ga == gb && st->regs[ga].kind == RV_GSBASE_HI) {
			set_flags(st, FS_GS_SIGN, ga, 0);
		} else if (ga >= 0 && ga == gb && st->regs[ga].kind == RV_CONST) {
			set_flags(st, FS_CONST, ga, st->regs[ga].v);
		} else if (ga == GPR_RAX && gb == GPR_RAX && st->regs[GPR_RAX].kind == RV_VERDICT) {
			set_flags(st, FS_VERDICT, ga, 0);
		} else {
			return false;
		}
		return true;
	}
	if (mn_is(insn, OP_BT) && insn->nr_ops == 2 && a->kind == OPND_IMM && a->imm == PTI_USER_BIT &&
	    gb >= 0 && st->regs[gb].kind == RV_CR3) {
		set_flags(st, FS_CR3_BIT12, gb, 0);
		return true;
	}
	if (mn_is(insn, OP_CMP) && insn->nr_ops == 2 && b->kind == OPND_MEM &&
	    gpr_index(b->mem.base) == GPR_RSP) {
		struct rval v = source_value(st, insn, a);

		if (v.kind == RV_ADDR) {
			set_flags(st, FS_EQ_ADDR, -1, v.v);
			return true;
		}
	}
	return false;
}

static bool keeps_flags(const struct insn *insn)
{
	switch (insn->type) {
	case INSN_NOP: case INSN_PUSH: case INSN_POP: case INSN_SWAPGS: case INSN_LFENCE:
	case INSN_ENDBR: case INSN_CR3_READ: case INSN_CR3_WRITE: case INSN_RDGSBASE:
	case INSN_WRGSBASE: case INSN_CLAC: case INSN_STAC: case INSN_JUMP: case INSN_MFENCE:
	case INSN_JUMP_COND:
		return true;
	default:
		return mn_is(insn, OP_MOV) || mn_is(insn, OP_LEA);
	}
}

static void transfer_mov(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;
	const struct operand *src = &insn->ops[0], *dst = dst_op(insn);
	int g = op_gpr(dst);

	if (insn->nr_ops != 2)
		return;
	if (g == GPR_RSP) {
		write_rsp(st, rsp_source(c, insn, src));
		return;
	}
	if (dst->kind != OPND_REG)
		return;
	if (src->kind == OPND_REG || src->kind == OPND_IMM) {
		struct rval v = source_value(st, insn, src);

		if (v.kind == RV_CONST && dst->size == 4)
			v.v = (int64_t)(uint32_t)v.v;
		set_reg(st, g, v);
		return;
	}
	set_reg(st, g, rv(RV_UNKNOWN, 0));
}

static void transfer_alu(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;
	const struct operand *src = &insn->ops[0], *dst = dst_op(insn);
	int g = op_gpr(dst);
	struct rval *r;

	if (g < 0 || insn->nr_ops != 2)
		goto generic;
	r = &st->regs[g];
	/* xor %r13w,%r13w clears only the low half: not a zero idiom below 32 bits. */
	if ((mn_is(insn, OP_XOR) || mn_is(insn, OP_SUB)) && op_gpr(src) == g && dst->size >= 4) {
		set_reg(st, g, rv(RV_CONST, 0));
		return;
	}
	/* Pointer arithmetic keeps a pointer into the IST area one (provenance, as in C). */
	if (c->an && (c->an->needs & NEED_IST_AREA) &&
	    (mn_is(insn, OP_ADD) || mn_is(insn, OP_SUB) || mn_is(insn, OP_AND) || mn_is(insn, OP_OR) ||
	     mn_is(insn, OP_XOR)) && r->kind != RV_CR3 &&
	    (ist_area_ptr(c, r) || (op_gpr(src) >= 0 && ist_area_ptr(c, &st->regs[op_gpr(src)])))) {
		set_reg(st, g, rv(RV_IST_AREA, 0));
		return;
	}
	if (src->kind != OPND_IMM)
		goto generic;
	if (r->kind == RV_CR3 && mn_is(insn, OP_AND) && !(src->imm & (1 << PTI_USER_BIT))) {
		*r = rv_state(RV_CR3, V_KERNEL, 1, 0);
		return;
	}
	if (r->kind == RV_CR3 && mn_is(insn, OP_OR) && (src->imm & (1 << PTI_USER_BIT))) {
		*r = rv_state(RV_CR3, V_USER, 1, 0);
		return;
	}
	/* PCID and NOFLUSH bits leave the page-table half alone. */
	if (r->kind == RV_CR3 && (mn_is(insn, OP_BTS) || mn_is(insn, OP_BTR) || mn_is(insn, OP_OR) ||
				  mn_is(insn, OP_AND)) && src->imm != PTI_USER_BIT)
		return;
	if (r->kind == RV_CONST && mn_is(insn, OP_AND)) {
		r->v &= src->imm;
		return;
	}
	if (r->kind == RV_CONST && mn_is(insn, OP_OR)) {
		r->v |= src->imm;
		return;
	}
generic:
	for (unsigned i = 0; i < insn->nr_ops; i++)
		if (insn->ops[i].kind == OPND_REG && (insn->ops[i].access & OPND_WRITE)) {
			if (op_gpr(&insn->ops[i]) == GPR_RSP)
				write_rsp(st, STK_UNKNOWN);
			else
				set_reg(st, op_gpr(&insn->ops[i]), rv(RV_UNKNOWN, 0));
		}
}

static void transfer_rdmsr(struct astate *st)
{
	struct rval ecx = st->regs[GPR_RCX];

	st->regs[GPR_RAX] = rv(RV_UNKNOWN, 0);
	if (ecx.kind == RV_CONST && (uint32_t)ecx.v == MSR_GS_BASE)
		st->regs[GPR_RDX] = rv_state(RV_GSBASE_HI, st->gs, st->gs_abs, st->gs_par);
	else
		st->regs[GPR_RDX] = rv(RV_UNKNOWN, 0);
}

static void transfer_wrgsbase(struct astate *st, const struct insn *insn)
{
	int g = insn->nr_ops ? op_gpr(&insn->ops[0]) : -1;

	if (g >= 0 && st->regs[g].kind == RV_GSBASE) {
		st->gs = st->regs[g].val;
		st->gs_abs = st->regs[g].abs;
		st->gs_par = st->regs[g].par;
	} else {
		/* SAVE_AND_SET_GSBASE writes the per-CPU base it computed. */
		st->gs = V_KERNEL;
		st->gs_abs = 1;
		st->gs_par = 0;
	}
}

static void transfer_cr3_write(struct astate *st, const struct insn *insn)
{
	int g = insn->nr_ops ? op_gpr(&insn->ops[0]) : -1;

	if (g >= 0 && st->regs[g].kind == RV_CR3) {
		st->cr3 = st->regs[g].val;
		st->cr3_abs = st->regs[g].abs;
	} else {
		st->cr3 = V_UNKNOWN;
		st->cr3_abs = 1;
	}
}

/* lea off(%base,%index,1): a pointer into the IST area plus an integer is one too. */
static bool lea_region_ptr(const struct actx *c, const struct mem_operand *m)
{
	int b = gpr_index(m->base), i = gpr_index(m->index);

	if (!c->an || !(c->an->needs & NEED_IST_AREA))
		return false;
	return (b >= 0 && ist_area_ptr(c, &c->st->regs[b])) ||
	       (i >= 0 && m->scale == 1 && ist_area_ptr(c, &c->st->regs[i]));
}

void transfer_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;
	const struct operand *dst = dst_op(insn);

	if (read_test(st, insn))
		return;
	if (!keeps_flags(insn))
		set_flags(st, FS_NONE, -1, 0);
	switch (insn->type) {
	case INSN_SWAPGS:
		st->gs = flip(st->gs);
		st->gs_par ^= 1;
		return;
	case INSN_CR3_READ:
		set_reg(st, op_gpr(dst), rv_state(RV_CR3, st->cr3, st->cr3_abs, 0));
		return;
	case INSN_CR3_WRITE:
		transfer_cr3_write(st, insn);
		return;
	case INSN_RDGSBASE:
		set_reg(st, op_gpr(dst), rv_state(RV_GSBASE, st->gs, st->gs_abs, st->gs_par));
		return;
	case INSN_WRGSBASE:
		transfer_wrgsbase(st, insn);
		return;
	case INSN_RDMSR:
		transfer_rdmsr(st);
		return;
	case INSN_WRMSR:
		return;
	case INSN_POP:
		/* pop %rsp loads the frame's user RSP, like mov RSP(%rsp),%rsp. */
		if (op_gpr(dst) == GPR_RSP)
			write_rsp(st, STK_USER);
		else
			set_reg(st, op_gpr(dst), rv(RV_UNKNOWN, 0));
		return;
	case INSN_PUSH: case INSN_NOP: case INSN_LFENCE: case INSN_MFENCE: case INSN_ENDBR:
	case INSN_CLAC: case INSN_STAC: case INSN_CLD: case INSN_STD: case INSN_CLI: case INSN_STI:
	case INSN_VERW: case INSN_JUMP: case INSN_JUMP_COND: case INSN_PUSHF:
		return;
	default:
		break;
	}
	if (mn_is(insn, OP_MOV) || mn_is(insn, OP_MOVABS)) {
		transfer_mov(c, insn);
		return;
	}
	if (mn_is(insn, OP_LEA) && insn->nr_ops == 2) {
		int g = op_gpr(dst);

		if (g == GPR_RSP)
			return;		/* lea off(%rsp),%rsp: the same stack */
		if (gpr_index(insn->ops[0].mem.base) == GPR_RSP && insn->ops[0].kind == OPND_MEM)
			set_reg(st, g, rv(RV_STACK, st->stack));	/* pt_regs pointers */
		else if (lea_region_ptr(c, &insn->ops[0].mem))
			set_reg(st, g, rv(RV_IST_AREA, 0));
		else
			set_reg(st, g, insn->mref.known && insn->mref.sym ?
				rv(RV_ADDR, (int64_t)insn->mref.addr) : rv(RV_UNKNOWN, 0));
		return;
	}
	if ((mn_is(insn, OP_ADD) || mn_is(insn, OP_SUB)) && dst && op_gpr(dst) == GPR_RSP)
		return;			/* moving within the same stack */
	transfer_alu(c, insn);
}

/* ---- branches ---- */

enum cond { C_NONE, C_E, C_NE, C_S, C_NS, C_B, C_AE };

static enum cond jcc_cond(const struct insn *insn)
{
	switch (insn->op) {
	case OP_JE: return C_E;
	case OP_JNE: return C_NE;
	case OP_JS: return C_S;
	case OP_JNS: return C_NS;
	case OP_JB: return C_B;
	case OP_JAE: return C_AE;
	default: return C_NONE;
	}
}

/* Does the condition hold, given the flag that the source sets: ZF, SF or CF? */
static int cond_on(enum cond cond, char flag, bool set)
{
	switch (cond) {
	case C_E:  return flag == 'Z' ? set : -1;
	case C_NE: return flag == 'Z' ? !set : -1;
	case C_S:  return flag == 'S' ? set : -1;
	case C_NS: return flag == 'S' ? !set : -1;
	case C_B:  return flag == 'C' ? set : -1;
	case C_AE: return flag == 'C' ? !set : -1;
	default:   return -1;
	}
}

static void refine_gs_rip(struct actx *c, uint64_t addr)
{
	const struct model *m = c->model;
	struct astate *st = c->st;

	for (size_t i = 0; i < m->nr_user_rips; i++) {
		const struct symbol *s = find_symbol(&c->file->elf, m->user_rips[i].symbol);

		if (!s || !s->sec)
			continue;
		if (!(addr == s->addr || (uint32_t)addr == (uint32_t)s->addr ||
		      (m->user_rips[i].inside && addr >= s->addr && addr < s->addr + s->size)))
			continue;
		st->gs = V_USER;
		st->gs_abs = 1;
		/* A faulting IRET to user ran on the trampoline stack with the user CR3. */
		if (m->user_rips[i].user_cr3 && under_pti(c))
			st->cr3 = V_USER, st->cr3_abs = 1;
		if (m->user_rips[i].user_cr3 && st->stack == STK_KERNEL) {
			st->stack = STK_ENTRY;
			st->regs[GPR_RSP] = rv(RV_STACK, STK_ENTRY);
		}
		st->flags |= AF_FIXUP;
		return;
	}
}

/*
 * The state on one side of a conditional branch: taken says which side.  Returns false if that
 * side cannot happen in this state (the CS test of a path whose origin is fixed, a constant).
 */
bool refine_branch(struct actx *c, const struct insn *insn, bool taken)
{
	struct astate *st = c->st;
	enum cond cond = jcc_cond(insn);
	struct rval *r = &st->regs[st->fs_reg];
	int holds;

	switch (st->fs_kind) {
	case FS_ORIGIN:			/* ZF set: (CS & 3) == 0, from kernel mode */
		holds = cond_on(cond, 'Z', st->origin == V_KERNEL);
		return holds < 0 || holds == taken;
	case FS_CONST:
		holds = cond_on(cond, 'Z', st->fs_v == 0);
		return holds < 0 || holds == taken;
	case FS_GS_SIGN:		/* SF set: a kernel GSBASE */
		holds = cond_on(cond, 'S', true);
		if (holds < 0)
			return true;
		if (r->val != V_UNKNOWN && (r->val == V_KERNEL) != (holds == taken))
			return false;
		if (!r->abs && !r->par && st->gs_entry == V_UNKNOWN)
			st->gs_entry = holds == taken ? V_KERNEL : V_USER;
		if (r->abs == st->gs_abs && r->par == st->gs_par)
			st->gs = holds == taken ? V_KERNEL : V_USER;
		return true;
	case FS_CR3_BIT12:		/* CF set: the user page tables */
		holds = cond_on(cond, 'C', true);
		if (holds < 0)
			return true;
		if (r->val != V_UNKNOWN && (r->val == V_USER) != (holds == taken))
			return false;
		for (int g = 0; g < NR_GPRS; g++)
			if (st->regs[g].kind == RV_CR3 && st->regs[g].abs == r->abs &&
			    st->regs[g].val == V_UNKNOWN)
				st->regs[g].val = holds == taken ? V_USER : V_KERNEL;
		if (!r->abs && st->cr3_entry == V_UNKNOWN)
			st->cr3_entry = holds == taken ? V_USER : V_KERNEL;
		if (!r->abs && !st->cr3_abs)
			st->cr3 = holds == taken ? V_USER : V_KERNEL;
		return true;
	case FS_EQ_ADDR:
		holds = cond_on(cond, 'Z', true);
		if (holds >= 0 && holds == taken)
			refine_gs_rip(c, (uint64_t)st->fs_v);
		return true;
	case FS_LDT_SS:			/* ZF clear: an LDT stack segment, which only user mode has */
		holds = cond_on(cond, 'Z', true);
		return holds < 0 || holds == taken || st->origin != V_KERNEL;
	case FS_VERDICT:		/* ZF set: false, take the IRET path */
		holds = cond_on(cond, 'Z', true);
		if (holds >= 0 && holds != taken)
			st->flags |= AF_VETTED;
		return true;
	default:
		return true;
	}
}
