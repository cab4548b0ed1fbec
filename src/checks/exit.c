// SPDX-License-Identifier: GPL-2.0
/*
 * exit-sysret: SYSRET only when the C handler vetted the frame.  do_syscall_64() returns true
 * only if RCX == RIP, R11 == RFLAGS, the selectors match and RIP is canonical user space
 * (CVE-2014-4699); the asm must test that verdict on every path to sysretq/sysretl.
 */
#include <istcheck/analysis.h>
#include <istcheck/istcheck.h>
#include <istcheck/util.h>

/* RCX and R11 still hold what SYSCALL put there: nothing to vet (entry_SYSCALL32_ignore). */
static bool frame_untouched(const struct astate *st)
{
	return st->regs[GPR_RCX].kind == RV_USER && st->regs[GPR_RCX].v == GPR_RCX &&
	       st->regs[GPR_R11].kind == RV_USER && st->regs[GPR_R11].v == GPR_R11;
}

static void exit_exit(struct actx *c, const struct insn *insn, enum exit_kind kind)
{
	if (kind == EXIT_SYSRET && !(c->st->flags & AF_VETTED) && !frame_untouched(c->st))
		report_contract(c, RULE_exit_sysret, insn,
				"sysret reachable without testing the syscall handler's verdict");
}

/* Before 6.6 the asm compared RCX/R11/CS/SS itself; the model names the label after the tests
 * (an alternative site may start there, so sites are looked at too). */
static void vetted_at(struct actx *c, uint64_t addr)
{
	const struct model *m = c->model;

	for (size_t i = 0; i < m->lists[ML_SYSRET_VETTED_AT].nr; i++) {
		const struct symbol *s = find_symbol(&c->file->elf, m->lists[ML_SYSRET_VETTED_AT].names[i]);

		if (s && s->sec && s->addr == addr)
			c->st->flags |= AF_VETTED;
	}
}

static void exit_insn(struct actx *c, const struct insn *insn)
{
	vetted_at(c, insn->addr);
}

static void exit_site(struct actx *c, const struct block *choice)
{
	vetted_at(c, choice->start);
}

static void exit_call(struct actx *c, const struct insn *insn, const struct symbol *callee)
{
	(void)insn;
	(void)callee;
	c->st->flags &= ~AF_VETTED;
}

static const enum rule_id exit_rules[] = { RULE_exit_sysret };

const struct contract_check exit_checks = {
	.name = "exit",
	.rules = exit_rules,
	.nr_rules = ARRAY_SIZE(exit_rules),
	.insn = exit_insn,
	.site = exit_site,
	.call = exit_call,
	.exit = exit_exit,
};
