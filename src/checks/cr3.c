// SPDX-License-Identifier: GPL-2.0
/*
 * cr3-user-access and cr3-balance: page tables under PTI.
 *
 * While CR3 may be the user's, only user-mapped text may run and only user-mapped data
 * (cpu_entry_area stacks, cpu_tss_rw, entry-text data) may be touched.  An access outside that
 * set is held back until the path confirms it: a later kernel-CR3 write, or the exit, makes it a
 * cr3-user-access finding; reaching C or leaving entry text with the user CR3 instead means the
 * switch itself is missing, a cr3-balance finding, and the accesses were its consequences.
 */
#include <string.h>

#include <istcheck/analysis.h>
#include <istcheck/checks.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* This family's per-path bits in astate.family, fixed in checks.h (.bits_at). */
enum { bits_at = CR3_BITS_AT };
#define CR3_REPORTED	(1ull << (bits_at + 0))	/* one cr3-user-access per path */

/*
 * A memory access with user CR3 that may still prove harmless (a path that never reaches a
 * user exit after it): its function and address, in the two words the engine gives the family.
 */
enum { words_at = CR3_WORDS_AT };

static struct function *pending_func(const struct astate *st)
{
	return (struct function *)(uintptr_t)st->words[words_at];
}

static uint64_t pending_addr(const struct astate *st)
{
	return st->words[words_at + 1];
}

static void set_pending(struct astate *st, const struct function *func, uint64_t addr)
{
	st->words[words_at] = (uintptr_t)func;
	st->words[words_at + 1] = addr;
}

static bool user_cr3(const struct actx *c)
{
	return under_pti(c) && c->st->cr3 != V_KERNEL;
}

/* Is the memory operand of insn mapped in the user page tables? */
static bool user_mapped_operand(const struct actx *c, const struct insn *insn)
{
	const struct astate *st = c->st;
	const struct symbol *s = insn->mref.sym;

	if (insn->flags & INSN_F_STACK_MEM)
		return st->stack != STK_KERNEL;
	if (!s)
		return true;		/* through a register: not known here */
	if (s->roles & ROLE_USER_DATA)
		return true;
	return insn->mref.known && addr_class(&c->file->elf, insn->mref.addr) == CODE_ENTRY;
}

static void confirm_pending(struct actx *c)
{
	struct astate *st = c->st;
	const struct block *b;

	if (!pending_func(st))
		return;
	b = block_containing(pending_func(st), pending_addr(st));
	for (size_t i = 0; b && i < b->nr_insns; i++)
		if (b->insns[i].addr == pending_addr(st))
			report_contract(c, RULE_cr3_user_access, &b->insns[i],
					"%s touches memory that is not mapped in the user page tables "
					"while CR3 is the user's", b->insns[i].mnemonic);
	set_pending(st, NULL, 0);
}

static void cr3_insn(struct actx *c, const struct insn *insn)
{
	struct astate *st = c->st;

	if (insn->type == INSN_CR3_WRITE) {
		confirm_pending(c);
		return;
	}
	if (!user_cr3(c) || (st->family & CR3_REPORTED))
		return;
	if (!is_user_mapped_text(c, insn->addr) && !(insn->flags & INSN_F_REPLACEMENT)) {
		report_contract(c, RULE_cr3_balance, insn,
				"runs outside the user-mapped entry text with %s CR3", val3_name(st->cr3));
		st->family |= CR3_REPORTED;
		set_pending(st, NULL, 0);
		return;
	}
	if ((insn->flags & (INSN_F_MEM | INSN_F_STACK_MEM)) && insn->type != INSN_VERW &&
	    !user_mapped_operand(c, insn) && !pending_func(st))
		set_pending(st, c->node->func, insn->addr);
}

static void cr3_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	struct astate *st = c->st;

	if (!user_cr3(c) || (st->family & CR3_REPORTED))
		return;
	if (callee && is_user_mapped_text(c, callee->addr))
		return;
	report_contract(c, RULE_cr3_balance, insn, "call to %s with %s CR3: no switch to the kernel CR3 on this path",
			callee ? callee->name : "an indirect target", val3_name(st->cr3));
	st->family |= CR3_REPORTED;
	set_pending(st, NULL, 0);
}

static void cr3_exit(struct actx *c, const struct insn *insn, enum exit_kind kind)
{
	struct astate *st = c->st;

	confirm_pending(c);
	if (!under_pti(c))
		return;
	switch (kind) {
	case EXIT_SYSRET:
	case EXIT_IRET_USER:
		if (st->cr3 != V_USER)
			report_contract(c, RULE_cr3_balance, insn,
					"returns to user mode with %s CR3: no switch to the user CR3",
					val3_name(st->cr3));
		break;
	case EXIT_IRET_KERNEL:
		if (st->flags & AF_FIXUP)
			break;
		if (st->cr3_abs && !(st->cr3 != V_UNKNOWN && st->cr3 == st->cr3_entry))
			report_contract(c, RULE_cr3_balance, insn,
					"returns to kernel mode with %s CR3, not the %s one it entered with",
					val3_name(st->cr3), val3_name(st->cr3_entry));
		break;
	default:
		break;
	}
}

static const enum rule_id cr3_rules[] = { RULE_cr3_user_access, RULE_cr3_balance };

const struct contract_check cr3_checks = {
	.bits = CR3_BITS,
	.bits_at = CR3_BITS_AT,
	.words = CR3_WORDS,
	.words_at = CR3_WORDS_AT,
	.name = "cr3",
	.rules = cr3_rules,
	.nr_rules = ARRAY_SIZE(cr3_rules),
	.insn = cr3_insn,
	.call = cr3_call,
	.exit = cr3_exit,
};
