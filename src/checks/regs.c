// SPDX-License-Identifier: GPL-2.0
/*
 * regs-frame: pt_regs is built from the right registers, and the user's registers are scrubbed
 * before C runs (entry-contract I11).
 *
 * The model lists, per entry, the slots its one run of pushes on the task stack fills (ss down to
 * r15) and where each value must come from.  The engine's register dataflow knows which user
 * register a register still holds; a push whose value is known to be something else is the
 * bug of 8c42819b61b8 (compat SYSCALL pushed %rcx, which SYSCALL clobbered, for pt_regs->cx).
 * A value the dataflow lost (popped, loaded from memory) is not judged.
 */
#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* What the push stores, in words for the message; NULL if it matches the slot or is unknown. */
/* This family's per-path bits in astate.family, fixed in checks.h (.bits_at). */
enum { bits_at = REGS_BITS_AT };
#define REGS_REPORTED	(1ull << (bits_at + 0))	/* one regs-frame finding per path */
#define FRAME_SHIFT	(bits_at + 1)		/* 8 bits: the next pt_regs slot + 1; 0: not begun */
#define FRAME_DONE	0xff

static unsigned frame(const struct astate *st)
{
	return (unsigned)(st->family >> FRAME_SHIFT) & 0xff;
}

static void set_frame(struct astate *st, unsigned slot)
{
	st->family = (st->family & ~(0xffull << FRAME_SHIFT)) | (uint64_t)(slot & 0xff) << FRAME_SHIFT;
}

static const char *wrong_source(const struct astate *st, const struct insn *insn,
				const struct model_slot *slot, char *buf, size_t size)
{
	const struct operand *op = insn->nr_ops ? &insn->ops[0] : NULL;
	int g = op && op->kind == OPND_REG ? gpr_index(op->reg) : -1;
	bool is_imm = op && op->kind == OPND_IMM, is_mem = op && op->kind == OPND_MEM;

	if (insn->type == INSN_PUSHF)
		return slot->src == SLOT_FLAGS || slot->src == SLOT_ANY ? NULL : "RFLAGS";
	snprintf(buf, size, "%s", insn->op_str ? insn->op_str : "?");
	switch (slot->src) {
	case SLOT_IMM:
		return is_imm ? NULL : buf;
	case SLOT_FLAGS:
		return buf;
	case SLOT_MEM:
		if (!is_mem)
			return buf;
		if (slot->reg >= 0 && (gpr_index(op->mem.base) != slot->reg || op->mem.disp != slot->disp))
			return buf;
		return NULL;
	case SLOT_USER:
		if (is_imm || is_mem)
			return is_mem ? NULL : buf;	/* memory: the dataflow cannot tell */
		if (g < 0 || st->regs[g].kind == RV_UNKNOWN)
			return NULL;
		if (st->regs[g].kind == RV_USER && st->regs[g].v == slot->reg)
			return NULL;
		if (st->regs[g].kind == RV_USER)
			snprintf(buf, size, "%s, which holds the user's %s", insn->op_str,
				 gpr_name((int)st->regs[g].v));
		return buf;
	default:
		return NULL;
	}
}

static void regs_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;
	const struct model_frame *fr;
	const struct model_slot *slot;
	const char *wrong;
	char buf[96];

	if (frame(st) == FRAME_DONE || st->origin != V_USER)
		return;
	if (insn->type == INSN_POP || insn->type == INSN_POPF) {
		if (frame(st))
			set_frame(st, FRAME_DONE);
		return;
	}
	if (insn->type != INSN_PUSH && insn->type != INSN_PUSHF)
		return;
	/* The frame is the run of pushes that starts on the task stack. */
	if (!frame(st) && st->stack != STK_KERNEL)
		return;
	fr = model_frame(c->model, c->ep->name);
	if (!fr || frame(st) >= fr->nr_slots) {
		set_frame(st, FRAME_DONE);
		return;
	}
	slot = &fr->slots[frame(st)];
	set_frame(st, frame(st) + 1);
	wrong = wrong_source(st, insn, slot, buf, sizeof(buf));
	if (wrong)
		report_contract(c, RULE_regs_frame, insn, "pt_regs->%s is pushed from %s, not %s%s",
				slot->name, wrong,
				slot->src == SLOT_USER ? "the user's " : "",
				slot->src == SLOT_USER ? gpr_name(slot->reg) :
				slot->src == SLOT_IMM ? "an immediate" :
				slot->src == SLOT_FLAGS ? "RFLAGS" : "the saved frame");
}

/* Registers C may see: anything but RAX (a return value) and RDI (the pt_regs pointer). */
static void regs_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	struct astate *st = c->st;

	set_frame(st, FRAME_DONE);
	if (st->origin != V_USER || (st->family & REGS_REPORTED))
		return;
	/* The untraining and BHB thunks are asm that reads no argument. */
	if (callee && (callee->roles & (ROLE_UNTRAIN | ROLE_BHB_CLEAR)))
		return;
	for (int g = 0; g < NR_GPRS; g++) {
		if (g == GPR_RAX || g == GPR_RDI || g == GPR_RSP || st->regs[g].kind != RV_USER)
			continue;
		report_contract(c, RULE_regs_frame, insn,
				"call to %s with the user's %s still in %s: registers not scrubbed (CLEAR_REGS)",
				callee ? callee->name : "an indirect target", gpr_name((int)st->regs[g].v),
				gpr_name(g));
		st->family |= REGS_REPORTED;
		return;
	}
}

static const enum rule_id regs_rules[] = { RULE_regs_frame };

const struct contract_check regs_checks = {
	.bits = REGS_BITS,
	.bits_at = REGS_BITS_AT,
	.name = "regs",
	.rules = regs_rules,
	.nr_rules = ARRAY_SIZE(regs_rules),
	.insn = regs_insn,
	.call = regs_call,
};
