// SPDX-License-Identifier: GPL-2.0
/*
 * stack-gap and stack-ist: where RSP points.
 *
 * stack-gap: while RSP holds the user's value (SYSCALL until the trusted load of the task stack,
 * and again after the final `pop %rsp` / `mov RSP(%rsp),%rsp`), nothing may use the stack, and
 * the instructions that run with it must lie inside the windows ip_within_syscall_gap() knows.
 * stack-ist: on a shared IST stack, interrupts stay off and a path from user mode reaches the task
 * stack before it calls C (a nested NMI/#MC/#DB would overwrite the frame).  The NMI pushes one
 * register before it switches stacks (from user mode) or before its nested-NMI checks hand over
 * (from kernel mode, at the model's nmi_checks_end labels): the slot below it is the "NMI
 * executing" variable of the nested-NMI protocol, which a second push would overwrite.
 */
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* This family's per-path bits in astate.family, fixed in checks.h (.bits_at). */
enum { bits_at = STACK_BITS_AT };
#define STACK_REPORTED	(1ull << (bits_at + 0))	/* one stack-gap per path */
#define NMI_WINDOW	(1ull << (bits_at + 1))	/* NMI entry, before the switch or the checks hand over */
#define NMI_PUSHED	(1ull << (bits_at + 2))	/* the protocol's one push was made */

static bool uses_stack(const struct insn *insn)
{
	switch (insn->type) {
	case INSN_PUSH: case INSN_POP: case INSN_PUSHF: case INSN_POPF: case INSN_CALL:
	case INSN_CALL_DYNAMIC: case INSN_RET: case INSN_LEAVE:
		return true;
	default:
		return insn->flags & INSN_F_STACK_MEM;
	}
}

static bool in_gap_window(const struct actx *c, uint64_t addr)
{
	const struct elf_file *ef = &c->file->elf;

	for (size_t i = 0; i < c->model->nr_gaps; i++) {
		const struct symbol *s = find_symbol(ef, c->model->gaps[i].start);
		const struct symbol *e = find_symbol(ef, c->model->gaps[i].end);

		if (s && e && s->sec && addr >= s->addr && addr < e->addr)
			return true;
	}
	return false;
}

static bool pushes(const struct insn *insn)
{
	return insn->type == INSN_PUSH || insn->type == INSN_PUSHF || insn->type == INSN_CALL ||
	       insn->type == INSN_CALL_DYNAMIC;
}

/* The NMI's one push: the window closes when the stack changes or the checks hand over. */
static void check_nmi_push(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	if (st->stack != STK_IST || model_label_at(&c->file->elf, insn->addr, ROLE_NMI_CHECKS_END)) {
		st->family &= ~(NMI_WINDOW | NMI_PUSHED);
		return;
	}
	if (!pushes(insn) || span_governed(c))
		return;
	if (st->family & NMI_PUSHED) {
		report_contract(c, RULE_stack_ist, insn, "%s writes the NMI stack a second time before the "
				"stack switch or the nested-NMI checks: it overwrites the \"NMI executing\" "
				"variable", insn->mnemonic);
		st->family &= ~(NMI_WINDOW | NMI_PUSHED);	/* one finding per path */
		return;
	}
	st->family |= NMI_PUSHED;
}

static void stack_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	if (st->stack == STK_USER && !(st->family & STACK_REPORTED)) {
		if (uses_stack(insn)) {
			report_contract(c, RULE_stack_gap, insn, "%s uses the stack while RSP is the user's",
					insn->mnemonic);
			st->family |= STACK_REPORTED;
		} else if (c->model->nr_gaps && !in_gap_window(c, insn->addr) &&
			   insn->type != INSN_SYSRET && !(insn->flags & INSN_F_REPLACEMENT)) {
			report_contract(c, RULE_stack_gap, insn,
					"RSP is the user's here, outside the windows ip_within_syscall_gap() covers");
			st->family |= STACK_REPORTED;
		}
	}
	if (st->stack == STK_IST && (insn->type == INSN_STI || insn->type == INSN_POPF))
		report_contract(c, RULE_stack_ist, insn, "%s may enable interrupts on the IST stack",
				insn->mnemonic);
	if (st->family & NMI_WINDOW)
		check_nmi_push(c, insn);
}

static void stack_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	/* The untraining and BHB thunks are asm that only calls and returns. */
	if (callee && (callee->roles & (ROLE_UNTRAIN | ROLE_BHB_CLEAR)))
		return;
	/* A stack switcher is how the path leaves the IST stack. */
	if (callee && (callee->roles & ROLE_SWITCHER))
		return;
	if (c->st->stack == STK_IST && c->st->origin == V_USER)
		report_contract(c, RULE_stack_ist, insn,
				"call to %s on the IST stack from user mode (the task stack is not reached)",
				callee ? callee->name : "an indirect target");
}

/*
 * The NMI from user mode is judged up to its stack switch.  From kernel mode the window ends
 * where the model says the nested-NMI checks hand over; a model that names no such labels (an
 * NMI without the nested protocol) leaves the kernel path to the aist contract.
 */
static void stack_init(struct actx *c)
{
	if (c->ep->me->kind == ENTRY_IDT_IST && c->ep->vector == 2 &&
	    (c->st->origin == V_USER || c->model->lists[ML_NMI_CHECKS_END].nr))
		c->st->family |= NMI_WINDOW;
}

static const enum rule_id stack_rules[] = { RULE_stack_gap, RULE_stack_ist };

const struct contract_check stack_checks = {
	.bits = STACK_BITS,
	.bits_at = STACK_BITS_AT,
	.name = "stack",
	.rules = stack_rules,
	.nr_rules = ARRAY_SIZE(stack_rules),
	.init = stack_init,
	.insn = stack_insn,
	.call = stack_call,
};
