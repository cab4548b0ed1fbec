// SPDX-License-Identifier: GPL-2.0
/*
 * stack-gap and stack-ist: where RSP points.
 *
 * stack-gap: while RSP holds the user's value (SYSCALL until the trusted load of the task stack,
 * and again after the final `pop %rsp` / `mov RSP(%rsp),%rsp`), nothing may use the stack, and
 * the instructions that run with it must lie inside the windows ip_within_syscall_gap() knows.
 * stack-ist: on a shared IST stack, interrupts stay off and a path from user mode reaches the task
 * stack before it calls C (a nested NMI/#MC/#DB would overwrite the frame).
 */
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/istcheck.h>

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

static void stack_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	if (st->stack == STK_USER && !(st->flags & AF_STACK_REPORTED)) {
		if (uses_stack(insn)) {
			report_contract(c, RULE_stack_gap, insn, "%s uses the stack while RSP is the user's",
					insn->mnemonic);
			st->flags |= AF_STACK_REPORTED;
		} else if (c->model->nr_gaps && !in_gap_window(c, insn->addr) &&
			   insn->type != INSN_SYSRET && !(insn->flags & INSN_F_REPLACEMENT)) {
			report_contract(c, RULE_stack_gap, insn,
					"RSP is the user's here, outside the windows ip_within_syscall_gap() covers");
			st->flags |= AF_STACK_REPORTED;
		}
	}
	if (st->stack == STK_IST && (insn->type == INSN_STI || insn->type == INSN_POPF))
		report_contract(c, RULE_stack_ist, insn, "%s may enable interrupts on the IST stack",
				insn->mnemonic);
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

const struct contract_check stack_checks = {
	.insn = stack_insn,
	.call = stack_call,
};
